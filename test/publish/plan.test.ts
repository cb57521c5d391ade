// Planning a publish: what gets written, in which order, and what is refused.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll } from '../../src/pipeline/build-all.ts';
import { RELEASES_DIR } from '../../src/pipeline/read/source.ts';
import type { KvEntry } from '../../src/publish/kv-store.ts';
import { planPublish, type RemoteState } from '../../src/publish/plan.ts';
import type { Manifest, Pointer } from '../../src/core/release-types.ts';
import { compareVersions } from '../../src/core/semver.ts';
import { serializePointer } from '../../src/pipeline/render/bodies.ts';
import { LATEST, PUBLISHED } from '../releases.ts';

const build = buildAll();
const manifestOf = (version: string) => build.releases.find((r) => r.manifest.version === version)!.manifest;
const keysOf = (version: string) => build.entries.filter((e) => e.key.startsWith(`releases/${version}/`)).map((e) => e.key);
/**
 * KV as an earlier deploy left it: the manifests of `published`, the `keys` listed,
 * and a pointer naming exactly those releases (or `pointer`, where given).
 */
const remote = (published: Record<string, Manifest>, keys: string[] = [], pointer?: Pointer): RemoteState => {
  const versions = Object.keys(published);
  const named = pointer ?? (versions.length ? { latest: versions.sort(compareVersions).at(-1)!, releases: build.pointer.releases.filter((r) => versions.includes(r.version)) } : null);
  return {
    keys: new Set(keys),
    manifests: new Map(Object.entries(published).map(([v, manifest]) => [v, [{ key: build.pointer.releases.find((r) => r.version === v)?.manifest.key ?? `releases/${v}/manifests/x.json`, manifest }]])),
    unreadableManifests: [],
    pointer: named ? { state: 'ok', pointer: named, text: serializePointer(named) } : { state: 'missing' },
  };
};
const keys = (writes: KvEntry[]) => writes.map((w) => w.key);

describe('planPublish', () => {
  it('writes every key of a new release, its manifest last, then the pointer', () => {
    const plan = planPublish(build, remote({}));
    if (!plan.ok) throw new Error(plan.refusals.join());
    expect(plan.releases.map((r) => [r.version, r.state])).toEqual(PUBLISHED.map((v) => [v, 'new']));
    for (const release of plan.releases) {
      expect(keys(release.writes).sort()).toEqual(keysOf(release.version).sort());
      expect(keys(release.writes).at(-1)).toBe(build.pointer.releases.find((r) => r.version === release.version)!.manifest.key);
    }
    // The first pointer KV holds: generation 1.
    expect(plan.pointer).toEqual({ ...build.pointer, generation: 1 });
    expect(plan.staleManifests).toEqual([]);
  });

  it('adds only the keys a published release lacks, and leaves an unchanged pointer alone', () => {
    const held = PUBLISHED.flatMap(keysOf);
    const missing = held.filter((k) => k.includes('/documents/')).slice(0, 2);
    const plan = planPublish(build, remote(Object.fromEntries(PUBLISHED.map((v) => [v, manifestOf(v)])), held.filter((k) => !missing.includes(k))));
    if (!plan.ok) throw new Error(plan.refusals.join());
    expect(plan.releases.flatMap((r) => keys(r.writes)).sort()).toEqual([...missing].sort());
    expect(plan.pointer).toBeNull();
  });

  it('completes a release an interrupted publish left half-written, writing only the keys it lacks (every key is named by content)', () => {
    const plan = planPublish(build, remote({ '1.0.0': manifestOf('1.0.0') }, [...keysOf('1.0.0'), ...keysOf('1.1.0').slice(0, 5)]));
    if (!plan.ok) throw new Error(plan.refusals.join());
    expect(plan.releases.map((r) => [r.version, r.state, r.writes.length])).toEqual([
      ['1.0.0', 'published', 0],
      ['1.1.0', 'new', keysOf('1.1.0').length - 5],
      [LATEST, 'new', keysOf(LATEST).length],
    ]);
  });

  it('replaces a release no pointer named (a corrected rerun), removing the stale manifest once the pointer names the new one', () => {
    const stale = { ...manifestOf(LATEST), hash: 'e'.repeat(64) };
    const state = remote({ '1.0.0': manifestOf('1.0.0'), '1.1.0': manifestOf('1.1.0') }, PUBLISHED.flatMap(keysOf).filter((k) => !k.startsWith(`releases/${LATEST}/`)));
    state.manifests.set(LATEST, [{ key: `releases/${LATEST}/manifests/eeeeeeeeeeeeeeee.json`, manifest: stale }]);
    const plan = planPublish(build, state);
    if (!plan.ok) throw new Error(plan.refusals.join());
    expect(plan.staleManifests).toEqual([`releases/${LATEST}/manifests/eeeeeeeeeeeeeeee.json`]);
    expect(plan.pointer!.latest).toBe(LATEST);
    expect(plan.pointer!.generation).toBe(1);
  });

  it('refuses a published release whose hash differs, planning no write at all', () => {
    const changed = { ...manifestOf('1.1.0'), hash: 'f'.repeat(64) };
    const pointer = { latest: '1.1.0', releases: build.pointer.releases.filter((r) => r.version !== LATEST).map((r) => (r.version === '1.1.0' ? { ...r, hash: changed.hash } : r)) };
    const plan = planPublish(build, remote({ '1.0.0': manifestOf('1.0.0'), '1.1.0': changed }, [], pointer));
    expect(plan).toEqual({
      ok: false,
      refusals: [
        `release 1.1.0 is published with hash ${'f'.repeat(64)}, but this build makes ${manifestOf('1.1.0').hash}. A published release never changes: put the correction in a new version.`,
      ],
    });
  });

  it('refuses when KV publishes a release this checkout does not have', () => {
    const pointer = { ...build.pointer, releases: [...build.pointer.releases, { ...build.pointer.releases[1]!, version: '2.0.0' }] };
    const plan = planPublish(build, remote({ '1.0.0': manifestOf('1.0.0') }, [], pointer));
    expect(plan).toEqual({ ok: false, refusals: ['KV publishes release 2.0.0, which this checkout does not have; update data/releases/ first.'] });
  });

  it('keeps a promoted rollback when a redeploy brings no newer release', () => {
    const everything = build.entries.map((e) => e.key);
    const rolledBack = { ...build.pointer, latest: '1.0.0' };
    const plan = planPublish(build, remote(Object.fromEntries(PUBLISHED.map((v) => [v, manifestOf(v)])), everything, rolledBack));
    if (!plan.ok) throw new Error(plan.refusals.join());
    expect(plan.pointer).toBeNull();
  });

  it('writes a regenerated manifest (same data, new notes) under its own key before the pointer names it', () => {
    const root = mkdtempSync(join(tmpdir(), 'liberterra-notes-'));
    cpSync(RELEASES_DIR, root, { recursive: true });
    const file = join(root, '1.1.0', 'release.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), notes: 'Reworded notes; the data is the same.' }));
    const renoted = buildAll({ releasesDir: root });
    rmSync(root, { recursive: true, force: true });
    expect(renoted.releases[1]!.manifest.hash).toBe(manifestOf('1.1.0').hash);
    const plan = planPublish(renoted, remote(Object.fromEntries(PUBLISHED.map((v) => [v, manifestOf(v)])), build.entries.map((e) => e.key)));
    if (!plan.ok) throw new Error(plan.refusals.join());
    const written = new Set(plan.releases.flatMap((r) => keys(r.writes)));
    const named = plan.pointer!.releases.find((r) => r.version === '1.1.0')!;
    expect(written.has(named.manifest.key)).toBe(true);
    expect(written.has(named.documents.key)).toBe(true);
  });
});
