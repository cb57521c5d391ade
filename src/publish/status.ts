// What is published where: this checkout's releases against a KV namespace's.
import { compareVersions } from '../core/semver.ts';
import type { LocalBuild, RemoteState } from './plan.ts';
import { releaseOfKey } from './plan.ts';

export interface ReleaseStatus {
  version: string;
  local: string | null;
  remote: string | null;
  /** published · not published · DIFFERS (refused on deploy) · incomplete · only in KV */
  state: string;
  latest: string;
}

export function releaseStatus(build: LocalBuild, remote: RemoteState): ReleaseStatus[] {
  const versions = new Set([...build.releases.map((r) => r.manifest.version), ...remote.manifests.keys()]);
  return [...versions].sort(compareVersions).map((version) => {
    const local = build.releases.find((r) => r.manifest.version === version)?.manifest.hash ?? null;
    const published = remote.manifests.get(version);
    const missing = build.entries.filter((e) => releaseOfKey(e.key) === version && !remote.keys.has(e.key)).length;
    const state = !published
      ? 'not published'
      : !local
        ? 'only in KV'
        : published.hash !== local
          ? 'DIFFERS (refused on deploy)'
          : missing
            ? `published; ${missing} new keys to add`
            : 'published';
    const latest = [build.pointer.latest === version ? 'local' : '', remote.pointer?.latest === version ? 'KV' : ''].filter(Boolean).join(', ');
    return { version, local: local?.slice(0, 12) ?? null, remote: published?.hash.slice(0, 12) ?? null, state, latest };
  });
}
