// Publishing steps against a KV store: read what it holds, plan, write the
// immutable keys, and only then move the pointer. Promote moves the pointer to
// any release KV holds in full.
import { serializePointer, sha256 } from '../pipeline/render/bodies.ts';
import { kvKeys, MANIFEST_KEY } from '../core/paths.ts';
import { manifest as manifestSchema, pointer as pointerSchema } from '../schema/release.ts';
import type { Pointer } from '../core/release-types.ts';
import { splitChecksum } from '../core/pointer-text.ts';
import { compareVersions } from '../core/semver.ts';
import type { KvStore } from './kv-store.ts';
import { type LocalBuild, planPublish, type PublishPlan, releaseOfKey, type RemoteState } from './plan.ts';

export type Log = (line: string) => void;

export class PublishRefused extends Error {
  readonly refusals: string[];
  constructor(refusals: string[]) {
    super(`Refused; nothing was written:\n${refusals.map((r) => `  - ${r}`).join('\n')}`);
    this.name = 'PublishRefused';
    this.refusals = refusals;
  }
}

export async function readRemote(store: KvStore): Promise<RemoteState> {
  const keys = await store.keys();
  const manifests = new Map<string, ReturnType<typeof manifestSchema.parse>>();
  for (const key of keys) {
    const match = MANIFEST_KEY.exec(key);
    if (!match) continue;
    const manifest = manifestSchema.parse(JSON.parse(await store.get(key)));
    const seen = manifests.get(match[1]!);
    // Manifests of one version may differ in metadata, never in the data they name.
    if (seen && seen.hash !== manifest.hash) throw new PublishRefused([`KV holds two different releases under version ${match[1]} (hashes ${seen.hash} and ${manifest.hash}).`]);
    manifests.set(match[1]!, manifest);
  }
  const text = keys.has(kvKeys.pointer) ? await store.get(kvKeys.pointer) : null;
  const pointer = text === null ? null : pointerSchema.parse(JSON.parse(text));
  return { keys, manifests, pointer, pointerUnchecked: text !== null && !hasChecksum(text) };
}

/** Whether a stored pointer ends with the SHA-256 of the JSON before it, as serializePointer writes it. */
function hasChecksum(text: string): boolean {
  const split = splitChecksum(text);
  return split !== undefined && sha256(split.body) === split.sha256;
}

/** Plans against the store, and writes unless `dryRun`. Throws PublishRefused, having written nothing. */
export async function publish(store: KvStore, build: LocalBuild, log: Log, options: { dryRun?: boolean } = {}): Promise<PublishPlan & { ok: true }> {
  log(`Reading ${store.label}…`);
  const plan = planPublish(build, await readRemote(store));
  if (!plan.ok) throw new PublishRefused(plan.refusals);
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
  if (plan.pointer && plan.pointer.latest !== build.pointer.latest) {
    log(`Keeping latest at ${plan.pointer.latest}, as promoted; \`npm run promote -- ${build.pointer.latest}\` moves it.`);
  }
  if (plan.pointer) {
    log(`All ${total} keys written. Moving the pointer: latest is ${plan.pointer.latest}.`);
    await store.put(kvKeys.pointer, serializePointer(plan.pointer));
  } else {
    log(`All ${total} keys written; the pointer already names latest ${build.pointer.latest}.`);
  }
  return plan;
}

/**
 * Points latest at `version` (rollback or roll forward). KV must hold every key
 * this build has for that release, with the same data hash, since the pointer
 * will name this build's manifest and documents.
 */
export async function promote(store: KvStore, build: LocalBuild, version: string, log: Log): Promise<Pointer> {
  log(`Reading ${store.label}…`);
  const remote = await readRemote(store);
  const refusals: string[] = [];
  const current = remote.pointer;
  const mine = build.releases.find((r) => r.manifest.version === version)?.manifest;
  const published = remote.manifests.get(version);
  const summary = build.pointer.releases.find((r) => r.version === version);
  if (!current) refusals.push('KV has no pointer yet: publish with `npm run deploy` first.');
  if (!mine || !summary) refusals.push(`this checkout has no release ${version}.`);
  if (!published) refusals.push(`release ${version} is not published in ${store.label}.`);
  else if (mine && published.hash !== mine.hash) refusals.push(`release ${version} in KV has hash ${published.hash}, but this build makes ${mine.hash}.`);
  if (published && mine) {
    const missing = build.entries.filter((e) => releaseOfKey(e.key) === version && !remote.keys.has(e.key)).map((e) => e.key);
    if (missing.length) refusals.push(`release ${version} is incomplete in KV (${missing.length} keys missing, e.g. ${missing[0]}): run \`npm run deploy\` first.`);
  }
  if (refusals.length) throw new PublishRefused(refusals);
  const others = current!.releases.filter((r) => r.version !== version);
  const releases = [...others, summary!].sort((a, b) => compareVersions(a.version, b.version));
  const pointer: Pointer = { latest: version, releases };
  await store.put(kvKeys.pointer, serializePointer(pointer));
  log(`latest was ${current!.latest}; it is now ${version}.`);
  return pointer;
}
