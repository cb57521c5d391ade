// sort=relevance: rows matching the words of q, best first by BM25 (k1 1.2,
// b 0.75, as SQLite FTS5), checked against scoring every built row plainly.
import { expect, it } from 'vitest';
import { cellText } from '../../src/core/cells.ts';
import { parseSearch, words } from '../../src/core/words.ts';
import { builtRows } from '../built.ts';
import { get, getJson } from './fetch.ts';


/** BM25 over every row, word by word and term by term in UTF-8 order, as the index sums it. */
function ranked(rows: Record<string, any>[], columns: string[], q: string): string[] {
  const texts = rows.map((r) => words(columns.map((c) => cellText(r[c])).join('\n')));
  const mean = texts.reduce((n, t) => n + t.length, 0) / rows.length;
  const terms = [...new Set(texts.flat())].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const asked = parseSearch(q);
  const asks: [string, boolean][] = [...asked.prefixes.map((p): [string, boolean] => [p, false]), ...asked.phrases.flat().map((w): [string, boolean] => [w, true])];
  const matches = (row: string[]) => asks.every(([w, exact]) => row.some((t) => (exact ? t === w : t.startsWith(w))));
  const scores = texts.map((row) => {
    let score = 0;
    for (const [w, exact] of asks) {
      for (const term of terms.filter((t) => (exact ? t === w : t.startsWith(w)))) {
        const df = texts.filter((t) => t.includes(term)).length;
        const tf = row.filter((t) => t === term).length;
        if (!tf) continue;
        const idf = Math.log(1 + (rows.length - df + 0.5) / (df + 0.5));
        score += (idf * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * row.length) / mean));
      }
    }
    return score;
  });
  return rows
    .map((r, i) => ({ id: r.case_id, i, score: scores[i]! }))
    .filter(({ i }) => matches(texts[i]!))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((r) => r.id);
}

it('orders cases by how well they match, ties in table order', async () => {
  for (const q of ['scam', 'smuggling migrants', 'traffick victims', '"migrant smuggling"', 'women']) {
    const { body } = await getJson(`/v1/cases.json?q=${encodeURIComponent(q)}&sort=relevance&fields=case_id`);
    expect(body.data.map((r: any) => r.case_id), q).toEqual(ranked(builtRows('cases'), ['title', 'summary'], q));
    expect(body.data.length, q).toBeGreaterThan(1);
  }
});

it('needs q, and is most relevant first only', async () => {
  const none = await get('/v1/cases.json?sort=relevance');
  expect(none.status).toBe(400);
  expect((await none.json<any>()).detail).toBe('sort=relevance ranks rows by how well they match the words of q; add q=, e.g. q=forced labour&sort=relevance.');
  const reversed = await get('/v1/cases.json?q=scam&sort=-relevance');
  expect(reversed.status).toBe(400);
  expect((await get('/v1/countries.json?sort=relevance&q=spain')).status).toBe(200);
});
