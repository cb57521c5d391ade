// The links a page makes to other views of the same table: the query as the
// page was asked, with one thing changed. A page's own controls (facets, sort,
// paging) start from the parameters the reader gave, never from the page's defaults.
import { type ReleaseRef, paths } from '../../core/paths.ts';
import type { TableFacts } from '../../core/table-types.ts';
import { tableParams } from '../../core/query-params.ts';
import { joinLists } from '../../core/list-values.ts';

/** Parameters only a page uses: the data downloads leave them out. */
const PAGE_ONLY = ['facet'];
const PAGING = ['limit', 'offset'];

export class PageQuery {
  readonly path: string;
  /** What the reader asked for, less empty form fields and the cache-buster. */
  readonly given: URLSearchParams;
  constructor(path: string, given: URLSearchParams) {
    this.path = path;
    this.given = given;
  }

  /** The page with these parameters set (null removes one); any change but paging starts again at the first page. */
  with(changes: Record<string, string | null>): string {
    const next = new URLSearchParams(this.given);
    if (!('offset' in changes)) next.delete('offset');
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    const search = next.toString();
    return search ? `${this.path}?${search}` : this.path;
  }

  /** Every row the page's filters, search and sort select, not just this page of them, as data. */
  download(ref: ReleaseRef, table: TableFacts, format: 'csv' | 'json', extra: Record<string, string> = {}): string {
    // Only what the format takes: `shape` is JSON's, `bom` CSV's.
    const takes = tableParams(table, format);
    const kept = new URLSearchParams([...this.given].filter(([name]) => !PAGE_ONLY.includes(name) && !PAGING.includes(name) && Object.hasOwn(takes, name)));
    for (const [name, value] of Object.entries(extra)) kept.set(name, value);
    const search = kept.toString();
    return `${paths.table(ref, table.name, format)}${search ? `?${search}` : ''}`;
  }
}

/** The query string of a page request, without the empty fields a GET form sends for controls left blank. */
export function givenParams(url: URL, drop: readonly string[]): URLSearchParams {
  return new URLSearchParams([...url.searchParams].filter(([name, value]) => value.trim() !== '' && !drop.includes(name)));
}

/**
 * A list parameter given several times (`country=ES&country=FR`, as requests and httr
 * send it) as the one value the query reads it as, so that the page's controls show
 * every value and change them together.
 */
export function joinRepeated(given: URLSearchParams, table: TableFacts): URLSearchParams {
  const specs = tableParams(table, 'json');
  const joined = new URLSearchParams();
  for (const name of new Set(given.keys())) {
    const values = given.getAll(name);
    if (values.length > 1 && specs[name]?.type === 'list') joined.set(name, joinLists(values));
    else for (const value of values) joined.append(name, value);
  }
  return joined;
}
