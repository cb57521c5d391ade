// Applies a parsed query to a table's query index: filter, search, sort, page.
// Works on row positions only; the route then parses just the rows of the page.
import { fold } from '../../core/cells.ts';
import { dateNumber } from '../../core/query-index.ts';
import { RELEVANCE, type TableQuery } from '../../core/query-params.ts';
import { askedTerms, parseSearch, type SearchQuery } from '../../core/words.ts';
import type { IndexNeeds, Items, LoadedIndex, Strings, Words } from '../kv/store.ts';
import { relevance } from './relevance.ts';
import { termsFor } from './sorted-strings.ts';

export interface Selection {
  /** Positions of the rows on this page, in the order asked for. */
  positions: number[];
  /** How many rows match, on every page. */
  total: number;
  /** Which rows match (1) or not (0), for facets on columns the query does not filter. */
  kept: Uint8Array;
}

/** The sections of the table's query index a query reads (src/worker/kv/query-index.ts). */
export function indexNeeds(query: TableQuery, searchable: boolean): IndexNeeds {
  const asked = query.q && searchable ? parseSearch(query.q) : undefined;
  const hasWords = !!asked && (asked.prefixes.length > 0 || asked.phrases.length > 0);
  return {
    items: [...query.filters.map((f) => f.column), ...query.facets.map((f) => f.column)],
    ranks: query.sort.filter((s) => s.column !== RELEVANCE).map((s) => s.column),
    bounds: query.bounds.map((b) => b.column),
    ...(hasWords ? { words: (dictionary) => askedTerms(asked!).map(([word, exact]) => termsFor(dictionary, word, exact)) } : {}),
    // Phrases are checked in the text; so is a query without words (only signs).
    text: !!asked && (!hasWords || asked.phrases.length > 0),
  };
}

/** Rows that pass the query's filters (all but those on `except`) and its search. */
function kept(index: LoadedIndex, query: TableQuery, except?: string): Uint8Array {
  const keep = new Uint8Array(index.rows).fill(1);
  for (const { column, values } of query.filters) if (column !== except) keepItems(keep, index.items[column]!, values);
  for (const bound of query.bounds) keepWithin(keep, index.bounds[bound.column]!, bound);
  if (query.q && (index.words || index.text)) {
    const asked = parseSearch(query.q);
    // Words go through the inverted index; a query with no word at all (only signs, "^") is matched as text.
    if (asked.prefixes.length || asked.phrases.length) keepWords(keep, index, asked);
    else keepMatches(keep, index.text!, fold(query.q));
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
 * Counted from the index's codes, never by parsing rows.
 */
export function facetCounts(index: LoadedIndex, query: TableQuery, selection: Selection): Record<string, FacetCount[]> {
  return Object.fromEntries(
    query.facets.map(({ param, column }) => {
      // A column the query does not filter counts over the rows it selected.
      const keep = query.filters.some((f) => f.column === column) ? kept(index, query, column) : selection.kept;
      const items = index.items[column]!;
      const counts = new Int32Array(items.values.length);
      const { codes, starts } = items;
      if (!starts) {
        for (let i = 0; i < index.rows; i++) if (keep[i]) counts[codes[i]!]!++;
      } else {
        for (let i = 0; i < index.rows; i++) if (keep[i]) for (let k = starts[i]!; k < starts[i + 1]!; k++) counts[codes[k]!]!++;
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
  const scores = query.sort.some((s) => s.column === RELEVANCE) ? relevance(index, keep, parseSearch(query.q!)) : undefined;
  // Walk the rows in the order asked for, counting the ones kept, until the page is full.
  const order =
    query.sort.length === 1 && !scores ? columnOrder(index, query.sort[0]!) : query.sort.length ? sortedBy(index, keep, query.sort, scores, end) : undefined;
  const positions: number[] = [];
  const length = order ? order.length : index.rows;
  for (let k = 0, seen = 0; seen < end && k < length; k++) {
    const i = order ? order[k]! : k;
    if (!keep[i]) continue;
    if (seen++ >= query.offset) positions.push(i);
  }
  return { positions, total, kept: keep };
}

/**
 * Every row in one column's sort order, built once per isolate, ranks section and
 * direction (a counting sort over the ranks), so sorting a whole table by one
 * column costs a walk, not a sort, per request. Rows that tie keep their order
 * in the table; empty cells come last either way, as compareRows has it.
 */
const orders = new WeakMap<Int32Array, Map<boolean, Int32Array>>();

function columnOrder(index: LoadedIndex, { column, descending }: TableQuery['sort'][number]): Int32Array {
  const ranks = index.ranks[column]!;
  let byDirection = orders.get(ranks);
  if (!byDirection) orders.set(ranks, (byDirection = new Map()));
  let order = byDirection.get(descending);
  if (order) return order;
  let top = -1;
  for (let i = 0; i < ranks.length; i++) top = Math.max(top, ranks[i]!);
  // starts[slot]: where the rows of each rank begin; the last slot holds the empty cells.
  const slot = (rank: number) => (rank < 0 ? top + 1 : descending ? top - rank : rank);
  const starts = new Int32Array(top + 3);
  for (let i = 0; i < ranks.length; i++) starts[slot(ranks[i]!) + 1]!++;
  for (let s = 1; s < starts.length; s++) starts[s]! += starts[s - 1]!;
  order = new Int32Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) order[starts[slot(ranks[i]!)]!++] = i;
  byDirection.set(descending, order);
  return order;
}

/**
 * Several sort keys, or relevance: the first `count` kept rows in that order,
 * ties in table order (compared last, so the order is total). A page needs only
 * the top of the order: kept in a heap of `count`, so the cost is n log(count),
 * not a sort of every kept row.
 */
function sortedBy(index: LoadedIndex, keep: Uint8Array, sort: TableQuery['sort'], scores: Float64Array | undefined, count: number): number[] {
  const compare = (a: number, b: number) => compareRows(index, a, b, sort, scores) || a - b;
  // heap[0] is the last of the rows kept so far, so a row that comes before it replaces it.
  const heap: number[] = [];
  const down = (at: number) => {
    for (;;) {
      const [l, r] = [2 * at + 1, 2 * at + 2];
      let worst = at;
      if (l < heap.length && compare(heap[l]!, heap[worst]!) > 0) worst = l;
      if (r < heap.length && compare(heap[r]!, heap[worst]!) > 0) worst = r;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      at = worst;
    }
  };
  for (let i = 0; i < index.rows; i++) {
    if (!keep[i] || count === 0) continue;
    if (heap.length < count) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0 && compare(heap[at]!, heap[(at - 1) >> 1]!) > 0; at = (at - 1) >> 1) {
        [heap[at], heap[(at - 1) >> 1]] = [heap[(at - 1) >> 1]!, heap[at]!];
      }
    } else if (compare(i, heap[0]!) < 0) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(compare);
}

/** A row stays if any of its items is one of `values`, ignoring case. */
function keepItems(keep: Uint8Array, items: Items, values: readonly string[]): void {
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  const hit = Uint8Array.from(items.lower, (v) => (wanted.has(v) ? 1 : 0));
  const { codes, starts } = items;
  // Without starts every row holds one item: one lookup per row, the common case kept tight.
  if (!starts) {
    for (let i = 0; i < keep.length; i++) keep[i]! &= hit[codes[i]!]!;
    return;
  }
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    let any = 0;
    for (let k = starts[i]!; k < starts[i + 1]! && !any; k++) any = hit[codes[k]!]!;
    if (!any) keep[i] = 0;
  }
}

/** A row stays if its value passes the bound; an empty cell (NaN) never does. Dates compare as YYYYMMDD. */
function keepWithin(keep: Uint8Array, values: Float64Array, { op, value }: TableQuery['bounds'][number]): void {
  const bound = typeof value === 'string' ? dateNumber(value) : value;
  // Every comparison with NaN is false, so an empty cell fails each of these. One loop per operator keeps each tight.
  const n = keep.length;
  if (op === 'gt') for (let i = 0; i < n; i++) keep[i]! &= values[i]! > bound ? 1 : 0;
  else if (op === 'gte') for (let i = 0; i < n; i++) keep[i]! &= values[i]! >= bound ? 1 : 0;
  else if (op === 'lt') for (let i = 0; i < n; i++) keep[i]! &= values[i]! < bound ? 1 : 0;
  else for (let i = 0; i < n; i++) keep[i]! &= values[i]! <= bound ? 1 : 0;
}

const decoder = new TextDecoder();

/** Keeps only rows holding one of terms [from, to): the union of their postings. */
function keepHolding(keep: Uint8Array, words: Words, [from, to]: [number, number]): void {
  const found = new Uint8Array(keep.length);
  for (let t = from; t < to; t++) {
    const rows = words.rowsOf(t);
    for (let p = 0; p < rows.length; p++) found[rows[p]!] = 1;
  }
  for (let i = 0; i < keep.length; i++) keep[i]! &= found[i]!;
}

/** Row i's folded text. */
const rowText = (text: Strings, i: number) => decoder.decode(text.text.subarray(text.starts[i]!, text.starts[i + 1]!));

/**
 * Every bare word must begin a word of the row, in any order; every phrase's
 * words must be words of the row, and the phrase must be in its text as written.
 * The cost follows the words asked and the rows they are in, not the table.
 */
function keepWords(keep: Uint8Array, index: LoadedIndex, asked: SearchQuery): void {
  const words = index.words!;
  for (const prefix of asked.prefixes) keepHolding(keep, words, termsFor(words, prefix, false));
  for (const phrase of asked.phrases) {
    for (const word of phrase) keepHolding(keep, words, termsFor(words, word, true));
    // The words are there; now in order, next to one another.
    const pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}])${phrase.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'u');
    for (let i = 0; i < keep.length; i++) if (keep[i] && !pattern.test(rowText(index.text!, i))) keep[i] = 0;
  }
}

/** A row stays if its folded text contains the needle (a query without words: signs only, which are rare). */
function keepMatches(keep: Uint8Array, text: Strings, needle: string): void {
  // Text that folds to nothing (a lone accent) is in every row.
  if (!needle) return;
  for (let i = 0; i < keep.length; i++) if (keep[i] && !rowText(text, i).includes(needle)) keep[i] = 0;
}

/** By rank, column after column; empty cells (rank -1) last whichever the direction; relevance most first. */
function compareRows(index: LoadedIndex, a: number, b: number, sort: TableQuery['sort'], scores: Float64Array | undefined): number {
  for (const { column, descending } of sort) {
    if (column === RELEVANCE) {
      if (scores![a] !== scores![b]) return scores![b]! - scores![a]!;
      continue;
    }
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
