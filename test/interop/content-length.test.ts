// Large bodies on the wire: streamed, yet sent with their Content-Length (so a
// download shows its size and a cut-off one is detectable), byte for byte, and
// HEAD reports the length GET sends. Runs the shipped bundle on a synthetic
// release big enough for both kinds of large body: cases.json stored in parts,
// cases.csv held whole and sent as one chunk.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type KvEntry, serializePointer } from '../../src/pipeline/render/bodies.ts';
import { buildAll } from '../../src/pipeline/build-all.ts';
import type { Manifest } from '../../src/core/release-types.ts';
import { STREAM_FROM_BYTES } from '../../src/worker/http/respond.ts';
import { rawGet } from '../harness/raw-get.ts';
import { writeSyntheticRelease } from '../harness/synthetic-release.ts';
import { type RunningWorker, startWorker } from '../harness/worker.ts';

let worker: RunningWorker;
let entries: KvEntry[];
let cases: Manifest['tables'][number];
beforeAll(async () => {
  const build = buildAll({ releasesDir: writeSyntheticRelease(3_600), hashes: {} });
  entries = build.entries;
  cases = build.releases.at(-1)!.manifest.tables.find((t) => t.name === 'cases')!;
  worker = await startWorker({ seed: { entries, pointer: serializePointer(build.pointer) } });
});
afterAll(() => worker?.dispose());

const stored = (key: string) => {
  const entry = entries.find((e) => e.key === key)!;
  return Buffer.from(entry.value, entry.base64 ? 'base64' : 'utf8');
};
const whole = (ref: { key: string; parts?: { key: string }[] }) => Buffer.concat((ref.parts ?? [ref]).map((p) => stored(p.key)));

it('uses a release with one body in parts and one held whole above the streaming size', () => {
  expect(cases.json.parts?.length).toBeGreaterThan(1);
  expect(cases.csv.parts).toBeUndefined();
  expect(cases.csv.bytes).toBeGreaterThan(STREAM_FROM_BYTES);
});

it('streams a parted body with its Content-Length, byte for byte', async () => {
  const res = await rawGet(`${worker.origin}/v1/cases.json`);
  expect(res.status).toBe(200);
  expect(res.headers['content-length']).toBe(String(cases.json.bytes));
  expect(res.headers['transfer-encoding']).toBeUndefined();
  expect(res.body.equals(whole(cases.json))).toBe(true);
});

it('sends a large held body with its Content-Length, the same bytes on every request', async () => {
  for (let i = 0; i < 3; i++) {
    const res = await rawGet(`${worker.origin}/v1/cases.csv`);
    expect(res.headers['content-length']).toBe(String(cases.csv.bytes));
    expect(res.body.equals(whole(cases.csv))).toBe(true);
  }
});

it('counts the byte order mark of the Excel variant in its length', async () => {
  const res = await rawGet(`${worker.origin}/v1/cases.csv?bom=1`);
  expect(res.headers['content-length']).toBe(String(cases.csv.bytes + 3));
  expect(res.body.equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), whole(cases.csv)]))).toBe(true);
});

it('sends a compressed body with the length of the compressed bytes', async () => {
  const br = cases.json.encodings!.br!;
  const res = await rawGet(`${worker.origin}/v1/cases.json`, { 'Accept-Encoding': 'br' });
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers['content-length']).toBe(String(br.bytes));
  expect(res.body.equals(whole(br))).toBe(true);
});

it('answers HEAD with the Content-Length GET sends, and no body', async () => {
  for (const [headers, length] of [
    [{}, cases.json.bytes],
    [{ 'Accept-Encoding': 'identity' }, cases.json.bytes],
    [{ 'Accept-Encoding': 'gzip' }, cases.json.encodings!.gzip!.bytes],
  ] as const) {
    const res = await rawGet(`${worker.origin}/v1/cases.json`, headers, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(length));
    expect(res.body.length).toBe(0);
  }
});

it('leaves the length out of HEAD where GET sends identity bytes that Cloudflare may still compress', async () => {
  // The Excel variant has no compressed form, and no table has a zstd one; for a
  // client that takes a coding, the edge may compress them on the way.
  for (const [path, coding] of [
    ['/v1/cases.csv?bom=1', 'gzip'],
    ['/v1/cases.json', 'zstd'],
  ]) {
    const res = await rawGet(`${worker.origin}${path}`, { 'Accept-Encoding': coding! }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length'], `${path} ${coding}`).toBeUndefined();
  }
  // The same identity bytes, to a client that refuses every coding, have a known length.
  const res = await rawGet(`${worker.origin}/v1/cases.csv?bom=1`, { 'Accept-Encoding': 'gzip;q=0, identity' }, 'HEAD');
  expect(res.headers['content-length']).toBe(String(cases.csv.bytes + 3));
});
