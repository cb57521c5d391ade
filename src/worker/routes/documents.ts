// Metadata documents of a release, latest or pinned: JSON Schemas, the Data
// Package, the DCAT catalog, OpenAPI, and the landing page at `/`.
import type { ReleaseRef } from '../../core/paths.ts';
import { notFound } from '../../core/problem.ts';
import { refuseQuery } from '../../core/query-params.ts';
import { renderedFreshness } from '../../core/freshness.ts';
import type { Reply } from '../http/respond.ts';
import { type Asked, fromRelease } from './asked.ts';

export function documentRoute(asked: Asked, ref: ReleaseRef, file: string, missing?: string): Promise<Reply> {
  refuseQuery(asked.url, 'document');
  return fromRelease(
    asked,
    ref,
    (resolved) => {
      const version = resolved.manifest.version;
      const doc = resolved.documents![file];
      if (!doc) throw notFound(missing ?? `Release ${version} has no document ${file}.`);
      return {
        content: { stored: doc },
        contentType: doc.contentType,
        // A later build may regenerate a pinned release's documents (its data never
        // changes), so they are cached like latest, not as immutable.
        freshness: renderedFreshness(resolved.freshness),
        version,
        asOf: resolved.manifest.date,
        headers: doc.headers,
      };
    },
    { documents: true },
  );
}
