// URL paths and KV keys, in one place for the build (which writes links into
// bodies) and the Worker (which routes them).

import type { Format } from './formats.ts';
import { routePath } from './routes.ts';

/** Metadata documents the build renders for each release, by file name. */
export const DOCUMENTS = {
  datapackage: { file: 'datapackage.json', contentType: 'application/vnd.datapackage+json' },
  catalog: { file: 'catalog.jsonld', contentType: 'application/ld+json' },
  openapi: { file: 'openapi.json', contentType: 'application/vnd.oai.openapi+json;version=3.1' },
  landing: { file: 'index.html', contentType: 'text/html; charset=utf-8' },
} as const;
export type DocumentName = keyof typeof DOCUMENTS;

/** A table's JSON Schema, as a document file name of its release. */
export const schemaFile = (table: string) => `schemas/${table}.json`;

/** A diff between two releases, as a document file name of the later one: data, or a page (`html`). */
export const diffFile = (from: string, to: string, format: Format | 'html') => `diff/${from}/${to}.${format}`;

/** A release's own page, as a document file name of it. */
export const RELEASE_PAGE_FILE = 'release.html';

/** An operation's map, an HTML fragment its row page inlines, as a document file name. */
export const mapFile = (operationId: string) => `maps/${operationId}.html`;
/** The land under every map, stored once per release; a map's `<!--land-->` marks its place. */
export const MAP_LAND_FILE = 'maps/land.html';
export const MAP_LAND_MARK = '<!--land-->';

/** `latest` means the URL that follows the pointer; a version pins the URL. */
export type ReleaseRef = { version: string } | 'latest';

const suffixed = (name: string, format?: string) => `${name}${format ? `.${format}` : ''}`;
/** A table or document of a release: `/v1/{name}` or `/v1/releases/{version}/{name}`. */
const resource = (release: ReleaseRef, name: string) =>
  release === 'latest' ? routePath('resource', { table: name }) : routePath('pinnedResource', { version: release.version, table: name });

/** URLs of the routes in ./routes.ts. Placeholders such as `{version}` pass through, for OpenAPI. */
export const paths = {
  landing: () => routePath('landing', {}),
  index: () => routePath('index', {}),
  /** `atom`: the releases feed; `html`: the releases as a page. */
  releases: (format?: Format | 'atom' | 'html') => (format ? routePath('releasesAs', { format }) : routePath('releases', {})),
  release: (version: string, format?: 'json' | 'html') => routePath('release', { version: suffixed(version, format) }),
  table: (release: ReleaseRef, table: string, format?: Format | 'html') => resource(release, suffixed(table, format)),
  /** `id` is encoded; `idTemplate` (for OpenAPI) is not. */
  row: (release: ReleaseRef, table: string, id: string, format?: Format | 'html') => rowPath(release, table, suffixed(encodeURIComponent(id), format)),
  rowTemplate: (release: ReleaseRef, table: string, id: string, format?: Format) => rowPath(release, table, suffixed(id, format)),
  schema: (release: ReleaseRef, table: string) => {
    const file = suffixed(table, 'json');
    return release === 'latest' ? routePath('schema', { table: file }) : routePath('pinnedSchema', { version: release.version, table: file });
  },
  diff: (from: string, to: string, format?: Format | 'html') => routePath('diff', { version: from, to: suffixed(to, format) }),
  /** datapackage.json, catalog.jsonld, openapi.json; the landing page is `/` only. */
  document: (release: ReleaseRef, name: Exclude<DocumentName, 'landing'>) => resource(release, DOCUMENTS[name].file),
};

function rowPath(release: ReleaseRef, table: string, id: string): string {
  return release === 'latest' ? routePath('row', { table, id }) : routePath('pinnedRow', { version: release.version, table, id });
}

/** Every manifest key matches this; group 1 is the version. */
export const MANIFEST_KEY = /^releases\/([^/]+)\/manifests\/[0-9a-f]{16}\.json$/;

export const kvKeys = {
  /** The one mutable key. */
  pointer: 'pointer',
  /** Content-addressed: a manifest regenerated for the same data gets a new key, and the pointer names it. */
  manifest: (version: string, sha256: string) => `releases/${version}/manifests/${sha256.slice(0, 16)}.json`,
  /** Content-addressed like every key but the pointer: no later write can change the bytes a key once held. */
  table: (version: string, table: string, format: Format, sha256: string) => `releases/${version}/tables/${table}.${sha256.slice(0, 16)}.${format}`,
  /** Content-addressed: a later build may index a frozen release differently. */
  /** A table's query index bodies start so; each ends `.<sha256 prefix>.bin` (src/pipeline/render/bodies.ts). */
  queryIndex: (version: string, table: string) => `releases/${version}/indexes/${table}`,
  /** Content-addressed, so regenerated documents never overwrite served ones. */
  documentsIndex: (version: string, sha256: string) => `releases/${version}/documents/${sha256.slice(0, 16)}/index.json`,
  document: (version: string, file: string, sha256: string) => `releases/${version}/documents/${sha256.slice(0, 16)}/${file}`,
};
