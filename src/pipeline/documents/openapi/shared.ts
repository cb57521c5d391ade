// What every operation shares: response bodies that are not table rows
// (written in zod beside the schemas they reuse), problem responses, headers
// and parameters, and the one function that assembles an operation.
import * as z from 'zod';
import { DIFF_CSV_COLUMNS, type RowChange } from '../../render/diff.ts';
import { DOCUMENTS, type DocumentName, type Format } from '../../../core/paths.ts';
import { count, vocabulary } from '../../../schema/fields.ts';
import { manifest, releaseInfo, releaseSummary, semver } from '../../../schema/release.ts';
import { renderCsv } from '../../../core/render/csv.ts';
import { MEDIA_TYPES, negotiate } from '../../../core/negotiate.ts';
import { ApiError, notFound, problemBody, unavailable } from '../../../core/problem.ts';
import { CACHE_BUSTER, parseTableQuery } from '../../../core/query-params.ts';
import type { Table } from '../../../schema/table.ts';
import { type Json, oasSchema, ref } from './schema.ts';

export const FORMATS = Object.keys(MEDIA_TYPES) as Format[];

/** The media type without its parameters, as Accept and OpenAPI name it: `text/csv`. */
export const mediaType = (format: Format) => MEDIA_TYPES[format].split(';')[0]!;

/** `country_roles` → `CountryRoles`, for component names and operationIds. */
export const pascal = (name: string) => name.replace(/(?:^|[_-])([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Metadata documents served beside the data (the landing page is `/` only). */
export const DOCUMENT_NAMES = (Object.keys(DOCUMENTS) as DocumentName[]).filter((d): d is Exclude<DocumentName, 'landing'> => d !== 'landing');

const path = (description: string) => z.string().regex(/^\//).meta({ description });
const licence = releaseInfo.shape.licence.meta({ description: 'Licence of the data' });
const citation = z.string().meta({ description: 'How to cite this release' });
const documentLinks = Object.fromEntries(DOCUMENT_NAMES.map((d) => [d, path(`This release's ${DOCUMENTS[d].file}`)]));

const tableMeta = z.object({
  table: z.string().meta({ description: 'Table name' }),
  version: semver.meta({ description: 'Release the rows come from' }),
  released: z.iso.date().meta({ description: 'Date of that release' }),
  rows: count('Rows in this response'),
  total: count('Rows matching the query, before limit and offset'),
  offset: count('Rows skipped'),
  limit: z.int().min(1).nullable().meta({ description: 'Page size asked for; null for every matching row' }),
  licence,
  citation,
  links: z.object({
    self: path('This response'),
    csv: path('The same query as CSV'),
    schema: path("JSON Schema of the table's rows"),
    next: path('The next page, or null on the last').nullable(),
    latest: path('The whole table in the latest release'),
  }),
});

const rowMeta = tableMeta.pick({ table: true, version: true, released: true, licence: true, citation: true }).extend({
  links: z.object({
    self: path('This row, pinned to its release'),
    table: path('Its table, pinned to its release'),
    schema: path("JSON Schema of the table's rows"),
    latest: path('This row in the latest release'),
  }),
});

const problem = z
  .object({
    type: z.literal('about:blank').meta({ description: 'The status code says what happened' }),
    title: z.string().meta({ description: 'HTTP reason phrase' }),
    status: z.int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong and what to do, in a sentence' }),
    instance: path('The path that was asked for'),
    invalid_params: z
      .array(
        z.object({
          name: z.string().meta({ description: 'The query parameter' }),
          reason: z.string(),
          allowed: z.union([z.array(z.string()), z.string()]).optional().meta({ description: 'What it accepts' }),
        }),
      )
      .optional()
      .meta({ description: '400 only: each query parameter that was refused' }),
    available: z.array(z.string()).optional().meta({ description: '406 only: the media types on offer' }),
  })
  .meta({ title: 'Problem', description: 'An RFC 9457 problem: every error has this shape.' });

const releaseList = z.object({
  data: z
    .array(
      releaseSummary.omit({ documents: true, manifest: true }).extend({
        latest: z.boolean().meta({ description: 'Whether /v1 URLs serve this release' }),
        links: z.object({ self: path('The release'), tables: z.record(z.string(), path('A table of it, as JSON')) }),
      }),
    )
    .meta({ description: 'Every published release, newest first' }),
  meta: z.object({ latest: semver, total: count('Releases'), links: z.object({ self: path('This list'), csv: path('This list as CSV') }) }),
});

const file = z.object({ url: path('Pinned URL'), sha256: manifest.shape.hash, bytes: count('Size of the body') });
const releaseDetail = z.object({
  data: manifest.omit({ tables: true }).extend({
    tables: z.array(z.object({ name: z.string(), rows: count('Rows'), csv: file, json: file, schema: path('JSON Schema of the rows') })),
  }),
  meta: z.object({ links: z.object({ self: path('This release'), releases: path('Every release'), ...documentLinks }) }),
});

/** Typed as a record so a new kind of change cannot go undocumented. */
const CHANGES: Record<RowChange['change'], string> = {
  added: 'The row is only in the second release',
  removed: 'The row is only in the first release',
  changed: 'The row is in both, with different values',
};
const cells = z.record(z.string(), z.union([z.string(), z.number(), z.null(), z.array(z.string())]));
const diff = z.object({
  data: z.array(
    z.object({
      table: z.string(),
      key: z.string().meta({ description: 'Primary key values joined with /' }),
      change: vocabulary(CHANGES, 'What happened to the row'),
      fields: z.array(z.string()).meta({ description: 'Columns that differ (every column for added or removed rows)' }),
      old: cells.nullable().meta({ description: 'The row in the first release' }),
      new: cells.nullable().meta({ description: 'The row in the second release' }),
    }),
  ),
  meta: z.object({
    from: semver,
    to: semver,
    rows: count('Changed rows'),
    counts: z.record(z.string(), z.object(Object.fromEntries(Object.keys(CHANGES).map((c) => [c, count(`Rows ${c}`)])))),
    links: z.object({ self: path('This comparison as JSON'), csv: path('This comparison as CSV') }),
  }),
});

const apiIndex = z.object({
  title: z.string(),
  description: z.string(),
  latest: semver,
  licence,
  tables: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      description: z.string(),
      rows: count('Rows in the latest release'),
      filters: z.array(z.string()).meta({ description: 'Its filter parameters' }),
      search: z.boolean().meta({ description: 'Whether it takes ?q=' }),
      links: z.object({ json: path('As JSON'), csv: path('As CSV'), schema: path('JSON Schema of the rows') }),
    }),
  ),
  releases: z.array(z.object({ version: semver, date: z.iso.date(), links: z.object({ self: path('The release') }) })),
  conventions: z.record(z.string(), z.string()).meta({ description: 'How URLs and parameters work, in a sentence each' }),
  links: z.object({ self: path('This index'), home: path('The landing page'), releases: path('Every release'), ...documentLinks }),
});

export const SHARED_SCHEMAS: Record<string, Json> = {
  Problem: oasSchema(problem),
  TableMeta: oasSchema(tableMeta),
  RowMeta: oasSchema(rowMeta),
  ReleaseList: oasSchema(releaseList),
  ReleaseCsv: { type: 'string', description: 'CSV of every release, newest first: one line each, after a header row.' },
  Release: oasSchema(releaseDetail),
  Diff: oasSchema(diff),
  DiffCsv: {
    type: 'string',
    description: `Long-form CSV: one line per column that differs (every column of an added or removed row), with the columns ${DIFF_CSV_COLUMNS.join(', ')}. Lists are joined with ";".`,
    examples: [renderCsv(DIFF_CSV_COLUMNS, [])],
  },
  ApiIndex: oasSchema(apiIndex),
};

/** Response headers, described once (components.headers). */
export const SHARED_HEADERS = {
  ETag: { description: 'Strong validator: a hash of exactly these bytes. Send it in If-None-Match to get a 304.', schema: { type: 'string' } },
  'Cache-Control': {
    description:
      'A year and `immutable` for data pinned to a release; five minutes (stale for a day while revalidating) for latest URLs, indexes and metadata documents; 30 seconds while a new release is still reaching this location.',
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
      content: problemContent(refusal(() => parseTableQuery(example, 'json', new URLSearchParams({ limit: '0' })), `/v1/${example.name}.json`)),
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
