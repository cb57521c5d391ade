// Table pages at the edges of the query language: what the API accepts, the
// page shows truly and its links keep (found by reviewing the pages' links).
import { describe, expect, it } from 'vitest';
import { getJson } from './fetch.ts';
import { browse, hrefs, select } from './page-html.ts';

describe('table pages at the edges', () => {
  it('limit=0 shows the count alone, with no pager and a way to the rows', async () => {
    const { res, page } = await browse('/v1/operations.html?limit=0');
    expect(res.status).toBe(200);
    expect((await select(page, '.total'))[0]!.text).toBe('3 rows');
    expect(page).toContain('<code>limit=0</code> shows the count alone.');
    expect(await select(page, 'nav.pages')).toHaveLength(0);
    expect(await hrefs(page, 'main p a')).toContain('/v1/operations.html');
  });

  it('downloads carry only what their format takes: shape stays on JSON, never on CSV', async () => {
    const { page } = await browse('/v1/operations.html?shape=array&sort=-start_date');
    expect(await hrefs(page, '#download .links a')).toEqual(['/v1/operations.csv?sort=-start_date', '/v1/operations.json?shape=array&sort=-start_date', expect.stringMatching(/schemas\/operations\.json$/)]);
    const csv = (await select(page, '#download code'))[0]!.text;
    expect(csv).not.toContain('shape');
  });

  it('reads a filter given twice as both values, and shows them together', async () => {
    const { body } = await getJson('/v1/cases.json?country=ES,GB&limit=0');
    const { res, page } = await browse('/v1/cases?country=ES&country=GB');
    expect(res.status, page.slice(page.indexOf('<main'), page.indexOf('<main') + 400)).toBe(200);
    expect((await select(page, '.total'))[0]!.text).toBe(`${body.meta.total} rows`);
    expect((await select(page, 'form.filters input[name=country]'))[0]!.attrs.value).toBe('ES,GB');
    expect(await hrefs(page, '#download .links a')).toContain('/v1/cases.csv?country=ES%2CGB');
  });

  it("a sort head's third click removes its own key and keeps the others", async () => {
    const { page } = await browse('/v1/metrics?sort=operation_id,-value');
    const heads = await select(page, 'th[aria-sort] a');
    expect(heads.map((h) => [h.text, h.attrs.href])).toEqual([
      ['operation_id', '/v1/metrics?sort=-operation_id'],
      ['value', '/v1/metrics?sort=operation_id'],
    ]);
  });

  it('a problem page links back to this site, even for a path that starts with //', async () => {
    const { res, page } = await browse('//evil.example/x');
    expect(res.status).toBe(404);
    expect(await hrefs(page, 'main a')).toContain('/evil.example/x');
    expect((await select(page, 'a[href]')).map((a) => a.attrs.href!).filter((h) => h.startsWith('//'))).toEqual([]);
  });
});
