// Pages escape everything they echo, run nothing, and load nothing from
// elsewhere: the CSP allows only the shared stylesheet, by its hash.
import { describe, expect, it } from 'vitest';
import { LICENCE } from '../../src/core/dataset.ts';
import { STYLE } from '../../src/core/pages/style.ts';
import { browse, select } from './page-html.ts';
import { getJson } from './fetch.ts';
import { LATEST } from '../releases.ts';

const PAGES = ['/v1/metrics?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E', '/v1/countries/ES', '/v1/releases', `/v1/releases/${LATEST}`, `/v1/releases/1.1.0/diff/${LATEST}`, '/v1/nowhere/at-all'];

async function styleHash(): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(STYLE));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

describe('page safety', () => {
  it('sends a CSP that allows the stylesheet by the hash of the one the pages inline, and nothing that runs', async () => {
    const csp = `default-src 'none'; style-src 'sha256-${await styleHash()}'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
    for (const path of PAGES) {
      const { res, page } = await browse(path);
      expect(res.headers.get('Content-Security-Policy'), path).toBe(csp);
      expect((await select(page, 'style'))[0]?.text, path).toBe(STYLE.replace(/\s+/g, ' ').trim());
      expect(await select(page, 'script'), path).toHaveLength(0);
      expect(await select(page, '[style]'), path).toHaveLength(0);
    }
  });

  it('echoes a query as text, never as markup', async () => {
    const { page } = await browse(PAGES[0]!);
    expect(page).not.toContain('<script>');
    expect((await select(page, 'input[name=q]'))[0]!.attrs.value).toBe('<script>alert(1)</script>');
    expect(page).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('escapes what an error page quotes of the URL', async () => {
    const { res, page } = await browse('/v1/metrics?%3Cb%3Ebold=1');
    expect(res.status).toBe(400);
    expect(page).not.toContain('<b>');
    expect((await select(page, 'main li code'))[0]!.text).toBe('<b>bold');
  });

  it('links off the site only to the licence and the sources\' documents, and loads nothing from anywhere', async () => {
    const sources = (await getJson('/v1/sources.json')).body.data as { url: string | null }[];
    const known = new Set([LICENCE.url, ...sources.flatMap((s) => (s.url ? [s.url] : []))]);
    for (const path of PAGES) {
      const { page } = await browse(path);
      const away = (await select(page, 'a[href^="http"]')).map((a) => a.attrs.href!);
      expect(away.filter((href) => !known.has(href)), path).toEqual([]);
      expect(await select(page, 'link[href^="http"], img, iframe'), path).toHaveLength(0);
    }
  });
});
