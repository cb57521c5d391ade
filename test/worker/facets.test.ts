// facet=: counts per value of a filter's column under every other filter and the
// search, in the JSON envelope, and as the CSV answer itself (one URL a
// spreadsheet imports). Checked against counting the built rows by hand.
import { expect, it } from 'vitest';
import { builtRows } from '../built.ts';
import { LATEST } from '../releases.ts';
import { get, getJson } from './fetch.ts';


/** Counts as the API promises them: most first, then by value; a list cell counts each item. */
function counted(values: (string | string[])[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values.flatMap((x) => (Array.isArray(x) ? x : [x]))) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

it('answers "countries per region" as a CSV a spreadsheet imports', async () => {
  const res = await get('/v1/countries.csv?facet=region');
  expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="liberterra-countries-facets-${LATEST}-facet-region.csv"`);
  const expected = counted(builtRows('countries').map((r) => r.region));
  expect(await res.text()).toBe(`facet,value,count\r\n${expected.map((c) => `region,${c.value},${c.count}\r\n`).join('')}`);
});

it('puts counts in meta.facets, under the other filters, leaving out the facet\'s own', async () => {
  const cases = builtRows('cases');
  const { body } = await getJson('/v1/cases.json?operation=liberterra-ii&category=migrant_smuggling&facet=category,country&limit=1');
  const inII = cases.filter((c) => c.operation_id === 'liberterra-ii');
  expect(body.meta.facets.category).toEqual(counted(inII.map((c) => c.category)));
  expect(body.meta.facets.country).toEqual(counted(inII.filter((c) => c.category === 'migrant_smuggling').map((c) => c.countries)));
  expect(body.meta.total).toBe(inII.filter((c) => c.category === 'migrant_smuggling').length);
});

it('counts under the search too, and refuses a facet that is no filter', async () => {
  const { body } = await getJson('/v1/cases.json?q=scam&facet=operation&limit=1');
  expect(body.meta.facets.operation).toEqual([{ value: 'liberterra-iii', count: body.meta.total - 1 }, { value: 'liberterra-ii', count: 1 }]);
  const res = await get('/v1/cases.json?facet=title');
  expect(res.status).toBe(400);
  expect((await res.json<any>()).invalid_params[0]).toMatchObject({ name: 'facet', allowed: ['operation', 'country', 'linked_country', 'category'] });
});

it('answers limit=0 with the counts and the total alone, as JSON and CSV', async () => {
  const { res, body } = await getJson('/v1/cases.json?facet=category&limit=0');
  const cases = builtRows('cases');
  expect(body.data).toEqual([]);
  expect(body.meta.total).toBe(cases.length);
  expect(body.meta.facets.category).toEqual(counted(cases.map((c) => c.category)));
  expect(res.headers.get('X-Total-Count')).toBe(String(cases.length));
  expect(res.headers.get('Link')).not.toContain('rel="next"');
  const csv = await get('/v1/metrics.csv?limit=0');
  expect(await csv.text()).toBe('operation_id,metric,value,qualifier,unit,notes,source_ids\r\n');
});
