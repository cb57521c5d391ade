// Everything but the tables: the landing page, the /v1 index, releases and
// their diffs, the JSON Schemas and the metadata documents, latest and pinned.
import { DOCUMENTS, type DocumentName, paths, type ReleaseRef } from '../../../core/paths.ts';
import { type Format, FORMATS, mediaType } from '../../../core/formats.ts';
import { routePath } from '../../../core/routes.ts';
import { FEED_TYPE } from '../../../core/negotiate.ts';
import { DOCUMENT_NAMES, getOperation, NEGOTIATION_NOTE, PAGE_CONTENT, pascal } from './shared.ts';
import { type Json, ref } from './schema.ts';

/** What each metadata document is; a record, so a new document cannot go undescribed. */
const DOCUMENT_DESCRIPTIONS: Record<Exclude<DocumentName, 'landing'>, string> = {
  datapackage: 'Frictionless Data Package (v2) of the release: each table as a resource with its pinned CSV, bytes, hash, dialect and Table Schema.',
  catalog: 'DCAT-AP catalog (JSON-LD) of the dataset as of the release, with a distribution per table and format.',
  openapi: 'This OpenAPI 3.1 document, as of the release.',
};

const pinnedNote = (pinned: boolean) =>
  pinned ? ' As of the given release.' : ' As of the latest release.';

export function resourcePaths(tableNames: readonly string[]): { paths: Record<string, Json>; parameters: Record<string, Json> } {
  const result: Record<string, Json> = {};
  const negotiated = (format: Format | undefined, schema: (f: Format) => Json) =>
    Object.fromEntries((format ? [format] : FORMATS).map((f) => [mediaType(f), { schema: schema(f) }]));
  const json = (schema: string) => ({ [mediaType('json')]: { schema: ref('schemas', schema) } });

  result[paths.landing()] = getOperation({
    id: 'getLandingPage',
    summary: 'Landing page',
    description: 'A page about the dataset for people: its figures, tables, releases and how to cite it.',
    tags: ['Index'],
    ok: { description: 'The landing page, as HTML.', headers: ['X-Release-Version', 'Last-Modified'], content: { 'text/html': { schema: { type: 'string' } } } },
    errors: ['BadRequest'],
  });
  result[paths.index()] = getOperation({
    id: 'getApiIndex',
    summary: 'Index of the API',
    description: 'Every table of the latest release with its filters and links, every release, and the conventions of the API.',
    tags: ['Index'],
    ok: { description: 'The index.', headers: [], content: json('ApiIndex') },
    errors: [],
  });

  const releasesContent = { ...negotiated(undefined, (f) => ref('schemas', f === 'csv' ? 'ReleaseCsv' : 'ReleaseList')), ...PAGE_CONTENT };
  result[paths.releases()] = getOperation({
    id: 'listReleases',
    summary: 'Every release (JSON, CSV or a page by Accept)',
    description: `Every published release, newest first: version, date, notes, content hash, rows per table, and which is latest. ${NEGOTIATION_NOTE}`,
    tags: ['Releases'],
    ok: { description: 'The releases.', headers: ['X-Release-Version', 'Content-Disposition', 'Vary'], content: releasesContent },
    errors: ['BadRequest', 'NotAcceptable'],
  });
  result[routePath('releasesAs', { format: '{format}' })] = getOperation({
    id: 'listReleasesAs',
    summary: 'Every release, as JSON, CSV, a page or an Atom feed',
    description: 'Every published release, newest first, in the format the suffix names: `.atom` is a feed to subscribe to for new releases and corrections.',
    tags: ['Releases'],
    parameters: [{ name: 'format', in: 'path', required: true, description: 'The format of the list.', schema: { type: 'string', enum: [...FORMATS, 'html', 'atom'] } }],
    ok: { description: 'The releases.', headers: ['X-Release-Version', 'Content-Disposition'], content: { ...releasesContent, [FEED_TYPE.split(';')[0]!]: { schema: { type: 'string' } } } },
    errors: ['BadRequest', 'NotFound'],
  });
  result[paths.release('{version}')] = getOperation({
    id: 'getRelease',
    summary: 'One release',
    description: 'A release: its notes, licence and citation, and each table with its pinned URLs, sizes and SHA-256 hashes.',
    tags: ['Releases'],
    parameters: [ref('parameters', 'Version')],
    ok: { description: 'The release (as a page: its notes and its changes from the previous release).', headers: ['X-Release-Version', 'Last-Modified'], content: { ...json('Release'), ...PAGE_CONTENT } },
    errors: ['BadRequest', 'NotFound'],
  });
  for (const format of [undefined, ...FORMATS]) {
    result[paths.diff('{version}', '{to}', format)] = getOperation({
      id: `getDiff${format ? pascal(format) : ''}`,
      summary: `Changes between two releases${format ? ` as ${format.toUpperCase()}` : ' (JSON or CSV by Accept)'}`,
      description: `Rows added, removed and changed from one release to another, matched by primary key, with old and new values. The two releases must differ.${format ? '' : ' The `Accept` header picks the format, JSON by default.'} From one release to the next, \`.html\` shows the changes as a page, changed cells highlighted.`,
      tags: ['Releases'],
      parameters: [ref('parameters', 'Version'), ref('parameters', 'To')],
      ok: {
        description: 'The changes.',
        headers: ['Last-Modified', ...(format === 'json' ? [] : (['Content-Disposition'] as const)), ...(format ? [] : (['Vary'] as const))],
        content: negotiated(format, (f) => ref('schemas', f === 'csv' ? 'DiffCsv' : 'Diff')),
      },
      errors: ['BadRequest', 'NotFound', ...(format ? [] : (['NotAcceptable'] as const))],
    });
  }

  for (const pinned of [false, true]) {
    const release: ReleaseRef = pinned ? { version: '{version}' } : 'latest';
    const version = pinned ? [ref('parameters', 'Version')] : [];
    const prefix = pinned ? 'getPinned' : 'get';
    result[paths.schema(release, '{table}')] = getOperation({
      id: `${prefix}TableSchema`,
      summary: `JSON Schema of a table's rows${pinned ? ', pinned to a release' : ''}`,
      description: `JSON Schema (draft 2020-12) of one row of a table, derived from the zod schema the build validated it with.${pinnedNote(pinned)}`,
      tags: ['Metadata'],
      parameters: [...version, ref('parameters', 'Table')],
      ok: { description: 'The JSON Schema.', headers: ['X-Release-Version', 'Last-Modified'], content: { 'application/schema+json': { schema: { type: 'object' } } } },
      errors: ['BadRequest', 'NotFound'],
    });
    for (const name of DOCUMENT_NAMES) {
      result[paths.document(release, name)] = getOperation({
        id: `${prefix}${pascal(name)}`,
        summary: `${DOCUMENTS[name].file}${pinned ? ', pinned to a release' : ''}`,
        description: DOCUMENT_DESCRIPTIONS[name] + pinnedNote(pinned),
        tags: ['Metadata'],
        parameters: version,
        ok: { description: `The document.`, headers: ['X-Release-Version', 'Last-Modified'], content: { [DOCUMENTS[name].contentType]: { schema: { type: 'object' } } } },
        errors: ['BadRequest', 'NotFound'],
      });
    }
  }
  return {
    paths: result,
    parameters: {
      Table: { name: 'table', in: 'path', required: true, description: 'A table of the release.', schema: { type: 'string', enum: [...tableNames] } },
    },
  };
}
