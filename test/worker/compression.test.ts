// Bodies go out pre-compressed (br, then gzip) when the client accepts them.
// Read inside workerd, an encoded body comes back decoded, so these tests check
// the choice, the headers and the content; test/interop/compressed-bytes.test.ts
// checks the compressed bytes on the wire.
import { describe, expect, it } from 'vitest';
import entries from '../../.build/kv.json';
import pointer from '../../.build/pointer.json';
import type { Manifest } from '../../src/core/release-types.ts';
import { get } from './fetch.ts';
import { LATEST } from '../releases.ts';
import { tableKey } from '../built.ts';

const manifestKey = pointer.releases.find((r) => r.version === LATEST)!.manifest.key;
const manifest = JSON.parse(entries.find((e) => e.key === manifestKey)!.value) as Manifest;
const built = (key: string) => entries.find((e) => e.key === key)!;

describe('pre-compressed bodies', () => {
  it('sends brotli when accepted, with Content-Encoding, Vary and the ETag of the brotli bytes', async () => {
    const res = await get('/v1/country_roles.csv', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    const ref = manifest.tables.find((t) => t.name === 'country_roles')!.csv.encodings!.br!;
    expect(res.headers.get('ETag')).toBe(`"${ref.sha256}"`);
    expect(await res.text()).toBe(built(tableKey(LATEST, 'country_roles', 'csv')).value);
  });

  it('sends gzip when that is all the client takes', async () => {
    const res = await get('/v1/metrics.json', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(await res.text()).toBe(built(tableKey(LATEST, 'metrics', 'json')).value);
  });

  it('honours q-values: br;q=0 means gzip, identity when nothing matches', async () => {
    const gz = await get('/v1/metrics.csv', { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' } });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    const none = await get('/v1/metrics.csv', { headers: { 'Accept-Encoding': 'identity' } });
    expect(none.headers.get('Content-Encoding')).toBeNull();
    expect(await none.text()).toBe(built(tableKey(LATEST, 'metrics', 'csv')).value);
  });

  it('revalidates each representation by its own ETag with 304', async () => {
    const headers = { 'Accept-Encoding': 'br' };
    const etag = (await get('/v1/metrics.csv', { headers })).headers.get('ETag')!;
    const again = await get('/v1/metrics.csv', { headers: { ...headers, 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('Content-Encoding')).toBeNull();
    expect((await get('/v1/metrics.csv', { headers: { 'If-None-Match': etag } })).status).toBe(200);
  });

  it('compresses documents too: the landing page and the OpenAPI document', async () => {
    for (const path of ['/', '/v1/openapi.json']) {
      expect((await get(path, { headers: { 'Accept-Encoding': 'br' } })).headers.get('Content-Encoding'), path).toBe('br');
    }
  });

  it('keeps the largest table at least 4x smaller on the wire, as a budget', () => {
    const largest = [...manifest.tables].flatMap((t) => [t.csv, t.json]).sort((a, b) => b.bytes - a.bytes)[0]!;
    for (const encoding of ['br', 'gzip'] as const) {
      expect(largest.bytes / largest.encodings![encoding]!.bytes, `${largest.key} ${encoding}`).toBeGreaterThanOrEqual(4);
    }
  });
});
