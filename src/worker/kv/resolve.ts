// Which release a URL means: a pinned version, or whatever the pointer calls latest.
import type { ReleaseRef } from '../../core/paths.ts';
import type { DocumentsIndex, Manifest, ManifestTable, Pointer } from '../../core/release-types.ts';
import { compareVersions } from '../../core/semver.ts';
import { ApiError, notFound } from '../../core/problem.ts';
import type { Freshness } from '../../core/freshness.ts';
import { type Env, loadDocumentsIndex, loadManifest } from './store.ts';

export interface ResolvedRelease {
  manifest: Manifest;
  /** The manifest's tables by name. */
  tables: ReadonlyMap<string, ManifestTable>;
  pointer: Pointer;
  freshness: Freshness;
  /** Loaded only when asked for: the release's metadata documents. */
  documents?: DocumentsIndex;
}

export interface Needs {
  documents?: boolean;
}

async function load(env: Env, pointer: Pointer, version: string, needs: Needs) {
  const summary = pointer.releases.find((r) => r.version === version)!;
  const [manifest, documents] = await Promise.all([
    loadManifest(env, summary.manifest),
    needs.documents ? loadDocumentsIndex(env, summary.documents) : undefined,
  ]);
  return { manifest, tables: tablesOf(manifest), documents };
}

/** Built once per manifest, which is itself parsed once per isolate. */
const byName = new WeakMap<Manifest, ReadonlyMap<string, ManifestTable>>();
function tablesOf(manifest: Manifest): ReadonlyMap<string, ManifestTable> {
  let tables = byName.get(manifest);
  if (!tables) byName.set(manifest, (tables = new Map(manifest.tables.map((t) => [t.name, t]))));
  return tables;
}

/**
 * Runs `serve` on the release a URL means, as `pointer` (the request's) lists it. For latest, when the release the
 * pointer names cannot be read here yet (KV is eventually consistent and each
 * key travels on its own), it serves the newest older release that can be read,
 * cached briefly, rather than an error. Older only: a rollback stays rolled back.
 */
export async function withRelease<T>(
  env: Env,
  pointer: Pointer,
  ref: ReleaseRef,
  serve: (resolved: ResolvedRelease) => Promise<T>,
  needs: Needs = {},
): Promise<T> {
  if (ref !== 'latest') {
    if (!pointer.releases.some((r) => r.version === ref.version)) {
      throw notFound(`Release ${ref.version} is not published. Published releases: ${pointer.releases.map((r) => r.version).join(', ')}.`);
    }
    return serve({ ...(await load(env, pointer, ref.version, needs)), pointer, freshness: 'immutable' });
  }
  const older = pointer.releases
    .map((r) => r.version)
    .filter((v) => compareVersions(v, pointer.latest) < 0)
    .sort(compareVersions)
    .reverse();
  let firstError: unknown;
  for (const [i, version] of [pointer.latest, ...older].entries()) {
    try {
      return await serve({ ...(await load(env, pointer, version, needs)), pointer, freshness: i === 0 ? 'latest' : 'short' });
    } catch (error) {
      // An older release that lacks what was asked for says nothing about the
      // latest one, which cannot be read yet: that is still "retry shortly".
      if (i > 0 && error instanceof ApiError && error.status === 404) throw firstError;
      if (!(error instanceof ApiError) || error.status !== 503) throw error;
      firstError ??= error;
    }
  }
  throw firstError;
}

export function resolveRelease(env: Env, pointer: Pointer, ref: ReleaseRef, needs: Needs = {}): Promise<ResolvedRelease> {
  return withRelease(env, pointer, ref, async (resolved) => resolved, needs);
}
