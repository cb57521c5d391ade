// Applies a parsed query to a table's rows: filter, search, sort, page, project.
import type { Cell, Row, TableFacts } from '../schema/table.ts';
import type { TableQuery } from './query.ts';

/** Case- and accent-insensitive form for search: "cote" finds "Côte d'Ivoire". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

const searchText = new WeakMap<Row, string>();

function haystack(row: Row, columns: readonly string[]): string {
  let text = searchText.get(row);
  if (text === undefined) {
    text = fold(columns.map((c) => cellText(row[c])).join('\n'));
    searchText.set(row, text);
  }
  return text;
}

const cellText = (cell: Cell | undefined) => (cell === null || cell === undefined ? '' : Array.isArray(cell) ? cell.join(' ') : String(cell));

export interface QueryResult {
  rows: Row[];
  total: number;
}

export function applyQuery(table: TableFacts, all: readonly Row[], query: TableQuery): QueryResult {
  let rows = all.filter((row) =>
    query.filters.every(({ column, values }) => {
      const cell = row[column];
      const wanted = values.map((v) => v.toLowerCase());
      const items = Array.isArray(cell) ? cell : [cell];
      return items.some((item) => item !== null && wanted.includes(String(item).toLowerCase()));
    }),
  );
  if (query.q) {
    const needle = fold(query.q);
    rows = rows.filter((row) => haystack(row, table.search).includes(needle));
  }
  if (query.sort.length) rows = [...rows].sort((a, b) => compareRows(a, b, query.sort));
  const total = rows.length;
  const page = rows.slice(query.offset, query.limit === undefined ? undefined : query.offset + query.limit);
  return { rows: query.fields ? page.map((row) => project(row, query.fields!)) : page, total };
}

function project(row: Row, fields: readonly string[]): Row {
  return Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
}

function compareRows(a: Row, b: Row, sort: TableQuery['sort']): number {
  for (const { column, descending } of sort) {
    const [x, y] = [a[column], b[column]];
    // Empty cells go last whichever the direction.
    const [nx, ny] = [isEmpty(x), isEmpty(y)];
    if (nx || ny) {
      if (nx !== ny) return nx ? 1 : -1;
      continue;
    }
    const d = compareCells(x!, y!);
    if (d !== 0) return descending ? -d : d;
  }
  return 0;
}

/** An empty cell: null, or a list with no items (an empty cell in CSV too). */
const isEmpty = (cell: Cell | undefined) => cell === null || cell === undefined || (Array.isArray(cell) && cell.length === 0);

/** Numbers numerically, text by code point. */
function compareCells(a: Cell, b: Cell): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = cellText(a);
  const sb = cellText(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
