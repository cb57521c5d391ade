// Rows of a table whose JSON body is stored in parts are read through their
// 64 KiB block, verified against the hash the query index holds for it (not the
// whole 1 MiB part): a corrupted block is a 503 for the rows in it, and rows in
// other blocks of the same part still answer, byte for byte as built.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BLOCK_BYTES, decodeSection, type QueryIndexRef, SECTION } from '../../src/core/query-index.ts';
import type { Manifest } from '../../src/core/release-types.ts';
import { buildAll } from '../../src/pipeline/build-all.ts';
import { type KvEntry, PART_BYTES, serializePointer } from '../../src/pipeline/render/bodies.ts';
import { writeSyntheticRelease } from '../harness/synthetic-release.ts';
import { type RunningWorker, startWorker } from '../harness/worker.ts';

let worker: RunningWorker;
let cases: Manifest['tables'][number];
let rows: { case_id: string }[];
let offsets: Int32Array;

const bytesOf = (entries: KvEntry[], key: string) => {
  const entry = entries.find((e) => e.key === key)!;
  return Buffer.from(entry.value, entry.base64 ? 'base64' : 'utf8');
};

beforeAll(async () => {
  const build = buildAll({ releasesDir: writeSyntheticRelease(3_600), hashes: {} });
  cases = build.releases.at(-1)!.manifest.tables.find((t) => t.name === 'cases')!;
  const json = Buffer.concat(cases.json.parts!.map((p) => bytesOf(build.entries, p.key)));
  rows = (JSON.parse(json.toString('utf8')) as { data: { case_id: string }[] }).data;
  const index = cases.index as QueryIndexRef;
  const at = index.sections[SECTION.offsets]!;
  offsets = decodeSection(bytesOf(build.entries, index.bodies[at.body]!.key).subarray(at.offset, at.offset + at.bytes)).arrays.offsets as Int32Array;
  // Corrupt one byte in the second block of the first part: inside a row, not at a block's edge.
  const part = build.entries.find((e) => e.key === cases.json.parts![0]!.key)!;
  const bytes = Buffer.from(part.value, 'base64');
  bytes[BLOCK_BYTES + 100] ^= 0x20;
  part.value = bytes.toString('base64');
  worker = await startWorker({ seed: { entries: build.entries, pointer: serializePointer(build.pointer) } });
});
afterAll(() => worker?.dispose());

/** The first row wholly inside block b of the body. */
const rowIn = (b: number) => rows.findIndex((_, i) => offsets[i]! >= b * BLOCK_BYTES && offsets[i + 1]! <= (b + 1) * BLOCK_BYTES);

it('holds a parted body and a block hash for each 64 KiB of it', () => {
  expect(cases.json.parts!.length).toBe(Math.ceil(cases.json.bytes / PART_BYTES));
  expect((cases.index as QueryIndexRef).sections[SECTION.blocks]!.bytes).toBeGreaterThan(32 * Math.floor(cases.json.bytes / BLOCK_BYTES));
});

it('answers a row from an intact block of a part that holds a corrupted one', async () => {
  const i = rowIn(2);
  const res = await worker.fetch(`/v1/cases/${rows[i]!.case_id}.json`);
  expect(res.status).toBe(200);
  expect((await res.json<{ data: unknown }>()).data).toEqual(rows[i]);
});

it('refuses a row from the corrupted block with a 503, never its bytes', async () => {
  const res = await worker.fetch(`/v1/cases/${rows[rowIn(1)]!.case_id}.json`);
  expect(res.status).toBe(503);
  expect(res.headers.get('Retry-After')).not.toBeNull();
});
