// KV is eventually consistent: the pointer can reach a location before the keys
// it names. Latest then serves the newest release that can be read, briefly
// cached, and never a 5xx; a rolled-back pointer is never rolled forward.
import { env } from 'cloudflare:workers';
import { beforeEach, expect, it } from 'vitest';
import type { Pointer } from '../../src/core/release-types.ts';
import { clearStoreMemo } from '../../src/worker/kv/store.ts';
import { get } from './fetch.ts';
import { builtPointer as built, putPointer } from './put-pointer.ts';
import { LATEST, PREVIOUS } from '../releases.ts';
import { tableKey } from '../built.ts';

/** A release newer than any published: the pointer names it before its keys arrive. */
const AHEAD = '2.0.0';

const SHORT = 'public, max-age=30';
async function setPointer(pointer: Pointer) {
  await putPointer(pointer);
  clearStoreMemo();
}

/** A pointer naming a newer release, published elsewhere but not readable here yet. */
function pointerAhead(): Pointer {
  const last = built.releases.at(-1)!;
  const ahead = {
    ...last,
    version: AHEAD,
    manifest: { ...last.manifest, key: `releases/${AHEAD}/manifests/0000000000000000.json` },
    documents: { ...last.documents, key: `releases/${AHEAD}/documents/0000000000000000/index.json` },
  };
  return { latest: AHEAD, releases: [...built.releases, ahead] };
}

beforeEach(() => setPointer(built));

it.each(['/v1/metrics.csv', '/v1/metrics.json?operation=liberterra-iii', '/v1/operations/liberterra-iii', '/v1/datapackage.json', '/'])(
  'serves %s from the newest readable release while the latest is not readable yet',
  async (path) => {
    await setPointer(pointerAhead());
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Release-Version')).toBe(LATEST);
    expect(res.headers.get('Cache-Control')).toBe(SHORT);
  },
);

it('falls back when the manifest has arrived but a body has not', async () => {
  const body = await env.DATA.get(tableKey(LATEST, 'metrics', 'csv'));
  await env.DATA.delete(tableKey(LATEST, 'metrics', 'csv'));
  clearStoreMemo();
  try {
    const res = await get('/v1/metrics.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Release-Version')).toBe(PREVIOUS);
    expect(res.headers.get('Cache-Control')).toBe(SHORT);
    expect((await get(`/v1/releases/${LATEST}/metrics.csv`)).status).toBe(503);
  } finally {
    await env.DATA.put(tableKey(LATEST, 'metrics', 'csv'), body!);
  }
});

it('serves the release a rollback names, and never falls forward to a newer one', async () => {
  await setPointer({ ...built, latest: '1.0.0' });
  const res = await get('/v1/metrics.csv');
  expect(res.status).toBe(200);
  expect(res.headers.get('X-Release-Version')).toBe('1.0.0');
  expect(res.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=86400');

  const manifestKey = built.releases.find((r) => r.version === '1.0.0')!.manifest.key;
  await env.DATA.delete(manifestKey);
  clearStoreMemo();
  const unreadable = await get('/v1/metrics.csv');
  expect(unreadable.status).toBe(503);
  expect(unreadable.headers.get('Retry-After')).toBe('30');
  const manifest = (await import('../../.build/kv.json')).default.find((e) => e.key === manifestKey)!;
  await env.DATA.put(manifest.key, manifest.value);
});
