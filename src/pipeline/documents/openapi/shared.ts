// What every operation shares: problem responses, headers and parameters, and
// the one function that assembles an operation. Response bodies that are not
// table rows are in response-schemas.ts.
import { CACHE_CONTROL } from '../../../core/freshness.ts';
import { DOCUMENTS, type DocumentName } from '../../../core/paths.ts';
import { semver } from '../../../schema/release.ts';
import { negotiate, PAGE_TYPE } from '../../../core/negotiate.ts';
import { ApiError, notFound, problemBody, unavailable } from '../../../core/problem.ts';
import { CACHE_BUSTER, parseTableQuery } from '../../../core/query-params.ts';
import type { Table } from '../../../schema/table.ts';
import { type Json, oasSchema, ref } from './schema.ts';

/** `country_roles` → `CountryRoles`, for component names and operationIds. */
export const pascal = (name: string) => name.replace(/(?:^|[_-])([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Metadata documents served beside the data (the landing page is `/` only). */
/** The page a browser gets where JSON and CSV are negotiated (src/core/negotiate.ts negotiateView). */
export const PAGE_CONTENT: Record<string, Json> = {
  [PAGE_TYPE.split(';')[0]!]: { schema: { type: 'string', description: 'An HTML page for people: the same answer, with links, filters and downloads.' } },
};
export const NEGOTIATION_NOTE =
  'Without a suffix the `Accept` header picks the format, JSON by default; a client that prefers `text/html`, as browsers do, gets a page (also at the `.html` suffix).';

export const DOCUMENT_NAMES = (Object.keys(DOCUMENTS) as DocumentName[]).filter((d): d is Exclude<DocumentName, 'landing'> => d !== 'landing');

/** Response headers, described once (components.headers). */
export const SHARED_HEADERS = {
  ETag: { description: 'Strong validator: a hash of exactly these bytes. Send it in If-None-Match to get a 304.', schema: { type: 'string' } },
  'Cache-Control': {
    description:
      `\`${CACHE_CONTROL.immutable}\` for the stored bytes of a whole table pinned to a release; \`${CACHE_CONTROL.latest}\` for latest URLs, for anything rendered per request (filtered, sorted or paged tables and rows, pinned or not), indexes and metadata documents; \`${CACHE_CONTROL.short}\` while a new release is still reaching this location.`,
    schema: { type: 'string' },
  },
  'Last-Modified': { description: 'The date of the release, at midnight UTC.', schema: { type: 'string' } },
  Link: {
    description: 'RFC 8288 links: `describedby` the JSON Schema and the Data Package, `license`; with `limit`, the `first`, `prev`, `next` and `last` pages.',
    schema: { type: 'string' },
  },
  'X-Total-Count': { description: 'Rows matching the query, before limit and offset.', schema: { type: 'integer', minimum: 0 } },
  'X-Release-Version': { description: 'The release these bytes come from.', schema: oasSchema(semver) },
  'Content-Location': { description: 'Latest URLs only: the URL of the same bytes pinned to their release.', schema: { type: 'string' } },
  'Content-Disposition': { description: 'CSV only: `attachment`, with a file name that names the release.', schema: { type: 'string' } },
  Vary: { description: 'URLs without a .json or .csv suffix: `Accept`, which chose the format.', schema: { type: 'string' } },
  'Access-Control-Allow-Origin': { description: 'Always `*`: any web page may read this API.', schema: { type: 'string', const: '*' } },
  'Retry-After': { description: 'Seconds to wait before asking again.', schema: { type: 'integer', minimum: 0 } },
} satisfies Record<string, { description: string; schema: Json }>;
export type HeaderName = keyof typeof SHARED_HEADERS;

export const headers = (...names: HeaderName[]) => Object.fromEntries(names.map((n) => [n, ref('headers', n)]));

const problemContent = (example: Json) => ({ 'application/problem+json': { schema: ref('schemas', 'Problem'), example } });

// Example problems are rendered by the Worker's own code, so they cannot drift from what it sends.
const problemExample = (error: ApiError, instance: string) => JSON.parse(problemBody(error, instance)) as Json;

function refusal(attempt: () => unknown, instance: string): Json {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ApiError) return problemExample(error, instance);
    throw error;
  }
  throw new Error(`expected a refusal for the example at ${instance}`);
}

export function sharedResponses(example: Table): Record<string, Json> {
  return {
    NotModified: { description: 'The ETag matches If-None-Match: no body.', headers: headers('ETag', 'Cache-Control', 'Access-Control-Allow-Origin') },
    BadRequest: {
      description: 'A query parameter is unknown or invalid (`invalid_params` names each and what it accepts), or this resource takes none.',
      headers: headers('Access-Control-Allow-Origin'),
      content: problemContent(refusal(() => parseTableQuery(example, 'json', new URLSearchParams({ limit: '100000' })), `/v1/${example.name}.json`)),
    },
    NotFound: {
      description: 'No such release, table, row or document.',
      headers: headers('Access-Control-Allow-Origin'),
      content: problemContent(problemExample(notFound('Nothing lives at /v2. Start at / or /v1.'), '/v2')),
    },
    NotAcceptable: {
      description: 'The Accept header accepts neither JSON nor CSV: add .json or .csv to the URL, or accept one of them.',
      headers: headers('Access-Control-Allow-Origin'),
      content: problemContent(refusal(() => negotiate(undefined, 'image/png'), '/v1/releases')),
    },
    Unavailable: {
      description: 'The data store could not be read, or part of a release has not reached this location yet.',
      headers: headers('Retry-After', 'Access-Control-Allow-Origin'),
      content: problemContent(problemExample(unavailable('The data store could not be read. Please retry shortly.'), '/v1/metrics')),
    },
  };
}

export function sharedParameters(versions: string[]): Record<string, Json> {
  const version = { ...oasSchema(semver), examples: versions };
  return {
    Version: {
      name: 'version',
      in: 'path',
      required: true,
      description: `A published release (as of this document: ${versions.join(', ')}).`,
      schema: version,
    },
    // Examples in the other order, so that the first of each names two different releases.
    To: {
      name: 'to',
      in: 'path',
      required: true,
      description: 'The other release: changes are from `version` to `to`.',
      schema: { ...version, examples: [...versions].reverse() },
    },
    CacheBuster: {
      name: CACHE_BUSTER,
      in: 'query',
      description: 'Ignored on purpose: a cache-buster for spreadsheets that cache by URL.',
      schema: { type: 'string' },
    },
    IfNoneMatch: {
      name: 'If-None-Match',
      in: 'header',
      description: 'ETags you already hold: a match gets 304 Not Modified without a body.',
      schema: { type: 'string' },
    },
  };
}

/** One GET operation. Every operation takes the cache-buster and If-None-Match, and may answer 304 or 503. */
export function getOperation(spec: {
  id: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: Json[];
  ok: { description: string; headers: HeaderName[]; content: Record<string, Json> };
  errors: ('BadRequest' | 'NotFound' | 'NotAcceptable')[];
}): Json {
  const status = { BadRequest: 400, NotFound: 404, NotAcceptable: 406 } as const;
  return {
    get: {
      operationId: spec.id,
      summary: spec.summary,
      description: spec.description,
      tags: spec.tags,
      parameters: [...(spec.parameters ?? []), ref('parameters', 'CacheBuster'), ref('parameters', 'IfNoneMatch')],
      responses: {
        200: { description: spec.ok.description, headers: headers(...spec.ok.headers, 'ETag', 'Cache-Control', 'Access-Control-Allow-Origin'), content: spec.ok.content },
        304: ref('responses', 'NotModified'),
        ...Object.fromEntries(spec.errors.map((e) => [status[e], ref('responses', e)])),
        503: ref('responses', 'Unavailable'),
      },
    },
  };
}
