// Publishing end to end against wrangler's local KV (`wrangler kv … --local`,
// the same commands a remote publish runs), read back by the shipped Worker.
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/pipeline/build-all.ts';
import { RELEASES_DIR } from '../../src/pipeline/read/source.ts';
import { type KvStore, wranglerKv } from '../../src/publish/kv-store.ts';
import { promote, publish, PublishRefused } from '../../src/publish/publish.ts';
import { startWorker } from '../harness/worker.ts';
import { gated } from './memory-kv.ts';
import { LATEST, PUBLISHED } from '../releases.ts';

const state = mkdtempSync(join(tmpdir(), 'liberterra-kv-state-'));
const temporary = [state];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const kv = wranglerKv({ local: true, persistTo: state });
const lines: string[] = [];
const log = (line: string) => lines.push(line);

/** What `/v1/...` serves from that KV right now: release version and status. */
async function served(path: string): Promise<{ status: number; version: string | null }> {
  const worker = await startWorker({ wranglerState: state });
  try {
    const res = await worker.fetch(path);
    return { status: res.status, version: res.headers.get('X-Release-Version') };
  } finally {
    await worker.dispose();
  }
}

/** The real store, with every write recorded, and a failure injected where asked. */
function recording(store: KvStore, failOn?: string) {
  const writes: string[] = [];
  const wrapped: KvStore = {
    ...store,
    async putMany(entries) {
      writes.push(...entries.map((e) => e.key));
      return store.putMany(entries);
    },
    async put(key, value) {
      if (key === failOn) throw new Error(`connection lost before writing ${key}`);
      writes.push(key);
      return store.put(key, value);
    },
  };
  return { store: wrapped, writes };
}

/** A copy of data/releases with only some versions, or with one edited. */
function releasesCopy(versions: string[], edit?: (root: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'liberterra-releases-'));
  temporary.push(root);
  for (const v of versions) cpSync(join(RELEASES_DIR, v), join(root, v), { recursive: true });
  edit?.(root);
  return root;
}

const full = buildAll();

describe('npm run deploy -- --local', () => {
  it('publishes a first release: keys, then the pointer, which the Worker follows', async () => {
    const first = buildAll({ releasesDir: releasesCopy(['1.0.0']) });
    const { store, writes } = recording(kv);
    await publish(store, first, log);
    expect(writes.at(-1)).toBe('pointer');
    expect(writes.filter((k) => k === 'pointer')).toHaveLength(1);
    expect(await served('/v1/metrics.csv')).toEqual({ status: 200, version: '1.0.0' });
  });

  it('leaves readers on the old release when a publish is cut off after the immutable keys, before the pointer', async () => {
    const { store, writes } = recording(kv, 'pointer');
    await expect(publish(store, full, log)).rejects.toThrow('connection lost before writing pointer');
    expect(writes).toContain(full.pointer.releases.find((r) => r.version === '1.1.0')!.manifest.key);
    expect(await served('/v1/metrics.csv')).toEqual({ status: 200, version: '1.0.0' });
    expect((await served('/v1/releases/1.1.0/metrics.csv')).status).toBe(404);
  });

  it('completes on the next run, writing only the pointer, and readers move to the new release', async () => {
    const { store, writes } = recording(kv);
    await publish(store, full, log);
    expect(writes).toEqual(['lease', 'pointer']);
    expect(await served('/v1/metrics.csv')).toEqual({ status: 200, version: LATEST });
  });

  it('refuses changed content for a published version, loudly, writing nothing', async () => {
    const changed = releasesCopy([...PUBLISHED], (root) => {
      const file = join(root, '1.1.0', 'metrics.csv');
      writeFileSync(file, readFileSync(file, 'utf8').replace('liberterra-iii,arrests,3744', 'liberterra-iii,arrests,3745'));
    });
    const edited = buildAll({ releasesDir: changed, hashes: {} });
    const { store, writes } = recording(kv);
    const refusal = await publish(store, edited, log).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PublishRefused);
    expect((refusal as PublishRefused).refusals).toEqual([
      `release 1.1.0 is published with hash ${full.pointer.releases[1]!.hash}, but this build makes ${edited.pointer.releases[1]!.hash}. A published release never changes: put the correction in a new version.`,
    ]);
    // Only the lease it took and gave back, which no reader looks at.
    expect(writes).toEqual(['lease']);
    expect(await served('/v1/metrics.csv')).toEqual({ status: 200, version: LATEST });
  });

  it('promotes: rolls back to 1.0.0 and forward to 1.1.0, and /v1 follows', async () => {
    await promote(kv, full, '1.0.0', log);
    expect(await served('/v1/metrics.csv')).toEqual({ status: 200, version: '1.0.0' });
    expect(await served('/v1/releases/1.1.0/metrics.csv')).toEqual({ status: 200, version: '1.1.0' });
    await promote(kv, full, '1.1.0', log);
    expect(await served('/v1/metrics.csv')).toEqual({ status: 200, version: '1.1.0' });
  });

  it('refuses a second deploy that overlaps the first, taking turns through the lease in the real local KV', async () => {
    const before = await served('/v1/metrics.csv');
    const a = gated(kv, 'deploy A');
    const b = gated(kv, 'deploy B');
    // A holds the lease and has read KV; B starts now.
    const paused = a.gate((op) => op.op === 'get' && op.key === 'pointer');
    const first = publish(a, full, log);
    await paused.reached;
    const refusal = await publish(b, full, log).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PublishRefused);
    expect((refusal as PublishRefused).refusals[0]).toMatch(/^another writer holds deploy B: deploy by [0-9a-f]{8} on /);
    expect(b.log.filter((op) => op.op !== 'keys' && op.op !== 'get')).toEqual([]);
    paused.open();
    await first;
    expect(await served('/v1/metrics.csv')).toEqual(before);
    expect((await kv.keys('lease')).has('lease')).toBe(false);
  });

  it('refuses to promote a version that is not published', async () => {
    await expect(promote(kv, full, '9.9.9', log)).rejects.toThrow(PublishRefused);
    expect(await served('/v1/metrics.csv')).toEqual({ status: 200, version: '1.1.0' });
  });
});
