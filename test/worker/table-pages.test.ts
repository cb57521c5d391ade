// A table URL as a page: the rows of the query, its total, a GET form for the
// filters, facets that filter when followed, sortable heads, pages, and
// download links for exactly the rows the view selects.
import { describe, expect, it } from 'vitest';
import { BASE, getJson } from './fetch.ts';
import { browse, hrefs, select } from './page-html.ts';
import { LATEST } from '../releases.ts';

const rowsOf = async (page: string) => (await select(page, 'main table tbody tr')).length;

describe('table pages', () => {
  it('shows the rows and total the JSON answer gives for the same query', async () => {
    const query = 'operation=liberterra-ii&sort=-value';
    const { body } = await getJson(`/v1/metrics.json?${query}`);
    const { res, page } = await browse(`/v1/metrics?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('X-Total-Count')).toBe(String(body.meta.total));
    expect(await rowsOf(page)).toBe(body.data.length);
    expect((await select(page, '.total'))[0]!.text).toBe(`${body.meta.total} rows`);
    const firstRow = await select(page, 'main table tbody tr:first-child td');
    expect(firstRow[2]!.text).toBe(body.data[0].value.toLocaleString('en-GB'));
  });

  it('pages 50 rows at a time by default, with previous and next links keeping the query', async () => {
    const { body } = await getJson('/v1/country_roles.json?limit=0');
    const total = body.meta.total;
    const { page } = await browse('/v1/country_roles?role=participant');
    const { body: participants } = await getJson('/v1/country_roles.json?role=participant&limit=0');
    expect(total).toBeGreaterThan(participants.meta.total);
    expect(await rowsOf(page)).toBe(50);
    expect(await hrefs(page, 'a[rel=next]')).toEqual(['/v1/country_roles?role=participant&offset=50']);
    const second = await browse('/v1/country_roles?role=participant&offset=50');
    expect(await hrefs(second.page, 'a[rel=prev]')).toEqual(['/v1/country_roles?role=participant&offset=0']);
    expect(await rowsOf(second.page)).toBe(Math.min(50, participants.meta.total - 50));
  });

  it('counts each facet value under the other filters, and a facet link filters by it from the first page', async () => {
    const { page } = await browse('/v1/cases?operation=liberterra-iii');
    const { body } = await getJson('/v1/cases.json?operation=liberterra-iii&facet=category&limit=0');
    const items = await select(page, '[aria-labelledby=facet-category] li');
    expect(items.map((i) => i.text)).toEqual(body.meta.facets.category.map((f: { value: string; count: number }) => `${f.value}${f.count}`));
    const links = await hrefs(page, '[aria-labelledby=facet-category] a');
    expect(links[0]).toBe(`/v1/cases?operation=liberterra-iii&category=${body.meta.facets.category[0].value}`);
  });

  it('marks a chosen facet value and links to the view without it', async () => {
    const { page } = await browse('/v1/cases?operation=liberterra-iii&category=migrant_smuggling');
    const on = await select(page, '[aria-labelledby=facet-category] li.on a');
    expect(on).toHaveLength(1);
    expect(on[0]!.attrs.href).toBe('/v1/cases?operation=liberterra-iii');
    expect(on[0]!.attrs['aria-label']).toBe('migrant_smuggling, remove this filter');
  });

  it('names the ids it facets on: countries by name, operations by name', async () => {
    const { page } = await browse('/v1/country_roles?operation=liberterra-iii&role=coordination_unit_host');
    const countries = (await select(page, '[aria-labelledby=facet-country] a')).map((a) => a.text);
    const { body } = await getJson('/v1/country_roles.json?operation=liberterra-iii&role=coordination_unit_host&labels=true');
    expect(countries.sort()).toEqual(body.data.map((r: { iso2: string; iso2_name: string }) => `${r.iso2_name} (${r.iso2})`).sort());
  });

  it('sorts by a column head: ascending, then descending, then unsorted, and says which with aria-sort', async () => {
    const plain = await browse('/v1/operations');
    expect(await hrefs(plain.page, 'th a')).toContain('/v1/operations?sort=start_date');
    expect(await select(plain.page, 'th[aria-sort]')).toHaveLength(0);
    const up = await browse('/v1/operations?sort=start_date');
    const sortedUp = await select(up.page, 'th[aria-sort]');
    expect(sortedUp.map((t) => [t.text, t.attrs['aria-sort']])).toEqual([['start_date', 'ascending']]);
    expect(await hrefs(up.page, 'th[aria-sort] a')).toEqual(['/v1/operations?sort=-start_date']);
    const down = await browse('/v1/operations?sort=-start_date');
    expect((await select(down.page, 'th[aria-sort]'))[0]!.attrs['aria-sort']).toBe('descending');
    expect(await hrefs(down.page, 'th[aria-sort] a')).toEqual(['/v1/operations']);
    const ids = (await select(down.page, 'tbody tr td:first-child')).map((t) => t.text);
    expect(ids).toEqual(['liberterra-iii', 'liberterra-ii', 'liberterra-i']);
  });

  it('has a GET form with a control for every filter, q and the ranges, keeping other parameters hidden', async () => {
    const { page } = await browse('/v1/metrics?sort=value&fields=operation_id,metric,value');
    const form = (await select(page, 'form.filters'))[0]!;
    expect(form.attrs).toMatchObject({ method: 'get', action: '/v1/metrics' });
    const names = (await select(page, 'form.filters [name]')).map((c) => c.attrs.name);
    expect(names).toEqual(['q', 'operation', 'metric', 'qualifier', 'sort', 'fields', 'value_gte', 'value_lte']);
    const hidden = await select(page, 'form.filters input[type=hidden]');
    expect(hidden.map((h) => [h.attrs.name, h.attrs.value])).toEqual([
      ['sort', 'value'],
      ['fields', 'operation_id,metric,value'],
    ]);
  });

  it('ignores the empty fields a submitted form sends', async () => {
    const { res, page } = await browse('/v1/metrics?q=&operation=liberterra-i&metric=&qualifier=&value_gte=&value_lte=');
    expect(res.status).toBe(200);
    const { body } = await getJson('/v1/metrics.json?operation=liberterra-i&limit=0');
    expect(await rowsOf(page)).toBe(body.meta.total);
    expect(await hrefs(page, '#download a')).toContain('/v1/metrics.csv?operation=liberterra-i');
  });

  it('offers downloads of every row of the view, and Sheets, pandas and R lines with the absolute CSV URL', async () => {
    const { page } = await browse('/v1/cases?country=ES&sort=-case_id&offset=0');
    expect(await hrefs(page, '#download .links a')).toEqual(['/v1/cases.csv?country=ES&sort=-case_id', '/v1/cases.json?country=ES&sort=-case_id', `/v1/releases/${LATEST}/schemas/cases.json`]);
    const code = (await select(page, '#download pre code')).map((c) => c.text);
    expect(code[0]).toBe(`=IMPORTDATA("${BASE}/v1/cases.csv?country=ES&sort=-case_id")`);
    expect(code[1]).toContain(`cases = pd.read_csv("${BASE}/v1/cases.csv?country=ES&sort=-case_id", keep_default_na=False`);
    expect(code[2]).toContain(`pd.read_json("${BASE}/v1/cases.json?country=ES&sort=-case_id&shape=array", dtype=False`);
    expect(code[3]).toMatch(new RegExp(`^cases <- read\\.csv\\("${BASE}/v1/cases\\.csv\\?country=ES&sort=-case_id", encoding = "UTF-8", na.strings = ""`));
  });

  it('says what a country name was read as, and how many rows match', async () => {
    const { res, page } = await browse('/v1/cases?country=Spain');
    expect(res.headers.get('X-Query-Resolved')).toBe('country=Spain as ES');
    expect(page).toContain('Read country=Spain as ES.');
  });

  it('says so when nothing matches, with a way back', async () => {
    const { page } = await browse('/v1/metrics?value_gt=1000000000');
    expect(await select(page, 'main table')).toHaveLength(0);
    expect((await select(page, '.total'))[0]!.text).toBe('0 rows');
    expect(await hrefs(page, 'main p a')).toContain('/v1/metrics');
  });

  it('links ids to their rows, in the release the page is of', async () => {
    const latest = await browse('/v1/cases?limit=1');
    expect(await hrefs(latest.page, 'tbody td:first-child a')).toEqual([expect.stringMatching(/^\/v1\/cases\/[a-z0-9-]+$/)]);
    const pinned = await browse(`/v1/releases/${LATEST}/metrics?limit=1`);
    const links = await hrefs(pinned.page, 'tbody a');
    expect(links[0]).toBe(`/v1/releases/${LATEST}/operations/liberterra-i`);
    expect(links.filter((l) => l.includes('/sources/')).every((l) => l.startsWith(`/v1/releases/${LATEST}/sources/`))).toBe(true);
  });

  it('refuses a bad parameter with a page saying what is wrong and what is accepted, and the data answer\'s status', async () => {
    const { res, page } = await browse('/v1/metrics?operation=liberterra-i&qualifier=roughly');
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect((await select(page, 'h1'))[0]!.text).toBe('400 Bad Request');
    expect((await select(page, 'main li'))[0]!.text).toBe('qualifier: "roughly" is not one of the allowed values. Accepted: exact, more_than, at_least, approximately, nearly.');
    expect(await hrefs(page, 'main a')).toEqual(['/v1/metrics', '/']);
  });
});
