// `sort=relevance`: how well each kept row matches the words of q, by BM25, the
// ranking SQLite's FTS5 and Lucene use (k1 = 1.2, b = 0.75): a word counts more
// the rarer it is in the table and the more often it is in the row, less in a
// long row. A prefix counts every word it begins. Read from the inverted index,
// so the cost follows the rows the asked words are in, not the table.
import { askedTerms, type SearchQuery } from '../../core/words.ts';
import type { LoadedIndex, Words } from '../kv/store.ts';
import { termsFor } from './sorted-strings.ts';

const K1 = 1.2;
const B = 0.75;

/** Mean words per row, once per dictionary section. */
const means = new WeakMap<Words['lengths'], number>();
function meanLength({ lengths }: Words): number {
  let mean = means.get(lengths);
  if (mean === undefined) {
    let sum = 0;
    for (let i = 0; i < lengths.length; i++) sum += lengths[i]!;
    means.set(lengths, (mean = sum / Math.max(1, lengths.length)));
  }
  return mean;
}

/** Each row's score (0 for rows not kept), summed word by word, term by term in the index's order. */
export function relevance(index: LoadedIndex, keep: Uint8Array, asked: SearchQuery): Float64Array {
  const scores = new Float64Array(index.rows);
  const words = index.words;
  if (!words) return scores;
  const mean = meanLength(words);
  for (const [word, exact] of askedTerms(asked)) {
    const [from, to] = termsFor(words, word, exact);
    for (let t = from; t < to; t++) {
      const rows = words.rowsOf(t);
      const counts = words.countsOf(t);
      const df = rows.length;
      const idf = Math.log(1 + (index.rows - df + 0.5) / (df + 0.5));
      for (let p = 0; p < rows.length; p++) {
        const row = rows[p]!;
        if (!keep[row]) continue;
        const tf = counts[p]!;
        scores[row]! += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * words.lengths[row]!) / mean));
      }
    }
  }
  return scores;
}
