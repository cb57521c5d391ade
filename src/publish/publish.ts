// Publishing against a KV store: take the lease, read what KV holds, plan, write
// the missing (content-named) keys, then move the pointer, checking it did not
// move meanwhile and reading it back after. Promote moves the pointer to a
// release KV holds in full, under the same lease and checks.
import { serializePointer } from '../pipeline/render/bodies.ts';
import { kvKeys } from '../core/paths.ts';
import type { Pointer } from '../core/release-types.ts';
import { compareVersions } from '../core/semver.ts';
import type { KvStore } from './kv-store.ts';
import { acquireLease, type LeaseOptions, LeaseRefused } from './lease.ts';
import { type LocalBuild, planPublish, type PublishPlan, releaseOfKey } from './plan.ts';
import { type PointerState, readPointer, readRemote, servedPointer } from './remote.ts';

export { readRemote } from './remote.ts';

export type Log = (line: string) => void;

export class PublishRefused extends Error {
  readonly refusals: string[];
  constructor(refusals: string[], written = false) {
    super(`Refused; ${written ? 'no reader can see what was written' : 'nothing was written'}:\n${refusals.map((r) => `  - ${r}`).join('\n')}`);
    this.name = 'PublishRefused';
    this.refusals = refusals;
  }
}

export interface PublishOptions {
  dryRun?: boolean;
  lease?: LeaseOptions;
}

const textOf = (state: PointerState) => (state.state === 'missing' ? null : state.text);

/** Runs `work` holding the lease; a lease refusal becomes a PublishRefused, having written nothing. */
async function withLease<T>(store: KvStore, operation: string, options: LeaseOptions | undefined, work: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await acquireLease(store, operation, options);
  } catch (error) {
    if (error instanceof LeaseRefused) throw new PublishRefused([error.message]);
    throw error;
  }
  try {
    return await work();
  } finally {
    await release();
  }
}

/**
 * Writes the pointer if KV's is still the one `expected` read, then reads it back.
 * KV cannot swap atomically: the lease keeps other writers of this tooling out,
 * and these two checks catch one that ignored it (or a hand edit) on either side.
 */
async function movePointer(store: KvStore, expected: string | null, pointer: Pointer, written: boolean): Promise<void> {
  const before = textOf(await readPointer(store));
  if (before !== expected) {
    throw new PublishRefused(
      [`the pointer changed while this ran (another writer moved it); it was left as that writer wrote it. Rerun to publish on top of it.`],
      written,
    );
  }
  const text = serializePointer(pointer);
  await store.put(kvKeys.pointer, text);
  const after = textOf(await readPointer(store));
  if (after !== text) {
    throw new PublishRefused([`another writer wrote the pointer just after this one (generation ${pointer.generation}); KV now holds theirs. Run \`npm run releases\` to see what is published, and rerun.`], true);
  }
}

/** Plans against the store, and writes unless `dryRun`. Throws PublishRefused, having written nothing a reader can see. */
export async function publish(store: KvStore, build: LocalBuild, log: Log, options: PublishOptions = {}): Promise<PublishPlan & { ok: true }> {
  const run = async () => {
    log(`Reading ${store.label}…`);
    const remote = await readRemote(store);
    const plan = planPublish(build, remote);
    if (!plan.ok) throw new PublishRefused(plan.refusals);
    for (const finding of plan.findings) log(finding);
    const total = plan.releases.reduce((n, r) => n + r.writes.length, 0);
    for (const release of plan.releases) {
      log(`release ${release.version} (${release.state}): ${release.writes.length} keys to write, ${release.alreadyHeld} already in KV`);
    }
    if (options.dryRun) {
      log(`Dry run: would write ${total} keys${plan.pointer ? `, then point latest at ${plan.pointer.latest}` : ''}.`);
      return plan;
    }
    for (const release of plan.releases) {
      if (!release.writes.length) continue;
      log(`Writing release ${release.version}: ${release.writes.length} keys…`);
      await store.putMany(release.writes);
    }
    const current = servedPointer(remote);
    if (plan.pointer && current && plan.pointer.latest !== build.pointer.latest) {
      log(`Keeping latest at ${plan.pointer.latest}, as promoted; \`npm run promote -- ${build.pointer.latest}\` moves it.`);
    }
    if (plan.pointer) {
      log(`All ${total} keys written. Moving the pointer (generation ${plan.pointer.generation}): latest is ${plan.pointer.latest}.`);
      await movePointer(store, textOf(remote.pointer), plan.pointer, total > 0);
    } else {
      log(`All ${total} keys written; the pointer already names latest ${build.pointer.latest}.`);
    }
    for (const key of plan.staleManifests) await store.delete(key);
    return plan;
  };
  return options.dryRun ? run() : withLease(store, 'deploy', options.lease, run);
}

/**
 * Points latest at `version` (rollback or roll forward). KV must hold every key
 * this build has for that release, with the data the pointer published, since
 * the pointer will name this build's manifest and documents.
 */
export async function promote(store: KvStore, build: LocalBuild, version: string, log: Log, options: { lease?: LeaseOptions } = {}): Promise<Pointer> {
  return withLease(store, `promote ${version}`, options.lease, async () => {
    log(`Reading ${store.label}…`);
    const remote = await readRemote(store);
    const refusals: string[] = [];
    const current = servedPointer(remote);
    const mine = build.releases.find((r) => r.manifest.version === version)?.manifest;
    const summary = build.pointer.releases.find((r) => r.version === version);
    const published = current?.releases.find((r) => r.version === version);
    if (!current) refusals.push(remote.pointer.state === 'missing' ? 'KV has no pointer yet: publish with `npm run deploy` first.' : `KV's pointer cannot be served (${remote.pointer.state === 'unreadable' ? remote.pointer.reason : ''}): run \`npm run repair\` first.`);
    if (!mine || !summary) refusals.push(`this checkout has no release ${version}.`);
    if (current && !published) refusals.push(`release ${version} is not published in ${store.label}: \`npm run deploy\` publishes it.`);
    else if (published && mine && published.hash !== mine.hash) refusals.push(`release ${version} in KV has hash ${published.hash}, but this build makes ${mine.hash}.`);
    if (published && mine) {
      const missing = build.entries.filter((e) => releaseOfKey(e.key) === version && !remote.keys.has(e.key)).map((e) => e.key);
      if (missing.length) refusals.push(`release ${version} is incomplete in KV (${missing.length} keys missing, e.g. ${missing[0]}): run \`npm run deploy\` first.`);
    }
    if (refusals.length) throw new PublishRefused(refusals);
    const others = current!.releases.filter((r) => r.version !== version);
    const releases = [...others, summary!].sort((a, b) => compareVersions(a.version, b.version));
    const pointer: Pointer = { latest: version, releases, generation: (current!.generation ?? 0) + 1 };
    await movePointer(store, textOf(remote.pointer), pointer, false);
    log(`latest was ${current!.latest}; it is now ${version} (pointer generation ${pointer.generation}).`);
    return pointer;
  });
}
