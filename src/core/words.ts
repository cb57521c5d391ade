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
