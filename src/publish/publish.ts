// Publishing steps against a KV store: read what it holds, plan, write the
// immutable keys, and only then move the pointer. Promote moves the pointer to
// any release KV holds in full.
import { serializePointer } from '../build/bodies.ts';
import { kvKeys } from '../paths.ts';
import { manifest as manifestSchema, type Pointer, pointer as pointerSchema } from '../schema/release.ts';
import type { KvStore } from './kv-store.ts';
import { type LocalBuild, planPublish, type PublishPlan, type RemoteState } from './plan.ts';

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
    const match = /^releases\/([^/]+)\/manifest$/.exec(key);
    if (match) manifests.set(match[1]!, manifestSchema.parse(JSON.parse(await store.get(key))));
  }
  const pointer = keys.has(kvKeys.pointer) ? pointerSchema.parse(JSON.parse(await store.get(kvKeys.pointer))) : null;
  return { keys, manifests, pointer };
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
  if (plan.pointer) {
    log(`All ${total} keys written. Moving the pointer: latest is ${plan.pointer.latest}.`);
    await store.put(kvKeys.pointer, serializePointer(plan.pointer));
  } else {
    log(`All ${total} keys written; the pointer already names latest ${build.pointer.latest}.`);
  }
  return plan;
}

/** Points latest at `version`, which KV must hold in full and with this build's hash (rollback or roll forward). */
export async function promote(store: KvStore, build: LocalBuild, version: string, log: Log): Promise<Pointer> {
  log(`Reading ${store.label}…`);
  const remote = await readRemote(store);
  const refusals: string[] = [];
  const current = remote.pointer;
  const mine = build.releases.find((r) => r.manifest.version === version)?.manifest;
  const published = remote.manifests.get(version);
  const summary = current?.releases.find((r) => r.version === version) ?? build.pointer.releases.find((r) => r.version === version);
  if (!current) refusals.push('KV has no pointer yet: publish with `npm run deploy` first.');
  if (!mine) refusals.push(`this checkout has no release ${version}.`);
  if (!published || !summary) refusals.push(`release ${version} is not published in ${store.label}.`);
  else if (mine && published.hash !== mine.hash) refusals.push(`release ${version} in KV has hash ${published.hash}, but this build makes ${mine.hash}.`);
  if (published && summary) {
    const needed = [...published.tables.flatMap((t) => [t.csv.key, t.json.key]), summary.documents.key];
    const missing = needed.filter((key) => !remote.keys.has(key));
    if (missing.length) refusals.push(`release ${version} is incomplete in KV (${missing.length} keys missing, e.g. ${missing[0]}): run \`npm run deploy\`.`);
  }
  if (refusals.length) throw new PublishRefused(refusals);
  const releases = current!.releases.some((r) => r.version === version) ? current!.releases : [...current!.releases, summary!];
  const pointer: Pointer = { latest: version, releases };
  await store.put(kvKeys.pointer, serializePointer(pointer));
  log(`latest was ${current!.latest}; it is now ${version}.`);
  return pointer;
}
