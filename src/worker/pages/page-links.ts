// The links a page makes to other views of the same table: the query as the
// page was asked, with one thing changed. A page's own controls (facets, sort,
// paging) start from the parameters the reader gave, never from the page's defaults.
import { type ReleaseRef, paths } from '../../core/paths.ts';
import type { TableFacts } from '../../core/table-types.ts';

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
    const kept = new URLSearchParams([...this.given].filter(([name]) => !PAGE_ONLY.includes(name) && !PAGING.includes(name)));
    for (const [name, value] of Object.entries(extra)) kept.set(name, value);
    const search = kept.toString();
    return `${paths.table(ref, table.name, format)}${search ? `?${search}` : ''}`;
  }
}

/** The query string of a page request, without the empty fields a GET form sends for controls left blank. */
export function givenParams(url: URL, drop: readonly string[]): URLSearchParams {
  return new URLSearchParams([...url.searchParams].filter(([name, value]) => value.trim() !== '' && !drop.includes(name)));
}
