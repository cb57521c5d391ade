// q= is word search: every word of the query begins a word of the row, in any
// order; a "quoted phrase" must appear as written; case, accents and width fold.
// Built on an inverted index, so its cost follows the words asked.
import { expect, it } from 'vitest';
import { getJson } from './fetch.ts';

const ids = async (path: string, key = 'case_id') => (await getJson(path)).body.data.map((r: any) => r[key]);

it('finds rows holding every word, in any order ("raid myanmar" finds "Raid on a scam compound in Myanmar")', async () => {
  expect(await ids('/v1/cases?q=raid%20myanmar&fields=case_id')).toEqual(['l3-myanmar-scam-compound']);
  expect(await ids('/v1/cases?q=myanmar%20raid&fields=case_id')).toEqual(['l3-myanmar-scam-compound']);
});

it('matches words by their beginning: "traffick" finds trafficking and trafficked', async () => {
  const byPrefix = await ids('/v1/cases?q=traffick&fields=case_id&limit=100');
  const byWord = new Set([...(await ids('/v1/cases?q=trafficking&fields=case_id&limit=100')), ...(await ids('/v1/cases?q=trafficked&fields=case_id&limit=100'))]);
  expect(new Set(byPrefix)).toEqual(byWord);
  expect(byPrefix.length).toBeGreaterThan(byWord.size - 1);
});

it('takes a quoted phrase as written, and not in another order', async () => {
  expect(await ids('/v1/cases?q=%22scam%20compound%22&fields=case_id')).toEqual(['l3-myanmar-scam-compound']);
  expect(await ids('/v1/cases?q=%22compound%20scam%22&fields=case_id')).toEqual([]);
});

it('searches every table with text: sources, discrepancies and findings too', async () => {
  expect(await ids('/v1/sources?q=national%20crime&fields=source_id', 'source_id')).toEqual(['nca-2024-11-06']);
  expect(await ids('/v1/findings?q=africa%20asia&fields=finding_id', 'finding_id')).toEqual(['l3-finding-scam-centres', 'l3-finding-victims-in-africa']);
  expect(await ids('/v1/discrepancies?q=serengeti&fields=discrepancy_id', 'discrepancy_id')).toEqual(['l3-serengeti-figures']);
});
