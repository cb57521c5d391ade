// Applies a parsed query to a table's query index: filter, search, sort, page.
// Works on row positions only; the route then parses just the rows of the page.
import { fold } from '../../core/cells.ts';
import type { TableQuery } from '../../core/query-params.ts';
import { parseSearch, type SearchQuery } from '../../core/words.ts';
import { unavailable } from '../../core/problem.ts';
import type { LoadedIndex } from '../kv/store.ts';

export interface Selection {
  /** Positions of the rows on this page, in the order asked for. */
  positions: number[];
  /** How many rows match, on every page. */
  total: number;
}

/** Rows that pass the query's filters (all but those on `except`) and its search. */
function kept(index: LoadedIndex, query: TableQuery, except?: string): Uint8Array {
  const keep = new Uint8Array(index.rows).fill(1);
  for (const { column, values } of query.filters) if (column !== except) keepItems(keep, index.items[column]!, values);
  for (const bound of query.bounds) {
    const values = index.bounds?.[bound.column];
    // Only an index built before ranges lacks them: the next deploy writes a new one.
    if (!values) throw unavailable('This release has no range index yet. Please retry shortly.');
    keepWithin(keep, values, bound);
  }
  if (query.q && index.search) {
    const asked = parseSearch(query.q);
    // Words go through the inverted index; a query with no word at all (only signs, "^") is matched as text.
    if (index.words && (asked.prefixes.length || asked.phrases.length)) keepWords(keep, index, asked);
    else keepMatches(keep, index.search, fold(query.q));
  }
  return keep;
}

export interface FacetCount {
  value: string;
  count: number;
}

/**
 * For each facet, how many rows hold each value of its column under every other
 * filter and the search (its own filter left out, so every choice shows its count):
 * most first, then by value. A list cell counts once for each of its items.
 */
export function facetCounts(index: LoadedIndex, query: TableQuery): Record<string, FacetCount[]> {
  return Object.fromEntries(
    query.facets.map(({ param, column }) => {
      const keep = kept(index, query, column);
      const items = index.items[column]!;
      const counts = new Int32Array(items.values.length);
      for (let i = 0; i < index.rows; i++) {
        if (!keep[i]) continue;
        for (let k = items.starts[i]!; k < items.starts[i + 1]!; k++) counts[items.codes[k]!]!++;
      }
      const out = items.values.map((value, code) => ({ value, count: counts[code]! })).filter((f) => f.count > 0);
      out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      return [param, out];
    }),
  );
}

export function selectRows(index: LoadedIndex, query: TableQuery): Selection {
  const keep = kept(index, query);
  let total = 0;
  for (let i = 0; i < index.rows; i++) total += keep[i]!;
  const end = query.limit === undefined ? total : Math.min(total, query.offset + query.limit);
  // Walk the rows in the order asked for, counting the ones kept, until the page is full.
  const order = query.sort.length === 1 ? columnOrder(index, query.sort[0]!) : query.sort.length ? sortedBy(index, keep, query.sort) : undefined;
  const positions: number[] = [];
  const length = order ? order.length : index.rows;
  for (let k = 0, seen = 0; seen < end && k < length; k++) {
    const i = order ? order[k]! : k;
    if (!keep[i]) continue;
    if (seen++ >= query.offset) positions.push(i);
  }
  return { positions, total };
}

/**
 * Every row in one column's sort order, built once per isolate, index and
 * direction (a counting sort over the ranks), so sorting a whole table by one
 * column costs a walk, not a sort, per request. Rows that tie keep their order
 * in the table; empty cells come last either way, as compareRows has it.
 */
const orders = new WeakMap<LoadedIndex, Map<string, Int32Array>>();

function columnOrder(index: LoadedIndex, { column, descending }: TableQuery['sort'][number]): Int32Array {
  let byColumn = orders.get(index);
  if (!byColumn) orders.set(index, (byColumn = new Map()));
  const key = `${descending ? '-' : ''}${column}`;
  let order = byColumn.get(key);
  if (order) return order;
  const ranks = index.ranks[column]!;
  let top = -1;
  for (let i = 0; i < ranks.length; i++) top = Math.max(top, ranks[i]!);
  // starts[slot]: where the rows of each rank begin; the last slot holds the empty cells.
  const slot = (rank: number) => (rank < 0 ? top + 1 : descending ? top - rank : rank);
  const starts = new Int32Array(top + 3);
  for (let i = 0; i < ranks.length; i++) starts[slot(ranks[i]!) + 1]!++;
  for (let s = 1; s < starts.length; s++) starts[s]! += starts[s - 1]!;
  order = new Int32Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) order[starts[slot(ranks[i]!)]!++] = i;
  byColumn.set(key, order);
  return order;
}

/** Several sort columns: the kept rows sorted by comparison (Array sort is stable: ties keep table order). */
function sortedBy(index: LoadedIndex, keep: Uint8Array, sort: TableQuery['sort']): number[] {
  const positions: number[] = [];
  for (let i = 0; i < index.rows; i++) if (keep[i]) positions.push(i);
  return positions.sort((a, b) => compareRows(index, a, b, sort));
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

/** A row stays if its value passes the bound; an empty cell never does. ISO dates compare as text. */
function keepWithin(keep: Uint8Array, values: readonly (number | string | null)[], { op, value }: TableQuery['bounds'][number]): void {
  for (let i = 0; i < keep.length; i++) {
    const v = values[i];
    if (!keep[i]) continue;
    const pass = v !== null && v !== undefined && (op === 'gt' ? v > value : op === 'gte' ? v >= value : op === 'lt' ? v < value : v <= value);
    if (!pass) keep[i] = 0;
  }
}

/** The first position in sorted `terms` whose term is not below `word`. */
function lowerBound(terms: readonly string[], word: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rows holding a word that begins with `prefix` (or is `word` exactly): the union of those words' postings. */
function rowsWith(words: NonNullable<LoadedIndex['words']>, rows: number, prefix: string, exact: boolean): Uint8Array {
  const found = new Uint8Array(rows);
  for (let t = lowerBound(words.terms, prefix); t < words.terms.length && words.terms[t]!.startsWith(prefix); t++) {
    if (exact && words.terms[t] !== prefix) break;
    for (const row of words.postings[t]!) found[row] = 1;
  }
  return found;
}

/**
 * Every bare word must begin a word of the row, in any order; every phrase's
 * words must be words of the row, and the phrase must be in its text as written.
 * The cost follows the words asked and the rows they are in, not the table.
 */
function keepWords(keep: Uint8Array, index: LoadedIndex, asked: SearchQuery): void {
  const words = index.words!;
  for (const prefix of asked.prefixes) {
    const found = rowsWith(words, index.rows, prefix, false);
    for (let i = 0; i < keep.length; i++) if (!found[i]) keep[i] = 0;
  }
  for (const phrase of asked.phrases) {
    for (const word of phrase) {
      const found = rowsWith(words, index.rows, word, true);
      for (let i = 0; i < keep.length; i++) if (!found[i]) keep[i] = 0;
    }
    // The words are there; now in order, next to one another.
    const pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}])${phrase.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'u');
    const { text, starts } = index.search!;
    for (let i = 0; i < keep.length; i++) if (keep[i] && !pattern.test(text.slice(starts[i]!, starts[i + 1]!))) keep[i] = 0;
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
