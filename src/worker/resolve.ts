// Which release a URL means: a pinned version, or whatever the pointer calls latest.
import { type ReleaseRef } from '../paths.ts';
import { compareVersions, type DocumentsIndex, type Manifest, type Pointer } from '../schema/release.ts';
import { ApiError, notFound } from './problem.ts';
import type { Freshness } from './respond.ts';
import { type Env, loadDocumentsIndex, loadManifest, loadPointer } from './store.ts';

export interface ResolvedRelease {
  manifest: Manifest;
  pointer: Pointer;
  freshness: Freshness;
  /** Loaded only when asked for: the release's metadata documents. */
  documents?: DocumentsIndex;
}

interface Needs {
  documents?: boolean;
}

async function load(env: Env, pointer: Pointer, version: string, needs: Needs) {
  const summary = pointer.releases.find((r) => r.version === version)!;
  const [manifest, documents] = await Promise.all([
    loadManifest(env, version),
    needs.documents ? loadDocumentsIndex(env, summary.documents) : undefined,
  ]);
  return { manifest, documents };
}

export async function resolveRelease(env: Env, ref: ReleaseRef, needs: Needs = {}): Promise<ResolvedRelease> {
  const pointer = await loadPointer(env);
  if (ref !== 'latest') {
    if (!pointer.releases.some((r) => r.version === ref.version)) {
      throw notFound(`Release ${ref.version} is not published. Published releases: ${pointer.releases.map((r) => r.version).join(', ')}.`);
    }
    return { ...(await load(env, pointer, ref.version, needs)), pointer, freshness: 'immutable' };
  }
  // KV is eventually consistent: if the newest release is not readable here yet,
  // serve the newest one that is, briefly cached, rather than an error.
  const candidates = [pointer.latest, ...pointer.releases.map((r) => r.version).filter((v) => v !== pointer.latest).sort(compareVersions).reverse()];
  let firstError: unknown;
  for (const [i, version] of candidates.entries()) {
    try {
      return { ...(await load(env, pointer, version, needs)), pointer, freshness: i === 0 ? 'latest' : 'short' };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 503) throw error;
      firstError ??= error;
    }
  }
  throw firstError;
}
