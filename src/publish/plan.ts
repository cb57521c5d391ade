// What a publish would write, decided before anything is written: every
// release's missing keys, then the pointer, then stale manifests to remove.
// Every key but the pointer is named by its content, so writing a key can never
// change bytes a reader was served. A release is published once a pointer names
// it: until then a corrected build may replace it; after that, its data never
// changes, and a build that differs is refused, writing nothing.
import type { Manifest, Pointer } from '../core/release-types.ts';
import { compareVersions } from '../core/semver.ts';
import type { KvEntry } from './kv-store.ts';
import type { RemoteState } from './remote.ts';

export type { RemoteState } from './remote.ts';

export interface LocalBuild {
  releases: { manifest: Manifest }[];
  entries: KvEntry[];
  pointer: Pointer;
}

export interface ReleasePlan {
  version: string;
  /** `published`: a pointer names it (its data is fixed); `new`: none does yet. */
  state: 'new' | 'published';
  /** Keys KV lacks, the manifest last. */
  writes: KvEntry[];
  alreadyHeld: number;
}

export type PublishPlan =
  | { ok: false; refusals: string[] }
  | {
      ok: true;
      releases: ReleasePlan[];
      /** null when KV already has this pointer. */
      pointer: Pointer | null;
      /** Manifests of builds no pointer named, whose data differs from this build's: removed once the pointer is written. */
      staleManifests: string[];
      /** What was found that this publish repairs, for the log. */
      findings: string[];
    };

/** `releases/<version>/…` → version. Every key but the pointer and the lease belongs to one release. */
export function releaseOfKey(key: string): string {
  const match = /^releases\/([^/]+)\//.exec(key);
  if (!match) throw new Error(`key ${key} belongs to no release`);
  return match[1]!;
}

const isManifest = (key: string) => /\/manifests\//.test(key);

export function planPublish(build: LocalBuild, remote: RemoteState): PublishPlan {
  const refusals: string[] = [];
  const findings: string[] = [];
  const local = new Map(build.releases.map((r) => [r.manifest.version, r.manifest]));
  const current = remote.pointer.state === 'ok' ? remote.pointer.pointer : null;
  if (remote.pointer.state === 'missing') findings.push('KV has no pointer: writing one.');
  if (remote.pointer.state === 'unreadable') findings.push(`KV's pointer cannot be served (${remote.pointer.reason}): writing a new one.`);

  // What readers may have been served: the releases a pointer names, with the data
  // they name. An unreadable pointer that still parses says the same.
  const named = current ?? (remote.pointer.state === 'unreadable' ? remote.pointer.pointer : undefined) ?? null;
  for (const summary of named?.releases ?? []) {
    const mine = local.get(summary.version);
    if (!mine) refusals.push(`KV publishes release ${summary.version}, which this checkout does not have; update data/releases/ first.`);
    else if (mine.hash !== summary.hash) {
      refusals.push(
        `release ${summary.version} is published with hash ${summary.hash}, but this build makes ${mine.hash}. A published release never changes: put the correction in a new version.`,
      );
    }
  }
  if (!named && remote.pointer.state === 'unreadable') {
    // No pointer to say what was published: a manifest whose data this build does not make may have been served.
    for (const [version, stored] of remote.manifests) {
      const mine = local.get(version);
      const other = stored.find((s) => s.manifest.hash !== mine?.hash);
      if (other) refusals.push(`KV holds release ${version} with hash ${other.manifest.hash} and its pointer is unreadable, so it may have been published; this build makes ${mine?.hash ?? 'no such release'}. Check out the commit that built it, or remove ${other.key} if you know it was never served.`);
    }
  }
  if (refusals.length) return { ok: false, refusals };

  const byRelease = new Map<string, KvEntry[]>();
  for (const entry of build.entries) {
    const version = releaseOfKey(entry.key);
    byRelease.set(version, [...(byRelease.get(version) ?? []), entry]);
  }
  const publishedVersions = new Set(named?.releases.map((r) => r.version) ?? []);
  const releases = [...local.keys()].sort(compareVersions).map((version): ReleasePlan => {
    const entries = byRelease.get(version) ?? [];
    const writes = entries.filter((e) => !remote.keys.has(e.key));
    writes.sort((a, b) => Number(isManifest(a.key)) - Number(isManifest(b.key)));
    if (!publishedVersions.has(version) && remote.manifests.has(version) && writes.length) {
      findings.push(`release ${version} was partly written by an earlier deploy and never published: completing it (${writes.length} keys).`);
    }
    return { version, state: publishedVersions.has(version) ? 'published' : 'new', writes, alreadyHeld: entries.length - writes.length };
  });

  // Manifests of unpublished builds whose data differs: never served, and in the
  // way of "one release per version". Removed after the pointer names this build's.
  const staleManifests: string[] = [];
  // For a published version, one of other data was never named (a writer that lost); for
  // an unpublished one, one of other data is an earlier build this one replaces.
  for (const [version, stored] of remote.manifests) {
    for (const s of stored) {
      if (s.manifest.hash !== local.get(version)?.hash) staleManifests.push(s.key);
    }
  }
  staleManifests.push(...remote.unreadableManifests);
  if (staleManifests.length) findings.push(`removing ${staleManifests.length} manifest(s) no pointer named and this build does not make: ${staleManifests.join(', ')}.`);

  // A deploy moves latest only when it brings a release newer than any KV
  // publishes: redeploying after a rollback (npm run promote) keeps the rollback.
  const known = current?.releases.map((r) => r.version) ?? [];
  const bringsNewer = !current || [...local.keys()].some((v) => known.every((k) => compareVersions(v, k) > 0));
  const generation = (current?.generation ?? 0) + 1;
  const next: Pointer = { ...build.pointer, latest: bringsNewer ? build.pointer.latest : current!.latest, generation };
  const same = current && JSON.stringify({ ...current, generation: 0 }) === JSON.stringify({ ...next, generation: 0 });
  return { ok: true, releases, pointer: same ? null : next, staleManifests, findings };
}
