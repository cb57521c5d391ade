// Binary search over the query index's sorted strings (src/core/query-index.ts),
// by their UTF-8 bytes as the build sorted them: the words a searched word asks
// for, and the row of an id.
import { compareBytes } from '../../core/query-index.ts';
import type { LoadedIndex, Strings } from '../kv/store.ts';

const utf8 = new TextEncoder();

/** The first term not below `word`, comparing UTF-8 bytes as the build sorted them. */
function lowerBound(terms: Strings, word: Uint8Array): number {
  let lo = 0;
  let hi = terms.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareBytes(terms.text, terms.starts[mid]!, terms.starts[mid + 1]!, word) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Does term t begin with (or, if `exact`, equal) `word`? */
function termMatches(terms: Strings, t: number, word: Uint8Array, exact: boolean): boolean {
  const from = terms.starts[t]!;
  const length = terms.starts[t + 1]! - from;
  if (length < word.length || (exact && length !== word.length)) return false;
  for (let i = 0; i < word.length; i++) if (terms.text[from + i] !== word[i]) return false;
  return true;
}

/** The terms a word asks for: those it begins (a prefix), or itself alone (`exact`), as a range of term numbers. */
export function termsFor(words: Strings, word: string, exact: boolean): [from: number, to: number] {
  const bytes = utf8.encode(word);
  const from = lowerBound(words, bytes);
  let to = from;
  while (to < words.starts.length - 1 && termMatches(words, to, bytes, exact)) to++;
  return [from, to];
}


/** The rows whose id is `id` ignoring case, in table order (ids are lower-cased in the index). */
export function rowsWithId(ids: NonNullable<LoadedIndex['ids']>, id: string): number[] {
  const [from, to] = termsFor(ids, id.toLowerCase(), true);
  return Array.from(ids.rows.subarray(from, to));
}
