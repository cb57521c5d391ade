// Which release a URL means: a pinned version, or whatever the pointer calls latest.
import { type ReleaseRef } from '../paths.ts';
import { compareVersions, type Manifest, type Pointer } from '../schema/release.ts';
import { ApiError, notFound } from './problem.ts';
import type { Freshness } from './respond.ts';
import { type Env, loadManifest, loadPointer } from './store.ts';

export interface ResolvedRelease {
  manifest: Manifest;
  pointer: Pointer;
  freshness: Freshness;
}

export async function resolveRelease(env: Env, ref: ReleaseRef): Promise<ResolvedRelease> {
  const pointer = await loadPointer(env);
  if (ref !== 'latest') {
    if (!pointer.releases.some((r) => r.version === ref.version)) {
      throw notFound(`Release ${ref.version} is not published. Published releases: ${pointer.releases.map((r) => r.version).join(', ')}.`);
    }
    return { manifest: await loadManifest(env, ref.version), pointer, freshness: 'immutable' };
  }
  // KV is eventually consistent: if the newest release is not readable here yet,
  // serve the newest one that is, briefly cached, rather than an error.
  const candidates = [pointer.latest, ...pointer.releases.map((r) => r.version).filter((v) => v !== pointer.latest).sort(compareVersions).reverse()];
  let firstError: unknown;
  for (const [i, version] of candidates.entries()) {
    try {
      return { manifest: await loadManifest(env, version), pointer, freshness: i === 0 ? 'latest' : 'short' };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 503) throw error;
      firstError ??= error;
    }
  }
  throw firstError;
}
