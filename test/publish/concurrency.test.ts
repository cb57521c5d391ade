// Publishing when runs overlap, die half-way or meet a broken KV: forced through
// a gated in-memory KV, each interleaving is checked for what readers could see.
// Whatever happens, the bytes behind every URL a pointer ever named never change,
// KV holds one release per version, the pointer never loses a published release,
// and the loser of a race is refused, having written nothing a reader can see.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_KEY } from '../../src/core/paths.ts';
import type { Manifest } from '../../src/core/release-types.ts';
import { buildAll } from '../../src/pipeline/build-all.ts';
import { RELEASES_DIR } from '../../src/pipeline/read/source.ts';
import { serializePointer } from '../../src/pipeline/render/bodies.ts';
import { promote, publish, PublishRefused } from '../../src/publish/publish.ts';
import { readPointerText } from '../../src/publish/remote.ts';
import { LATEST, PREVIOUS } from '../releases.ts';
import { type MemoryKv, memoryKv, type Operation } from './memory-kv.ts';

const TIMEOUT = 60_000;
const roots: string[] = [];
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function releases(versions: string[], edit?: (root: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'liberterra-race-'));
  roots.push(root);
  for (const v of versions) cpSync(join(RELEASES_DIR, v), join(root, v), { recursive: true });
  edit?.(root);
  return root;
}

const full = buildAll({ hashes: {} });
/** KV as published before LATEST: the earlier releases and their pointer. */
const before = buildAll({ releasesDir: releases(full.releases.map((r) => r.manifest.version).filter((v) => v !== LATEST)), hashes: {} });
/** Another build of LATEST, one cell apart: what a second push of a fix would deploy. */
const edited = buildAll({
  releasesDir: releases(full.releases.map((r) => r.manifest.version), (root) => {
    const file = join(root, LATEST, 'metrics.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('liberterra-iii,arrests,3744', 'liberterra-iii,arrests,3745'));
  }),
  hashes: {},
});
const quiet = () => {};

function publishedKv(): MemoryKv {
  return memoryKv([...before.entries, { key: 'pointer', value: serializePointer(before.pointer) }]);
}

/** Manifests KV holds for a version, by hash. */
const manifestHashes = (kv: MemoryKv, version: string) =>
  [...kv.values].filter(([key]) => MANIFEST_KEY.exec(key)?.[1] === version).map(([, value]) => (JSON.parse(value) as Manifest).hash);

/**
 * What must hold after anything: every pointer ever written could be served and
 * named only releases whose every body is in KV with the bytes its manifest names,
 * each version with one hash throughout, and no later pointer dropped a release.
 */
function checkInvariants(kv: MemoryKv): void {
  // Every key but the pointer (and the lease) is named by its content: none ever changed its bytes.
  expect(kv.rewritten).toEqual([]);
  const hashOf = new Map<string, string>();
  let names: string[] = [];
  for (const text of kv.pointerHistory) {
    const state = readPointerText(text);
    expect(state.state, `a pointer was written that cannot be served: ${text.slice(0, 80)}`).toBe('ok');
    if (state.state !== 'ok') continue;
    for (const summary of state.pointer.releases) {
      expect(hashOf.get(summary.version) ?? summary.hash, `release ${summary.version} changed its data`).toBe(summary.hash);
      hashOf.set(summary.version, summary.hash);
      const manifest = JSON.parse(kv.values.get(summary.manifest.key) ?? 'null') as Manifest | null;
      expect(manifest?.hash, `the manifest of ${summary.version} is missing`).toBe(summary.hash);
      for (const table of manifest!.tables) {
        for (const body of [table.csv, table.json]) expect(kv.values.has(body.key), `${body.key} is missing`).toBe(true);
      }
    }
    const now = state.pointer.releases.map((r) => r.version);
    expect(names.filter((v) => !now.includes(v)), 'a published release was dropped').toEqual([]);
    names = now;
  }
  for (const version of hashOf.keys()) expect(new Set(manifestHashes(kv, version)).size, `two releases under ${version}`).toBe(1);
}

const isPut = (key: string) => (op: Operation) => op.op === 'put' && op.key === key;

describe('overlapping deploys', () => {
  it('refuses a second deploy while the first holds the lease; the second writes nothing', async () => {
    const kv = publishedKv();
    const a = kv.as('deploy A');
    const b = kv.as('deploy B');
    const paused = a.gate((op) => op.op === 'putMany');
    const first = publish(a, full, quiet);
    await paused.reached;
    const refusal = await publish(b, edited, quiet).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PublishRefused);
    expect((refusal as PublishRefused).refusals[0]).toMatch(/^another writer holds deploy B: deploy by [0-9a-f]{8} on .+, started .+, held until .+\. Wait for it to finish/);
    expect(b.log.filter((op) => op.op !== 'keys' && op.op !== 'get')).toEqual([]);
    paused.open();
    await first;
    expect(manifestHashes(kv, LATEST)).toEqual([full.releases.at(-1)!.manifest.hash]);
    checkInvariants(kv);
  }, TIMEOUT);

  it('refuses the loser when two deploys take the lease at the same moment', async () => {
    const kv = publishedKv();
    const a = kv.as('deploy A');
    const b = kv.as('deploy B');
    const aWrites = a.gate(isPut('lease'));
    const bWrites = b.gate(isPut('lease'));
    const first = publish(a, full, quiet).catch((error: unknown) => error);
    const second = publish(b, edited, quiet).catch((error: unknown) => error);
    await Promise.all([aWrites.reached, bWrites.reached]);
    // Both saw no lease. A writes first, B overwrites it; A's read-back sees B's.
    const aReads = a.gate((op) => op.op === 'get' && op.key === 'lease');
    aWrites.open();
    await aReads.reached;
    bWrites.open();
    const winner = await second;
    aReads.open();
    const loser = await first;
    expect(winner).toMatchObject({ ok: true });
    expect(loser).toBeInstanceOf(PublishRefused);
    expect((loser as PublishRefused).refusals[0]).toMatch(/^another writer took deploy A at the same moment/);
    expect(a.log.filter((op) => op.op === 'putMany' || (op.op === 'put' && op.key !== 'lease'))).toEqual([]);
    expect(manifestHashes(kv, LATEST)).toEqual([edited.releases.at(-1)!.manifest.hash]);
    checkInvariants(kv);
  }, TIMEOUT);
});

describe('promote', () => {
  it('is refused while a deploy holds the lease, and a deploy after it keeps the rollback', async () => {
    const kv = publishedKv();
    await publish(kv.as('deploy'), full, quiet);
    const d = kv.as('redeploy');
    const paused = d.gate((op) => op.op === 'get' && op.key === 'pointer');
    const redeploy = publish(d, full, quiet);
    await paused.reached;
    await expect(promote(kv.as('promote'), full, PREVIOUS, quiet)).rejects.toThrow(/another writer holds promote: deploy by/);
    paused.open();
    await redeploy;
    await promote(kv.as('promote'), full, PREVIOUS, quiet);
    await publish(kv.as('routine deploy'), full, quiet);
    const pointer = readPointerText(kv.values.get('pointer')!);
    // deploy (1), promote (2); the redeploys had nothing to move.
    expect(pointer.state === 'ok' && [pointer.pointer.latest, pointer.pointer.generation]).toEqual([PREVIOUS, 2]);
    checkInvariants(kv);
  }, TIMEOUT);

  it('refuses when the pointer moved after it read it, and leaves the pointer as the other writer wrote it', async () => {
    const kv = publishedKv();
    await publish(kv.as('deploy'), full, quiet);
    const p = kv.as('promote');
    // Promote has planned; before it writes, a writer that ignores the lease moves the pointer.
    const paused = p.gate((op) => op.op === 'keys' && p.log.some((done) => done.op === 'get' && done.key === 'pointer'));
    const promoting = promote(p, full, PREVIOUS, quiet).catch((error: unknown) => error);
    await paused.reached;
    const moved = serializePointer({ ...full.pointer, latest: '1.0.0', generation: 7 });
    kv.values.set('pointer', moved);
    kv.pointerHistory.push(moved);
    paused.open();
    const refusal = await promoting;
    expect(refusal).toBeInstanceOf(PublishRefused);
    expect((refusal as PublishRefused).refusals).toEqual(['the pointer changed while this ran (another writer moved it); it was left as that writer wrote it. Rerun to publish on top of it.']);
    expect(kv.values.get('pointer')).toBe(moved);
    checkInvariants(kv);
  }, TIMEOUT);
});

describe('a deploy killed at any step', () => {
  it('leaves readers on a complete release, and the next deploy (breaking the dead lease) completes it', async () => {
    const probe = publishedKv();
    const counted = probe.as('count');
    await publish(counted, full, quiet);
    const steps = counted.log.length;
    for (let k = 0; k < steps; k++) {
      const kv = publishedKv();
      const victim = kv.as(`killed at step ${k}`);
      let seen = 0;
      victim.kill(() => seen++ === k);
      // Killed at its very last step (giving the lease back), a run has already published: it may end either way.
      await publish(victim, full, quiet).catch(() => undefined);
      checkInvariants(kv);
      // A killed run may leave its lease; the operator breaks it, knowing the run is dead.
      await publish(kv.as('rerun'), full, quiet, { lease: { breakLease: true } });
      checkInvariants(kv);
      const pointer = readPointerText(kv.values.get('pointer')!);
      expect(pointer.state === 'ok' && pointer.pointer.latest, `after a kill at step ${k}`).toBe(LATEST);
      expect(kv.values.has('lease'), `after a kill at step ${k}`).toBe(false);
    }
  }, 240_000);

  it('says to break the lease a killed run left, rather than waiting silently', async () => {
    const kv = publishedKv();
    const victim = kv.as('killed');
    victim.kill((op) => op.op === 'putMany');
    await expect(publish(victim, full, quiet)).rejects.toThrow();
    await expect(publish(kv.as('rerun'), full, quiet)).rejects.toThrow(/npm run repair -- --break-lease/);
  }, TIMEOUT);

  it('replaces a version an earlier, killed deploy wrote but never published, keeping one manifest for it', async () => {
    const kv = publishedKv();
    const victim = kv.as('killed before the pointer');
    victim.kill((op) => op.op === 'keys' && victim.log.some((done) => done.op === 'putMany' && done.keys!.some((key) => MANIFEST_KEY.test(key) && key.includes(`/${LATEST}/`))));
    await expect(publish(victim, edited, quiet)).rejects.toThrow();
    expect(manifestHashes(kv, LATEST)).toEqual([edited.releases.at(-1)!.manifest.hash]);
    await publish(kv.as('corrected'), full, quiet, { lease: { breakLease: true } });
    expect(manifestHashes(kv, LATEST)).toEqual([full.releases.at(-1)!.manifest.hash]);
    checkInvariants(kv);
  }, TIMEOUT);
});

describe('a broken KV, repaired by the next deploy', () => {
  const pointerText = serializePointer(before.pointer);
  const cases: [string, (kv: MemoryKv) => void, RegExp][] = [
    ['a truncated pointer', (kv) => kv.values.set('pointer', pointerText.slice(0, 200)), /pointer cannot be served \(it is not JSON/],
    ['a pointer that is not JSON', (kv) => kv.values.set('pointer', 'hello'), /pointer cannot be served \(it is not JSON/],
    ['a pointer of the wrong shape', (kv) => kv.values.set('pointer', '{"latest":"1.0.0"}'), /pointer cannot be served \(it is not a pointer/],
    ['a pointer whose checksum does not match', (kv) => kv.values.set('pointer', pointerText.replace(`"latest":"${PREVIOUS}"`, '"latest":"1.0.0"')), /its checksum does not match its content/],
    ['a pointer without its checksum', (kv) => kv.values.set('pointer', JSON.stringify(before.pointer)), /lacks the checksum/],
    ['no pointer at all', (kv) => kv.values.delete('pointer'), /KV has no pointer/],
  ];
  it.each(cases)('%s', async (_, breakIt, finding) => {
    const kv = publishedKv();
    breakIt(kv);
    kv.pointerHistory.length = 0;
    const lines: string[] = [];
    await publish(kv.as('repair'), full, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(finding);
    const pointer = readPointerText(kv.values.get('pointer')!);
    expect(pointer.state === 'ok' && pointer.pointer.releases.map((r) => r.version)).toEqual(full.pointer.releases.map((r) => r.version));
    checkInvariants(kv);
  }, TIMEOUT);

  it('two manifests for one published version: removes the one no pointer named', async () => {
    const kv = memoryKv([...full.entries, { key: 'pointer', value: serializePointer(full.pointer) }]);
    const loser = edited.releases.at(-1)!.manifest;
    const key = edited.entries.find((e) => MANIFEST_KEY.exec(e.key)?.[1] === LATEST)!;
    kv.values.set(key.key, key.value);
    expect(new Set(manifestHashes(kv, LATEST))).toEqual(new Set([full.releases.at(-1)!.manifest.hash, loser.hash]));
    const lines: string[] = [];
    await publish(kv.as('repair'), full, (line) => lines.push(line));
    expect(lines).toContain(`removing 1 manifest(s) no pointer named and this build does not make: ${key.key}.`);
    expect(manifestHashes(kv, LATEST)).toEqual([full.releases.at(-1)!.manifest.hash]);
    checkInvariants(kv);
  }, TIMEOUT);

  it('refuses, naming it, a manifest of other data under an unreadable pointer, which may have been served', async () => {
    const kv = memoryKv([...edited.entries, { key: 'pointer', value: 'truncated {' }]);
    const refusal = await publish(kv.as('repair'), full, quiet).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PublishRefused);
    expect((refusal as PublishRefused).refusals[0]).toMatch(new RegExp(`^KV holds release ${LATEST.replaceAll('.', '\\.')} with hash [0-9a-f]{64} and its pointer is unreadable, so it may have been published`));
  }, TIMEOUT);
});
