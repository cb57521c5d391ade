// What a release is: its source description (data/releases/<v>/release.json),
// the manifest the build writes to KV, and the pointer that names the latest.
import * as z from 'zod';
import { LICENCE } from './dataset.ts';
import { ENCODINGS } from './encodings.ts';

export const semver = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'must be a SemVer version such as 1.2.0');

/** data/releases/<version>/release.json */
export const releaseSource = z.strictObject({
  version: semver,
  date: z.iso.date(),
  title: z.string().min(1),
  notes: z.string().min(1),
});
export type ReleaseSource = z.infer<typeof releaseSource>;

export const releaseInfo = releaseSource.extend({
  licence: z.object({ id: z.string(), name: z.string(), url: z.string() }),
  citation: z.string(),
});
export type ReleaseInfo = z.infer<typeof releaseInfo>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const part = z.object({ key: z.string(), sha256, bytes: z.int().nonnegative() });

/**
 * Where a body is in KV, its SHA-256 and size. A body larger than one KV value
 * should hold is stored in `parts` (each verified by its own hash) and streamed.
 */
export const bodyRef = part.extend({ parts: z.array(part).min(2).optional() });
export type BodyRef = z.infer<typeof bodyRef>;

/** A table body as built, and the same bytes pre-compressed, each verified by its own hash. */
export const storedBody = bodyRef.extend({
  encodings: z.partialRecord(z.enum(ENCODINGS), bodyRef).optional(),
});
export type StoredBody = z.infer<typeof storedBody>;

export const manifest = releaseInfo.extend({
  /** sha256 over every body's name and hash: the release's identity. */
  hash: sha256,
  tables: z.array(
    z.object({
      name: z.string(),
      rows: z.int().nonnegative(),
      csv: storedBody,
      json: storedBody,
      /**
       * The table's query index (src/schema/query-index.ts). Every build writes
       * one; manifests published before indexes existed, still in KV, have none.
       */
      index: bodyRef.optional(),
    }),
  ),
});
export type Manifest = z.infer<typeof manifest>;

/**
 * A release's metadata documents (schemas, data package, catalog, OpenAPI, landing
 * page), by file name. Document bodies are stored under their hash, so a later
 * build can regenerate them without touching what readers are being served.
 */
export const documentRef = storedBody.extend({
  contentType: z.string(),
  /** Response headers particular to this document, e.g. the landing page's CSP. */
  headers: z.record(z.string(), z.string()).optional(),
});
export type DocumentRef = z.infer<typeof documentRef>;
export const documentsIndex = z.record(z.string(), documentRef);
export type DocumentsIndex = z.infer<typeof documentsIndex>;

export const releaseSummary = releaseSource.extend({
  hash: sha256,
  rows: z.record(z.string(), z.int().nonnegative()),
  /** The release's manifest, verified by this hash when read. */
  manifest: bodyRef,
  /** The documents index this publication serves: moving the pointer moves it too. */
  documents: bodyRef,
});
export type ReleaseSummary = z.infer<typeof releaseSummary>;

/** The one mutable key: which releases are published, and which is latest. */
export const pointer = z.object({
  latest: semver,
  releases: z.array(releaseSummary),
});
export type Pointer = z.infer<typeof pointer>;

export function citationFor(release: ReleaseSource): string {
  return `Liberterra Open Data, version ${release.version} (${release.date}). Figures compiled from INTERPOL press releases and news reports listed in the sources table. Licensed ${LICENCE.id}.`;
}
