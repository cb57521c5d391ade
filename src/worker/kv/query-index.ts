// A table's query index, prepared once per isolate, and rows by position parsed
// from their byte ranges in the table's JSON body.
import { unavailable } from '../../core/problem.ts';
import type { QueryIndex } from '../../core/query-index.ts';
import type { BodyRef } from '../../core/release-types.ts';
import type { Row } from '../../core/table-types.ts';
import { loadBody, loadRange } from './bodies.ts';
import type { Env } from './env.ts';
import { once } from './memo.ts';
import { decodeText, safeJson } from './reads.ts';

/** A table's query index as the Worker uses it: offsets and ranks in typed arrays, filter items lower-cased once. */
export interface LoadedIndex {
  rows: number;
  rowOffsets: Int32Array;
  ranks: Record<string, Int32Array>;
  /** `values` as built; `lower`, the same lower-cased, for matching. */
  items: Record<string, { values: string[]; lower: string[]; starts: Int32Array; codes: Int32Array }>;
  ids?: string[];
  search?: { text: string; starts: Int32Array };
  /** Each row's value of every number and date column, for ranges; absent from indexes built before ranges. */
  bounds?: Record<string, (number | string | null)[]>;
  /** The inverted index: sorted words, and the rows of each. */
  words?: { terms: string[]; postings: Int32Array[] };
}

/** A table's query index (src/core/query-index.ts), read and prepared once per isolate. */
export function loadQueryIndex(env: Env, ref: BodyRef | undefined): Promise<LoadedIndex> {
  // Only a manifest from before query indexes lacks one: its release needs publishing again.
  if (!ref) return Promise.reject(unavailable('This release has no query index yet. Please retry shortly.'));
  return once(env, `index:${ref.key}:${ref.sha256}`, ref.bytes, async () => {
    const index = safeJson(await loadBody(env, ref)) as QueryIndex | undefined;
    if (!index) throw unavailable('The query index of this table is unreadable. Please retry shortly.');
    const ints = (values: number[]) => Int32Array.from(values);
    return {
      rows: index.rowOffsets.length - 1,
      rowOffsets: ints(index.rowOffsets),
      ranks: Object.fromEntries(Object.entries(index.ranks).map(([column, ranks]) => [column, ints(ranks)])),
      items: Object.fromEntries(
        Object.entries(index.items).map(([column, it]) => [column, { values: it.values, lower: it.values.map((v) => v.toLowerCase()), starts: ints(it.starts), codes: ints(it.codes) }]),
      ),
      ...(index.ids ? { ids: index.ids } : {}),
      ...(index.search ? { search: { text: index.search.text, starts: ints(index.search.starts) } } : {}),
      ...(index.bounds ? { bounds: index.bounds } : {}),
      ...(index.words ? { words: { terms: index.words.terms, postings: index.words.postings.map(ints) } } : {}),
    };
  });
}

/**
 * Rows by position, parsed from their byte ranges in the table's JSON body: only
 * the rows asked for are parsed. A parted body's parts come through the part cache.
 */
export async function loadRowsAt(env: Env, ref: BodyRef, index: LoadedIndex, positions: readonly number[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const i of positions) {
    const bytes = await loadRange(env, ref, index.rowOffsets[i]!, index.rowOffsets[i + 1]! - 1);
    const row = safeJson(decodeText(bytes)) as Row | undefined;
    if (!row) throw unavailable('A row of this table could not be read. Please retry shortly.');
    rows.push(row);
  }
  return rows;
}
