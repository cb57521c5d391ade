// Bodies too large for one KV value are stored in parts and streamed: the same
// bytes as built, each part verified before it is sent, rows parsed from parts.
import { env } from 'cloudflare:workers';
import { beforeAll, expect, it } from 'vitest';
import entries from '../../.build/kv.json';
import { kvKeys } from '../../src/core/paths.ts';
import type { BodyRef, Manifest, Pointer } from '../../src/core/release-types.ts';
import { clearStoreMemo, sha256 as digest } from '../../src/worker/kv/store.ts';
import { get } from './fetch.ts';
import { builtPointer, putPointer } from './put-pointer.ts';
import { tableKey } from '../built.ts';

// A copy of release 1.1.0 as "1.1.1" whose metrics bodies are stored in three
// parts, cut at odd places (even inside a UTF-8 character), as the build cuts them.
const VERSION = '1.1.1';
/** Where the parted copy's metrics bodies live: named by content, as the build names every key. */
const PARTED_KEY = {
  csv: kvKeys.table(VERSION, 'metrics', 'csv', '0'.repeat(16)),
  json: kvKeys.table(VERSION, 'metrics', 'json', '0'.repeat(16)),
};
const built = (key: string) => entries.find((e) => e.key === key)!.value;
const source = JSON.parse(built((builtPointer as Pointer).releases.find((r) => r.version === '1.1.0')!.manifest.key)) as Manifest;


async function storeInParts(key: string, text: string): Promise<BodyRef> {
  const bytes = new TextEncoder().encode(text);
  const cuts = [0, Math.floor(bytes.length / 3) + 1, Math.floor((2 * bytes.length) / 3), bytes.length];
  const parts = [];
  for (let i = 0; i < 3; i++) {
    const slice = bytes.slice(cuts[i], cuts[i + 1]);
    const partKey = `${key}.part${i}`;
    await env.DATA.put(partKey, slice);
    parts.push({ key: partKey, sha256: await digest(slice), bytes: slice.length });
  }
  return { key, sha256: await digest(bytes), bytes: bytes.length, parts };
}

const original = {
  csv: built(tableKey('1.1.0', 'metrics', 'csv')),
  json: built(tableKey('1.1.0', 'metrics', 'json')),
};

beforeAll(async () => {
  const tables = await Promise.all(
    source.tables.map(async (t) =>
      t.name === 'metrics'
        ? {
            ...t,
            csv: await storeInParts(PARTED_KEY.csv, original.csv),
            json: await storeInParts(PARTED_KEY.json, original.json),
          }
        : t,
    ),
  );
  const manifest = new TextEncoder().encode(JSON.stringify({ ...source, version: VERSION, tables }));
  const manifestHash = await digest(manifest);
  await env.DATA.put(kvKeys.manifest(VERSION, manifestHash), manifest);
  const pointer = builtPointer;
  const manifestRef = { key: kvKeys.manifest(VERSION, manifestHash), sha256: manifestHash, bytes: manifest.length };
  const summary = { ...pointer.releases.at(-1)!, version: VERSION, manifest: manifestRef };
  await putPointer({ ...pointer, releases: [...pointer.releases, summary] });
  clearStoreMemo();
});

it('streams a parted body byte for byte, with the ETag of the whole', async () => {
  const res = await get(`/v1/releases/${VERSION}/metrics.csv`);
  expect(res.status).toBe(200);
  expect(res.headers.get('ETag')).toBe(`"${source.tables.find((t) => t.name === 'metrics')!.csv.sha256}"`);
  expect(await res.text()).toBe(original.csv);
});

it('streams the Excel variant too, byte order mark first, without holding the body whole', async () => {
  const res = await get(`/v1/releases/${VERSION}/metrics.csv?bom=1`);
  expect(res.status).toBe(200);
  expect(new Uint8Array(await res.clone().arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  expect(await res.text()).toBe(original.csv);
});

it('parses rows from parts for filtered queries', async () => {
  const res = await get(`/v1/releases/${VERSION}/metrics.csv?operation=liberterra-iii&metric=arrests`);
  expect(res.status).toBe(200);
  expect((await res.text()).split('\r\n')[1]).toMatch(/^liberterra-iii,arrests,3744,/);
});

it('answers 503 when the first part is corrupt, before any byte is sent', async () => {
  const key = `${PARTED_KEY.csv}.part0`;
  const good = await env.DATA.get(key, 'arrayBuffer');
  await env.DATA.put(key, 'corrupt');
  // A cold isolate: nothing verified earlier to serve from.
  clearStoreMemo();
  try {
    const res = await get(`/v1/releases/${VERSION}/metrics.csv`);
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain('corrupt');
  } finally {
    await env.DATA.put(key, good!);
  }
});

it('breaks the stream rather than send a corrupt later part', async () => {
  const key = `${PARTED_KEY.csv}.part2`;
  const good = await env.DATA.get(key, 'arrayBuffer');
  await env.DATA.put(key, 'corrupt');
  // A cold isolate: nothing verified earlier to serve from.
  clearStoreMemo();
  try {
    const res = await get(`/v1/releases/${VERSION}/metrics.csv`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  } finally {
    await env.DATA.put(key, good!);
  }
});

it('streams a parted body again from the parts this isolate verified, without reading KV', async () => {
  clearStoreMemo();
  expect(await (await get(`/v1/releases/${VERSION}/metrics.csv`)).text()).toBe(original.csv);
  const key = `${PARTED_KEY.csv}.part1`;
  const good = await env.DATA.get(key, 'arrayBuffer');
  await env.DATA.put(key, 'never read');
  try {
    for (let i = 0; i < 2; i++) expect(await (await get(`/v1/releases/${VERSION}/metrics.csv`)).text()).toBe(original.csv);
  } finally {
    await env.DATA.put(key, good!);
  }
});
