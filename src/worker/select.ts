// Applies a parsed query to a table's query index: filter, search, sort, page.
// Works on row positions only; the route then parses just the rows of the page.
import { fold } from '../schema/cells.ts';
import type { TableQuery } from './query.ts';
import type { LoadedIndex } from './store.ts';

export interface Selection {
  /** Positions of the rows on this page, in the order asked for. */
  positions: number[];
  /** How many rows match, on every page. */
  total: number;
}

export function selectRows(index: LoadedIndex, query: TableQuery): Selection {
  const keep = new Uint8Array(index.rows).fill(1);
  for (const { column, values } of query.filters) keepItems(keep, index.items[column]!, values);
  if (query.q && index.search) keepMatches(keep, index.search, fold(query.q));
  let positions: number[] = [];
  for (let i = 0; i < index.rows; i++) if (keep[i]) positions.push(i);
  // Array sort is stable: rows that tie keep their order in the table.
  if (query.sort.length) positions.sort((a, b) => compareRows(index, a, b, query.sort));
  const total = positions.length;
  positions = positions.slice(query.offset, query.limit === undefined ? undefined : query.offset + query.limit);
  return { positions, total };
}

/** A row stays if any of its items is one of `values`, ignoring case. */
function keepItems(keep: Uint8Array, items: LoadedIndex['items'][string], values: readonly string[]): void {
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  const hit = items.lower.map((v) => wanted.has(v));
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    let any = false;
    for (let k = items.starts[i]!; k < items.starts[i + 1]! && !any; k++) any = hit[items.codes[k]!]!;
    if (!any) keep[i] = 0;
  }
}

/** A row stays if its folded text contains the needle; one pass over the index's text. */
function keepMatches(keep: Uint8Array, search: NonNullable<LoadedIndex['search']>, needle: string): void {
  // Text that folds to nothing (a lone accent) is in every row.
  if (!needle) return;
  const found = new Uint8Array(keep.length);
  const { text, starts } = search;
  let row = 0;
  for (let at = text.indexOf(needle); at !== -1; ) {
    while (starts[row + 1]! <= at) row++;
    // A match that runs into the next row's text is no match: any later one starting in this row would too.
    if (at + needle.length <= starts[row + 1]!) found[row] = 1;
    at = text.indexOf(needle, starts[row + 1]!);
  }
  for (let i = 0; i < keep.length; i++) if (!found[i]) keep[i] = 0;
}

/** By rank, column after column; empty cells (rank -1) last whichever the direction. */
function compareRows(index: LoadedIndex, a: number, b: number, sort: TableQuery['sort']): number {
  for (const { column, descending } of sort) {
    const ranks = index.ranks[column]!;
    const [x, y] = [ranks[a]!, ranks[b]!];
    if (x < 0 || y < 0) {
      if ((x < 0) !== (y < 0)) return x < 0 ? 1 : -1;
      continue;
    }
    if (x !== y) return descending ? y - x : x - y;
  }
  return 0;
}
