// Validators and cache lifetimes: strong ETags, 304s, immutable pinned URLs.
import { describe, expect, it } from 'vitest';
import { get } from './fetch.ts';
import { LATEST } from '../releases.ts';

describe('caching', () => {
  it('answers If-None-Match with 304 and no body', async () => {
    const first = await get('/v1/metrics.csv');
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await get('/v1/metrics.csv', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('ETag')).toBe(etag);
  });

  it('gives filtered responses a strong ETag of their own bytes', async () => {
    const a = await get('/v1/metrics.json?metric=arrests');
    const b = await get('/v1/metrics.json?metric=arrests');
    const c = await get('/v1/metrics.json?metric=inspections');
    expect(a.headers.get('ETag')).toBe(b.headers.get('ETag'));
    expect(a.headers.get('ETag')).not.toBe(c.headers.get('ETag'));
    expect((await get('/v1/metrics.json?metric=arrests', { headers: { 'If-None-Match': a.headers.get('ETag')! } })).status).toBe(304);
  });

  it('ignores a junk If-None-Match', async () => {
    expect((await get('/v1/metrics.csv', { headers: { 'If-None-Match': '"nope", W/"x"' } })).status).toBe(200);
  });

  it('caches pinned releases for a year, immutable', async () => {
    const res = await get('/v1/releases/1.0.0/metrics.csv');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('Last-Modified')).toBe('Mon, 23 Nov 2026 00:00:00 GMT');
  });

  it('caches latest briefly, revalidating in the background', async () => {
    const res = await get('/v1/metrics.csv');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(res.headers.get('Content-Location')).toBe(`/v1/releases/${LATEST}/metrics.csv`);
    expect(res.headers.get('X-Release-Version')).toBe(LATEST);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const getRes = await get('/v1/metrics.csv');
    const head = await get('/v1/metrics.csv', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('ETag')).toBe(getRes.headers.get('ETag'));
    expect(head.headers.get('Content-Type')).toBe(getRes.headers.get('Content-Type'));
  });

  it('links data responses to their schema and licence', async () => {
    const link = (await get('/v1/metrics.csv')).headers.get('Link');
    expect(link).toBe(
      [
        `</v1/releases/${LATEST}/schemas/metrics.json>; rel="describedby"; type="application/schema+json"`,
        `</v1/releases/${LATEST}/datapackage.json>; rel="describedby"; type="application/vnd.datapackage+json"`,
        '<https://creativecommons.org/licenses/by/4.0/>; rel="license"',
      ].join(', '),
    );
  });
});
