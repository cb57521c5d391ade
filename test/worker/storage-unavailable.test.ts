// When KV holds nothing for the release, the answer is 503 with Retry-After, never a 500.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { clearStoreMemo } from '../../src/worker/kv/store.ts';
import { get } from './fetch.ts';
import { builtPointer, pointAtEditedManifest, putPointer } from './put-pointer.ts';
import { LATEST, PREVIOUS } from '../releases.ts';
import { tableKey } from '../built.ts';

it('answers 503 problem+json with Retry-After when the pointer is missing', async () => {
  await env.DATA.delete('pointer');
  clearStoreMemo();
  const res = await get('/v1/metrics.csv');
  expect(res.status).toBe(503);
  expect(res.headers.get('Retry-After')).toBe('30');
  expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  expect((await res.json<any>()).detail).toBe('Part of this release is not readable yet. Please retry shortly.');
});

it('never serves a body that fails its integrity check: pinned is 503, latest falls back to the previous release', async () => {
  const pointer = await import('../../.build/pointer.json');
  await env.DATA.put('pointer', JSON.stringify(pointer.default));
  await env.DATA.put(tableKey(LATEST, 'metrics', 'csv'), 'tampered');
  clearStoreMemo();
  const pinned = await get(`/v1/releases/${LATEST}/metrics.csv`);
  expect(pinned.status).toBe(503);
  expect(pinned.headers.get('Retry-After')).toBe('30');
  expect(await pinned.text()).not.toContain('tampered');
  const latest = await get('/v1/metrics.csv');
  expect(latest.status).toBe(200);
  expect(latest.headers.get('X-Release-Version')).toBe(PREVIOUS);
  expect(latest.headers.get('Cache-Control')).toBe('public, max-age=30');
  expect(await latest.text()).not.toContain('tampered');
});

it('refuses a pointer that does not carry the checksum a build writes, and serves again once it does', async () => {
  await env.DATA.put('pointer', JSON.stringify(builtPointer));
  clearStoreMemo();
  const res = await get('/v1/metrics.csv');
  expect(res.status).toBe(503);
  expect((await res.json<any>()).detail).toBe('The release pointer failed its integrity check. Please retry shortly.');
  await putPointer(builtPointer);
  clearStoreMemo();
  expect((await get('/v1/metrics.csv')).status).toBe(200);
});

it('answers 503, not 500, for a query on a release whose manifest predates query indexes', async () => {
  await pointAtEditedManifest('1.1.0', (manifest) => ({ ...manifest, tables: manifest.tables.map(({ index: _index, ...t }) => t) }));
  clearStoreMemo();
  try {
    const query = await get('/v1/releases/1.1.0/cases.json?limit=1');
    expect(query.status).toBe(503);
    expect((await query.json<any>()).detail).toBe('This release has no query index yet. Please retry shortly.');
    expect((await get('/v1/releases/1.1.0/cases.json')).status).toBe(200);
  } finally {
    await putPointer(builtPointer);
    clearStoreMemo();
  }
});
