// Rendered answers are reused per isolate only while the pointer is the same,
// and only for the same URL and negotiated headers.
import { afterEach, expect, it, vi } from 'vitest';
import { clearRenderedCache, renderedCacheBytes } from '../../src/worker/http/rendered-cache.ts';
import { clearStoreMemo } from '../../src/worker/kv/store.ts';
import { get } from './fetch.ts';
import { builtPointer as built, pointAtEditedManifest, putPointer } from './put-pointer.ts';
import { LATEST } from '../releases.ts';

afterEach(async () => {
  vi.useRealTimers();
  await putPointer(built);
});

it('follows a moved pointer once the isolate re-reads it (30 s), not before', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T12:00:00Z'));
  expect((await get('/v1/metrics.csv')).headers.get('X-Release-Version')).toBe(LATEST);
  await putPointer({ ...built, latest: '1.0.0' });
  vi.setSystemTime(new Date('2026-11-23T12:00:10Z'));
  expect((await get('/v1/metrics.csv')).headers.get('X-Release-Version')).toBe(LATEST);
  vi.setSystemTime(new Date('2026-11-23T12:00:31Z'));
  const moved = await get('/v1/metrics.csv');
  expect(moved.headers.get('X-Release-Version')).toBe('1.0.0');
  expect(await moved.text()).not.toBe(await (await get(`/v1/releases/${LATEST}/metrics.csv`)).text());
});

it('keeps answers apart by Accept and by encoding', async () => {
  const json = await get('/v1/metrics', { headers: { Accept: 'application/json' } });
  const csv = await get('/v1/metrics', { headers: { Accept: 'text/csv' } });
  expect(json.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
  const br = await get('/v1/metrics.csv', { headers: { 'Accept-Encoding': 'br' } });
  const plain = await get('/v1/metrics.csv');
  expect(br.headers.get('Content-Encoding')).toBe('br');
  expect(plain.headers.get('Content-Encoding')).toBeNull();
});

it('still answers conditional requests and HEAD from a remembered answer', async () => {
  const first = await get('/v1/metrics.csv');
  const etag = first.headers.get('ETag')!;
  expect((await get('/v1/metrics.csv', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  const head = await get('/v1/metrics.csv', { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(await head.text()).toBe('');
  expect((await get('/v1/metrics.csv')).status).toBe(200);
});

it('remembers a revalidation without ever serving its empty body as the answer', async () => {
  const etag = (await get('/v1/metrics.json')).headers.get('ETag')!;
  clearRenderedCache();
  // Only revalidations so far: the remembered answer has no body.
  for (let i = 0; i < 2; i++) expect((await get('/v1/metrics.json', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  const stale = await get('/v1/metrics.json', { headers: { 'If-None-Match': '"something-else"' } });
  expect(stale.status).toBe(200);
  const whole = await get('/v1/metrics.json');
  expect(whole.status).toBe(200);
  const text = await whole.text();
  expect(text).toBe(await stale.text());
  expect(JSON.parse(text).data.length).toBeGreaterThan(0);
  // And a whole answer is not replaced by a later bodyless one.
  expect((await get('/v1/metrics.json', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  expect(await (await get('/v1/metrics.json')).text()).toBe(text);
});

it('never hands a remembered encoding to a client that does not accept it, when a body lacks one', async () => {
  // Release 1.1.0 as if its metrics.csv had no br form (the build skips a form that is not smaller).
  await pointAtEditedManifest('1.1.0', (manifest) => ({
    ...manifest,
    tables: manifest.tables.map((t) => (t.name === 'metrics' ? { ...t, csv: { ...t.csv, encodings: { gzip: t.csv.encodings!.gzip! } } } : t)),
  }));
  clearStoreMemo();
  clearRenderedCache();
  const both = await get('/v1/releases/1.1.0/metrics.csv', { headers: { 'Accept-Encoding': 'br, gzip;q=0.5' } });
  expect(both.headers.get('Content-Encoding')).toBe('gzip');
  const brOnly = await get('/v1/releases/1.1.0/metrics.csv', { headers: { 'Accept-Encoding': 'br' } });
  expect(brOnly.headers.get('Content-Encoding')).toBeNull();
  expect(await brOnly.text()).toMatch(/^operation_id,metric,value,/);
  clearStoreMemo();
});

it('counts what an answer holds toward its bound: the body, the headers and the key', async () => {
  clearRenderedCache();
  // A long query of one repeated filter value: its URL is the key, and each of four page links repeats it.
  const values = Array.from({ length: 90 }, () => 'liberterra-iii').join(',');
  const path = `/v1/metrics.json?operation=${values}&limit=1`;
  const res = await get(path);
  expect(res.status).toBe(200);
  const body = await res.text();
  const link = res.headers.get('Link')!;
  // The body is held as the UTF-8 bytes sent (encoded once); headers and key as strings.
  expect(renderedCacheBytes()).toBeGreaterThanOrEqual(new TextEncoder().encode(body).length + (link.length + `http://api.test${path}`.length) * 2);
});
