// KV budget: each immutable key is read at most once per isolate, and the
// pointer once per TTL, so a warm isolate serves a thousand requests with a
// handful of reads. Counted by a wrapper around the binding.
import { env } from 'cloudflare:workers';
import { beforeEach, expect, it } from 'vitest';
import pointer from '../../.build/pointer.json';
import worker from '../../src/worker/index.ts';
import { clearStoreMemo } from '../../src/worker/kv/store.ts';
import { memoBytes } from '../../src/worker/kv/memo.ts';
import { BASE } from './fetch.ts';
import { LATEST } from '../releases.ts';
import { tableKey } from '../built.ts';

const reads = new Map<string, number>();
const counted: KVNamespace = new Proxy(env.DATA, {
  get(target, property) {
    if (property === 'get' || property === 'getWithMetadata') {
      return (key: string, ...rest: unknown[]) => {
        reads.set(key, (reads.get(key) ?? 0) + 1);
        return (target[property] as (...args: unknown[]) => unknown).call(target, key, ...rest);
      };
    }
    const value = Reflect.get(target, property);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});

const fetchCounted = (path: string, headers: Record<string, string> = {}) =>
  worker.fetch(new Request(`${BASE}${path}`, { headers }), { DATA: counted });

// The mix a busy hour brings: whole tables in both formats and encodings, filters,
// rows, pinned URLs, documents, the landing page, and revalidations.
const PATHS = [
  '/v1/metrics.csv',
  '/v1/metrics.json',
  '/v1/country_roles.csv',
  '/v1/cases.json?operation=liberterra-iii',
  '/v1/metrics.json?metric=arrests&sort=-value',
  '/v1/operations/liberterra-iii',
  '/v1/releases/1.0.0/metrics.csv',
  '/v1/datapackage.json',
  '/',
];

beforeEach(() => {
  clearStoreMemo();
  reads.clear();
});

it('reads each key at most once for 1,000 requests on a warm isolate', async () => {
  for (let i = 0; i < 1000; i++) {
    const path = PATHS[i % PATHS.length]!;
    const res = await fetchCounted(path, { 'Accept-Encoding': i % 2 ? 'br' : 'identity' });
    expect(res.status, path).toBe(200);
    await res.arrayBuffer();
  }
  const total = [...reads.values()].reduce((a, b) => a + b, 0);
  console.log(`KV reads for 1,000 requests: ${total} (${reads.size} distinct keys)`);
  expect([...reads].filter(([, n]) => n > 1)).toEqual([]);
  expect(total).toBeLessThanOrEqual(25);
});

it('answers a revalidation (304) without reading the body from KV', async () => {
  const first = await fetchCounted('/v1/country_roles.csv');
  const etag = first.headers.get('ETag')!;
  clearStoreMemo();
  reads.clear();
  const again = await fetchCounted('/v1/country_roles.csv', { 'If-None-Match': etag });
  expect(again.status).toBe(304);
  expect([...reads.keys()].sort()).toEqual(['pointer', pointer.releases.find((r) => r.version === LATEST)!.manifest.key]);
});

it('shares one read between concurrent requests for the same cold body', async () => {
  await Promise.all(Array.from({ length: 50 }, () => fetchCounted('/v1/cases.csv').then((r) => r.arrayBuffer())));
  expect(reads.get(tableKey(LATEST, 'cases', 'csv'))).toBe(1);
  expect(reads.get('pointer')).toBe(1);
});

it('counts what it memoises toward a bound: at least the bytes of every body it read', async () => {
  const manifestKey = pointer.releases.find((r) => r.version === LATEST)!.manifest.key;
  const res = await fetchCounted('/v1/metrics.json?operation=liberterra-i');
  expect(res.status).toBe(200);
  const manifest = (await env.DATA.get(manifestKey))!;
  // The manifest and the table's query index and JSON body were read and kept.
  expect(memoBytes()).toBeGreaterThan(manifest.length);
  expect(memoBytes()).toBeLessThanOrEqual(32 * 1024 * 1024);
});
