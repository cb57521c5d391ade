// What a publish would write, decided before anything is written: every
// release's missing keys, then the pointer. Refuses, writing nothing, when KV
// holds a release whose content differs from this build's.
import { MANIFEST_KEY } from '../core/paths.ts';
import type { Manifest, Pointer } from '../core/release-types.ts';
import { compareVersions } from '../core/semver.ts';
import type { KvEntry } from './kv-store.ts';

export interface LocalBuild {
  releases: { manifest: Manifest }[];
  entries: KvEntry[];
  pointer: Pointer;
}

export interface RemoteState {
  keys: Set<string>;
  /** Manifests KV holds, by version. */
  manifests: Map<string, Manifest>;
  pointer: Pointer | null;
  /** KV's pointer lacks the checksum a build writes (the Worker refuses it): rewrite it even if it says the same. */
  pointerUnchecked?: boolean;
}

export interface ReleasePlan {
  version: string;
  /** `new`: no manifest in KV yet, so every key is written. */
  state: 'new' | 'published';
  /** Immutable keys to write, the manifest last. */
  writes: KvEntry[];
  alreadyHeld: number;
}

export type PublishPlan =
  | { ok: false; refusals: string[] }
  | { ok: true; releases: ReleasePlan[]; /** null when KV already has this pointer. */ pointer: Pointer | null };

/** `releases/<version>/…` → version. Every key but the pointer belongs to one release. */
export function releaseOfKey(key: string): string {
  const match = /^releases\/([^/]+)\//.exec(key);
  if (!match) throw new Error(`key ${key} belongs to no release`);
  return match[1]!;
}

export function planPublish(build: LocalBuild, remote: RemoteState): PublishPlan {
  const refusals: string[] = [];
  const local = new Map(build.releases.map((r) => [r.manifest.version, r.manifest]));
  for (const [version, published] of remote.manifests) {
    const mine = local.get(version);
    if (mine && mine.hash !== published.hash) {
      refusals.push(
        `release ${version} is published with hash ${published.hash}, but this build makes ${mine.hash}. A published release never changes: put the correction in a new version.`,
      );
    }
  }
  for (const summary of remote.pointer?.releases ?? []) {
    if (!local.has(summary.version)) refusals.push(`KV publishes release ${summary.version}, which this checkout does not have; update data/releases/ first.`);
  }
  if (refusals.length) return { ok: false, refusals };

  const byRelease = new Map<string, KvEntry[]>();
  for (const entry of build.entries) {
    const version = releaseOfKey(entry.key);
    byRelease.set(version, [...(byRelease.get(version) ?? []), entry]);
  }
  const releases = [...local.keys()].sort(compareVersions).map((version): ReleasePlan => {
    const entries = byRelease.get(version) ?? [];
    // A release without a manifest in KV may hold keys from an interrupted
    // publish of other bytes: write all of them. A published one holds the same
    // data; everything else it needs (a regenerated manifest, documents, other
    // compressions) has keys named by content, so adding the missing keys is enough.
    const state = remote.manifests.has(version) ? 'published' : 'new';
    const writes = state === 'new' ? entries : entries.filter((e) => !remote.keys.has(e.key));
    const isManifest = (key: string) => MANIFEST_KEY.test(key);
    writes.sort((a, b) => Number(isManifest(a.key)) - Number(isManifest(b.key)));
    return { version, state, writes, alreadyHeld: entries.length - writes.length };
  });
  // A deploy moves latest only when it brings a release newer than any KV
  // publishes: redeploying after a rollback (npm run promote) keeps the rollback.
  const known = remote.pointer?.releases.map((r) => r.version) ?? [];
  const bringsNewer = !remote.pointer || [...local.keys()].some((v) => known.every((k) => compareVersions(v, k) > 0));
  const pointer = bringsNewer ? build.pointer : { ...build.pointer, latest: remote.pointer!.latest };
  const same = remote.pointer && !remote.pointerUnchecked && JSON.stringify(remote.pointer) === JSON.stringify(pointer);
  return { ok: true, releases, pointer: same ? null : pointer };
}
