// Row pages follow the data's relations both ways: what a row cites, and
// every row of every table that cites it, each id a link.
import { describe, expect, it } from 'vitest';
import { getJson } from './fetch.ts';
import { browse, hrefs, select } from './page-html.ts';

type Rows = { data: Record<string, any>[] };
/** Every row the query selects (`limit` in the query, or all), from the JSON the pages must agree with. */
const all = async (table: string, query = '') => {
  const params = new URLSearchParams(query);
  if (!params.has('limit')) params.set('limit', '10000');
  return (await getJson<Rows>(`/v1/${table}.json?${params}`)).body.data;
};
/** The rows listed in the section for rows of `table` citing through `column`. */
const section = async (page: string, table: string, column: string) => select(page, `[aria-labelledby="rel-${table}-${column}"] tbody tr`);

describe('row pages', () => {
  it('an operation: its fields, its sources by title, and its metrics, partners, country roles and cases', async () => {
    const { res, page } = await browse('/v1/operations/liberterra-iii');
    expect(res.status).toBe(200);
    expect((await select(page, 'h1'))[0]!.text).toBe('Operation Liberterra III');
    const sources = await all('sources');
    const operation = (await getJson('/v1/operations/liberterra-iii.json')).body.data;
    const cited = await select(page, 'dl.row dd a[href^="/v1/sources/"]');
    expect(cited.map((a) => a.text)).toEqual(operation.source_ids);
    const titles = (await select(page, 'dl.row dd .label')).map((l) => l.text);
    expect(titles).toEqual(operation.source_ids.map((id: string) => sources.find((s) => s.source_id === id)!.title));
    for (const table of ['metrics', 'partners', 'country_roles', 'cases', 'findings', 'discrepancies']) {
      expect((await section(page, table, 'operation_id')).length, table).toBe((await all(table, '&operation=liberterra-iii')).length);
    }
    expect(await hrefs(page, '[aria-labelledby="rel-cases-operation_id"] a[href^="/v1/cases/"]')).toEqual(
      expect.arrayContaining((await all('cases', '&operation=liberterra-iii')).map((c) => `/v1/cases/${c.case_id}`)),
    );
  });

  it('an operation carries its map, with a key and its text alternative', async () => {
    const { page } = await browse('/v1/operations/liberterra-iii');
    const svg = await select(page, 'figure.map svg[role=img]');
    expect(svg).toHaveLength(1);
    expect((await select(page, 'figure.map svg > title'))[0]!.text).toBe('Where Operation Liberterra III took place');
    const roles = await all('country_roles', '&operation=liberterra-iii');
    const hosts = new Set(roles.filter((r) => r.role === 'coordination_unit_host').map((r) => r.iso2));
    expect((await select(page, '.key li'))[0]!.text).toBe(`hosted a coordination unit (${hosts.size})`);
    const marks = await select(page, 'figure.map svg .host > title');
    expect(marks).toHaveLength(hosts.size);
  });

  it('a case: its figures and countries, and its sources and operation as links', async () => {
    const [figure] = await all('case_figures', 'limit=1');
    const row = (await getJson(`/v1/cases/${figure!.case_id}.json`)).body.data as Record<string, any>;
    const { page } = await browse(`/v1/cases/${row!.case_id}`);
    expect((await section(page, 'case_figures', 'case_id')).length).toBe((await all('case_figures', `&case=${row!.case_id}`)).length);
    expect((await section(page, 'case_countries', 'case_id')).length).toBe((await all('case_countries', `&case=${row!.case_id}`)).length);
    const links = await hrefs(page, 'dl.row a');
    expect(links).toEqual(expect.arrayContaining([`/v1/operations/${row!.operation_id}`, ...row!.source_ids.map((s: string) => `/v1/sources/${s}`), ...row!.countries.map((c: string) => `/v1/countries/${c}`)]));
  });

  it('a country: its roles in every operation and the cases it appears in', async () => {
    const { page } = await browse('/v1/countries/ES');
    expect((await select(page, 'h1'))[0]!.text).toBe('Spain');
    expect((await section(page, 'country_roles', 'iso2')).length).toBe((await all('country_roles', '&country=ES')).length);
    expect((await section(page, 'cases', 'countries')).length).toBe((await all('cases', '&country=ES')).length);
    expect((await section(page, 'case_countries', 'iso2')).length).toBe((await all('case_countries', '&country=ES')).length);
  });

  it('a source: every row of every table that cites it', async () => {
    const id = 'interpol-2026-01-26';
    const { page } = await browse(`/v1/sources/${id}`);
    for (const table of ['operations', 'metrics', 'partners', 'country_roles', 'cases', 'case_countries', 'case_figures', 'findings', 'discrepancies']) {
      const citing = (await all(table)).filter((r) => (r.source_ids as string[]).includes(id));
      expect((await section(page, table, 'source_ids')).length, table).toBe(citing.length);
    }
    const counted = (await select(page, '[aria-labelledby="rel-metrics-source_ids"] h3 .label'))[0]!.text;
    expect(counted).toBe(`by source_ids (${(await all('metrics')).filter((r) => r.source_ids.includes(id)).length})`);
  });

  it('a discrepancy: its sources, both the claim\'s and the adopted value\'s, as links', async () => {
    const [row] = await all('discrepancies', '&limit=1');
    const { page } = await browse(`/v1/discrepancies/${row!.discrepancy_id}`);
    const links = await hrefs(page, 'dl.row a[href^="/v1/sources/"]');
    expect(links).toEqual([...row!.claim_source_ids, ...row!.source_ids].map((s: string) => `/v1/sources/${s}`));
  });

  it('a finding links its operation, and the operation lists it', async () => {
    const [row] = await all('findings', '&limit=1');
    const finding = await browse(`/v1/findings/${row!.finding_id}`);
    expect(await hrefs(finding.page, 'dl.row a[href^="/v1/operations/"]')).toEqual([`/v1/operations/${row!.operation_id}`]);
    const operation = await browse(`/v1/operations/${row!.operation_id}`);
    expect(await hrefs(operation.page, '[aria-labelledby="rel-findings-operation_id"] a[href^="/v1/findings/"]')).toContain(`/v1/findings/${row!.finding_id}`);
  });

  it('answers an unknown id with a 404 page', async () => {
    const { res, page } = await browse('/v1/cases/no-such-case');
    expect(res.status).toBe(404);
    expect((await select(page, 'main .lead'))[0]!.text).toMatch(/has no cases row with case_id "no-such-case"/);
  });
});
