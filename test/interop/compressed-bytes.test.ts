// On the wire, a pre-compressed body is exactly the bytes the build made, and
// decompresses to exactly the identity body. Read with rawGet, which (unlike
// fetch) does not decode, from the shipped bundle.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Manifest, Pointer } from '../../src/core/release-types.ts';
import { rawGet } from '../harness/raw-get.ts';
import { builtEntries, type RunningWorker, startWorker } from '../harness/worker.ts';
import { LATEST } from '../releases.ts';
import { tableKey } from '../built.ts';

const { entries, pointer } = builtEntries();
const built = (key: string) => entries.find((e) => e.key === key)!;
const manifestKey = (JSON.parse(pointer) as Pointer).releases.find((r) => r.version === LATEST)!.manifest.key;
const manifest = JSON.parse(built(manifestKey).value) as Manifest;

let worker: RunningWorker;
beforeAll(async () => {
  worker = await startWorker();
});
afterAll(() => worker?.dispose());

const raw = (path: string, headers: Record<string, string>) => rawGet(`${worker.origin}${path}`, headers);

it.each(['br', 'gzip'] as const)('sends the %s bytes the build made for every table, which decode to the identity body', async (encoding) => {
  for (const table of manifest.tables) {
    for (const format of ['csv', 'json'] as const) {
      const stored = table[format];
      const ref = stored.encodings![encoding]!;
      const res = await raw(`/v1/${table.name}.${format}`, { 'Accept-Encoding': encoding });
      expect(res.headers['content-encoding'], ref.key).toBe(encoding);
      expect(res.body.equals(Buffer.from(built(ref.key).value, 'base64')), ref.key).toBe(true);
      const decoded = encoding === 'br' ? brotliDecompressSync(res.body) : gunzipSync(res.body);
      expect(decoded.toString('utf8')).toBe(built(stored.key).value);
    }
  }
});

it('sends the identity bytes to a client that accepts no compression (the runtime hides its header; cf.clientAcceptEncoding keeps it)', async () => {
  for (const headers of [{}, { 'Accept-Encoding': 'identity' }] as Record<string, string>[]) {
    const res = await raw('/v1/metrics.csv', headers);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString('utf8')).toBe(built(tableKey('1.1.0', 'metrics', 'csv')).value);
  }
});
