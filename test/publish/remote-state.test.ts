// Reading what a KV namespace already holds: namespaces keep what earlier builds
// wrote, so older shapes must read, and a pointer the Worker would refuse must
// be rewritten even when it names the same releases.
import { expect, it } from 'vitest';
import { buildAll } from '../../src/pipeline/build-all.ts';
import { serializePointer } from '../../src/pipeline/render/bodies.ts';
import type { KvEntry, KvStore } from '../../src/publish/kv-store.ts';
import { memoryKv as memory } from './memory-kv.ts';
import { planPublish } from '../../src/publish/plan.ts';
import { readRemote } from '../../src/publish/publish.ts';
import type { Manifest } from '../../src/core/release-types.ts';
import { PUBLISHED } from '../releases.ts';

const build = buildAll();

const memoryKv = (entries: KvEntry[]): KvStore => memory(entries).as('memory KV');

it('reads manifests written before query indexes, which have no index', async () => {
  const old = build.entries.map((e) => {
    if (!/\/manifests\//.test(e.key)) return e;
    const manifest = JSON.parse(e.value) as Manifest;
    return { ...e, value: JSON.stringify({ ...manifest, tables: manifest.tables.map(({ index: _index, ...t }) => t) }) };
  });
  const remote = await readRemote(memoryKv([...old, { key: 'pointer', value: serializePointer(build.pointer) }]));
  expect([...remote.manifests.keys()].sort()).toEqual([...PUBLISHED]);
  expect(remote.manifests.get('1.1.0')![0]!.manifest.tables.every((t) => t.index === undefined)).toBe(true);
  expect(remote.pointer.state).toBe('ok');
});

it('rewrites a pointer without its checksum, though it names the same releases', async () => {
  const plain = JSON.stringify({ latest: build.pointer.latest, releases: build.pointer.releases });
  const remote = await readRemote(memoryKv([...build.entries, { key: 'pointer', value: plain }]));
  expect(remote.pointer).toMatchObject({ state: 'unreadable', reason: 'it lacks the checksum a build writes' });
  const plan = planPublish(build, remote);
  expect(plan.ok && plan.pointer).toEqual({ ...build.pointer, generation: 1 });
  const checked = await readRemote(memoryKv([...build.entries, { key: 'pointer', value: serializePointer(build.pointer) }]));
  const again = planPublish(build, checked);
  expect(again.ok && again.pointer).toBeNull();
});
