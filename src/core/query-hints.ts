// What users of other APIs try first, and what to use here instead: the hint a
// 400 for an unknown parameter carries (README "Query parameters").
import type { TableFacts } from './table-types.ts';

/** What other APIs call things, and what this one calls them (Datasette, Socrata, CKAN, JSON:API, Rails). */
const CONVENTIONS: Record<string, string> = {
  format: 'add .csv or .json to the path (or send an Accept header) instead of format=',
  _format: 'add .csv or .json to the path instead of _format=',
  page: 'page with limit and offset (offset = (page - 1) × limit)',
  per_page: 'use limit for the page size',
  page_size: 'use limit for the page size',
  pagesize: 'use limit for the page size',
  _size: 'use limit for the page size',
  size: 'use limit for the page size',
  $limit: 'use limit',
  $offset: 'use offset',
  start: 'use offset',
  rows: 'use limit',
  _sort: 'use sort=column (and -column for descending)',
  _sort_desc: 'use sort=-column',
  order: 'use sort=column (and -column for descending)',
  order_by: 'use sort=column (and -column for descending)',
  $order: 'use sort=column (and -column for descending)',
  $select: 'use fields=column,column',
  _col: 'use fields=column,column',
  columns: 'use fields=column,column',
  $q: 'use q=',
  _search: 'use q=',
  search: 'use q=',
  _labels: 'use labels=true for names beside ids',
  _facet: 'use facet=param,param',
  $where: 'filter with the table\'s own parameters, e.g. ?operation=liberterra-iii',
};

/** A hint for a parameter this table does not take but a user meant something by. */
export function insteadOf(table: TableFacts, name: string): string {
  const convention = Object.hasOwn(CONVENTIONS, name) ? CONVENTIONS[name] : undefined;
  if (convention) return `: ${convention}`;
  // A column the table filters under another name: `operation_id` is `operation`.
  const filter = Object.entries(table.filters).find(([, column]) => column === name);
  if (filter) return `: filter ${name} with ${filter[0]}=`;
  if (table.columns.some((c) => c.name === name)) return `: ${name} is a column, but no filter; use fields=${name} or sort=${name}`;
  return '';
}

