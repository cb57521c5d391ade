// What is published where: this checkout's releases against a KV namespace's.
import { compareVersions } from '../core/semver.ts';
import type { LocalBuild, RemoteState } from './plan.ts';
import { releaseOfKey } from './plan.ts';
import { servedPointer } from './remote.ts';

export interface ReleaseStatus {
  version: string;
  local: string | null;
  remote: string | null;
  /** published · not published · DIFFERS (refused on deploy) · incomplete · only in KV */
  state: string;
  latest: string;
}

export function releaseStatus(build: LocalBuild, remote: RemoteState): ReleaseStatus[] {
  const pointer = servedPointer(remote);
  const versions = new Set([...build.releases.map((r) => r.manifest.version), ...remote.manifests.keys()]);
  return [...versions].sort(compareVersions).map((version) => {
    const local = build.releases.find((r) => r.manifest.version === version)?.manifest.hash ?? null;
    // Published means named by the pointer; a manifest no pointer names was never served.
    const published = pointer?.releases.find((r) => r.version === version)?.hash;
    const held = remote.manifests.get(version)?.[0]?.manifest.hash;
    const missing = build.entries.filter((e) => releaseOfKey(e.key) === version && !remote.keys.has(e.key)).length;
    const state = !published
      ? held
        ? 'not published (keys of an earlier deploy in KV)'
        : 'not published'
      : !local
        ? 'only in KV'
        : published !== local
          ? 'DIFFERS (refused on deploy)'
          : missing
            ? `published; ${missing} new keys to add`
            : 'published';
    const latest = [build.pointer.latest === version ? 'local' : '', pointer?.latest === version ? 'KV' : ''].filter(Boolean).join(', ');
    return { version, local: local?.slice(0, 12) ?? null, remote: (published ?? held)?.slice(0, 12) ?? null, state, latest };
  });
}
