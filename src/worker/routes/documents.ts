// Metadata documents of a release, latest or pinned: JSON Schemas, the Data
// Package, the DCAT catalog, OpenAPI, and the landing page at `/`.
import type { ReleaseRef } from '../../core/paths.ts';
import { notFound } from '../../core/problem.ts';
import { refuseQuery } from '../../core/query-params.ts';
import { type ResolvedRelease, withRelease } from '../kv/resolve.ts';
import { type Body, httpDate } from '../http/respond.ts';
import { renderedFreshness } from '../../core/freshness.ts';
import { storedBodyFor } from '../http/encoding.ts';
import type { Env } from '../kv/store.ts';

export async function documentRoute(request: Request, env: Env, ref: ReleaseRef, file: string, missing?: string): Promise<Body> {
  refuseQuery(new URL(request.url), 'document');
  return withRelease(env, ref, (resolved) => serveDocument(request, env, file, missing, resolved), { documents: true });
}

async function serveDocument(request: Request, env: Env, file: string, missing: string | undefined, resolved: ResolvedRelease): Promise<Body> {
  const version = resolved.manifest.version;
  const doc = resolved.documents![file];
  if (!doc) throw notFound(missing ?? `Release ${version} has no document ${file}.`);
  // A later build may regenerate a pinned release's documents (its data never
  // changes), so they are cached like latest, not as immutable.
  const freshness = renderedFreshness(resolved.freshness);
  return {
    ...(await storedBodyFor(request, env, doc)),
    contentType: doc.contentType,
    freshness,
    lastModified: httpDate(resolved.manifest.date),
    headers: { 'X-Release-Version': version, ...doc.headers },
  };
}
