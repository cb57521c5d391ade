// Words as search sees them, the same at build time (the inverted index) and per
// request (the query): folded (case, accents, width: cells.ts fold), then runs of
// letters and digits. "Côte d'Ivoire" is cote, d, ivoire.
import { fold } from './cells.ts';

export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A search query: bare words (each matches words it begins) and "quoted phrases" (their words in a row, in order). */
export interface SearchQuery {
  prefixes: string[];
  phrases: string[][];
}

export function parseSearch(q: string): SearchQuery {
  const phrases: string[][] = [];
  const rest = q.replace(/"([^"]*)"/g, (_, phrase: string) => {
    const w = words(phrase);
    if (w.length) phrases.push(w);
    return ' ';
  });
  return { prefixes: words(rest), phrases };
}

/** Each word a search asks for, and whether it must be whole (a phrase's) or may begin a word (a bare word). */
export function askedTerms(asked: SearchQuery): [word: string, exact: boolean][] {
  return [...asked.prefixes.map((p): [string, boolean] => [p, false]), ...asked.phrases.flat().map((w): [string, boolean] => [w, true])];
}
