// Pages are cached like the JSON they show: the same Cache-Control, a strong
// ETag of the bytes, 304 for a client that holds them, and Vary: Accept where
// the page was negotiated.
import { describe, expect, it } from 'vitest';
import { get } from './fetch.ts';
import { BROWSER_ACCEPT } from './page-html.ts';
import { LATEST } from '../releases.ts';

const asBrowser = (path: string, headers: Record<string, string> = {}) => get(path, { headers: { Accept: BROWSER_ACCEPT, ...headers } });

describe('page caching', () => {
  it('has the Cache-Control of the JSON answer to the same URL', async () => {
    for (const [page, json] of [
      ['/v1/metrics?operation=liberterra-i', '/v1/metrics.json?operation=liberterra-i'],
      [`/v1/releases/${LATEST}/metrics?operation=liberterra-i`, `/v1/releases/${LATEST}/metrics.json?operation=liberterra-i`],
      ['/v1/operations/liberterra-i', '/v1/operations/liberterra-i.json'],
      [`/v1/releases/1.1.0/diff/${LATEST}`, `/v1/releases/1.1.0/diff/${LATEST}.json`],
    ]) {
      expect((await asBrowser(page!)).headers.get('Cache-Control'), page).toBe((await get(json!)).headers.get('Cache-Control'));
    }
    expect((await asBrowser('/v1/metrics')).headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=86400');
  });

  it('answers 304 to the ETag it sent, and the same ETag for the same page', async () => {
    for (const path of ['/v1/cases?country=ES', '/v1/countries/ES', '/v1/releases', `/v1/releases/${LATEST}`]) {
      const first = await asBrowser(path);
      const etag = first.headers.get('ETag')!;
      expect(etag, path).toMatch(/^"[0-9a-f]{64}"$/);
      expect((await asBrowser(path)).headers.get('ETag'), path).toBe(etag);
      const again = await asBrowser(path, { 'If-None-Match': etag });
      expect(again.status, path).toBe(304);
      expect(again.headers.get('Content-Type'), path).toBeNull();
    }
  });

  it('gives the page and the JSON of one URL different ETags', async () => {
    const page = await asBrowser('/v1/metrics?operation=liberterra-i');
    const json = await get('/v1/metrics?operation=liberterra-i');
    expect(page.headers.get('ETag')).not.toBe(json.headers.get('ETag'));
    expect(page.headers.get('Vary')).toBe('Accept, Accept-Encoding');
    expect(json.headers.get('Vary')).toBe('Accept, Accept-Encoding');
  });

  it('is named by the release it shows', async () => {
    const res = await asBrowser('/v1/operations/liberterra-i');
    expect(res.headers.get('X-Release-Version')).toBe(LATEST);
    expect(res.headers.get('Last-Modified')).not.toBeNull();
  });
});
