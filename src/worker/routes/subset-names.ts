// What a download of a subset is called, and where it lives: a filtered CSV is
// not the whole table, so its file name and Content-Location say which rows it
// holds (`liberterra-cases-1.2.0-operation-liberterra-iii.csv`).
import { fold } from '../../core/cells.ts';
import { CACHE_BUSTER, withoutCacheBuster } from '../../core/query-params.ts';

/** Beyond this the slug is cut and ends with a hash of the whole query, so two long queries still get two names. */
const MAX_SLUG = 80;

/** FNV-1a, 32 bits: short and stable; a name, not a checksum. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The query's parameters as they were given, but the cache-buster and those that do not change which rows (bom). */
function asked(search: URLSearchParams): [string, string][] {
  return [...search].filter(([key]) => key !== CACHE_BUSTER && key !== 'bom');
}

/** `operation-liberterra-iii_limit-10`: each parameter and value, in ASCII file-name characters. */
export function querySlug(search: URLSearchParams): string {
  // Accents and width folded away (côte → cote), then anything else a file name might not hold is a dash.
  const safe = (s: string) => fold(s).replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
  const slug = asked(search)
    .map(([key, value]) => [safe(key), safe(value)].filter(Boolean).join('-'))
    .join('_');
  return slug.length <= MAX_SLUG ? slug : `${slug.slice(0, MAX_SLUG - 9)}-${fnv1a(new URLSearchParams(asked(search)).toString())}`;
}

/** The file name of a CSV download: the whole table's, or its subset's. */
export function downloadName(table: string, version: string, search: URLSearchParams, facets: boolean): string {
  const slug = querySlug(search);
  return `liberterra-${table}${facets ? '-facets' : ''}-${version}${slug ? `-${slug}` : ''}.csv`;
}

/** The pinned URL of the same answer: the release's path with the query as sent, less the cache-buster. */
export function pinnedLocation(pinnedPath: string, url: URL): string {
  return withoutCacheBuster(`${pinnedPath}${url.search}`);
}
