// URL paths and KV keys, in one place for the build (which writes links into
// bodies) and the Worker (which routes them).

export type Format = 'csv' | 'json';

/** `latest` means the URL that follows the pointer; a version pins the URL. */
export type ReleaseRef = { version: string } | 'latest';

const base = (release: ReleaseRef) => (release === 'latest' ? '/v1' : `/v1/releases/${release.version}`);

export const paths = {
  index: () => '/v1',
  releases: () => '/v1/releases',
  release: (version: string) => `/v1/releases/${version}`,
  table: (release: ReleaseRef, table: string, format?: Format) => `${base(release)}/${table}${format ? `.${format}` : ''}`,
  row: (release: ReleaseRef, table: string, id: string) => `${base(release)}/${table}/${encodeURIComponent(id)}`,
  schema: (release: ReleaseRef, table: string) => `${base(release)}/schemas/${table}.json`,
  diff: (from: string, to: string, format?: Format) => `/v1/releases/${from}/diff/${to}${format ? `.${format}` : ''}`,
};

export const kvKeys = {
  /** The one mutable key. */
  pointer: 'pointer',
  manifest: (version: string) => `releases/${version}/manifest`,
  table: (version: string, table: string, format: Format) => `releases/${version}/tables/${table}.${format}`,
  schema: (version: string, table: string) => `releases/${version}/schemas/${table}.json`,
  diff: (from: string, to: string, format: Format) => `releases/${from}/diff/${to}.${format}`,
};
