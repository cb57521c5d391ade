// What a release is, as zod validates it: its source description
// (data/releases/<v>/release.json), the manifest the build writes to KV, and the
// pointer that names the latest. Each schema is checked against its wire type in
// src/core/release-types.ts, both ways, so neither can change alone.
import * as z from 'zod';
import { ENCODINGS } from '../core/encodings.ts';
import type * as Wire from '../core/release-types.ts';
import type { Same } from './same.ts';
import { text } from './fields.ts';

export const semver = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'must be a SemVer version such as 1.2.0');

/** data/releases/<version>/release.json */
export const releaseSource = z.strictObject({
  version: semver,
  date: z.iso.date(),
  // Cells of the release list's CSV and lines of every document: held to the rule of every text cell.
  title: text('Title of the release'),
  notes: text('What the release adds or corrects, and why'),
});
true satisfies Same<z.infer<typeof releaseSource>, Wire.ReleaseSource>;

export const releaseInfo = releaseSource.extend({
  licence: z.object({ id: z.string(), name: z.string(), url: z.string() }),
  citation: z.string(),
});
true satisfies Same<z.infer<typeof releaseInfo>, Wire.ReleaseInfo>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const part = z.object({ key: z.string(), sha256, bytes: z.int().nonnegative() });

/**
 * Where a body is in KV, its SHA-256 and size. A body larger than one KV value
 * should hold is stored in `parts` (each verified by its own hash) and streamed.
 */
export const bodyRef = part.extend({ parts: z.array(part).min(2).optional() });
true satisfies Same<z.infer<typeof bodyRef>, Wire.BodyRef>;

/** A table body as built, and the same bytes pre-compressed, each verified by its own hash. */
export const storedBody = bodyRef.extend({
  encodings: z.partialRecord(z.enum(ENCODINGS), bodyRef).optional(),
});
true satisfies Same<z.infer<typeof storedBody>, Wire.StoredBody>;

const queryIndexRef = z.object({
  rows: z.int().nonnegative(),
  bodies: z.array(bodyRef),
  sections: z.record(z.string(), z.object({ body: z.int().nonnegative(), offset: z.int().nonnegative(), bytes: z.int().nonnegative() })),
});

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
       * The table's query index (src/core/query-index.ts). Every build writes
       * one; manifests published before indexes existed, still in KV, have none,
       * and those published before sections name one JSON body.
       */
      index: z.union([queryIndexRef, bodyRef]).optional(),
    }),
  ),
});
true satisfies Same<z.infer<typeof manifest>, Wire.Manifest>;

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
true satisfies Same<z.infer<typeof documentRef>, Wire.DocumentRef>;
export const documentsIndex = z.record(z.string(), documentRef);
true satisfies Same<z.infer<typeof documentsIndex>, Wire.DocumentsIndex>;

export const releaseSummary = releaseSource.extend({
  hash: sha256,
  rows: z.record(z.string(), z.int().nonnegative()),
  /** The release's manifest, verified by this hash when read. */
  manifest: bodyRef,
  /** The documents index this publication serves: moving the pointer moves it too. */
  documents: bodyRef,
});
true satisfies Same<z.infer<typeof releaseSummary>, Wire.ReleaseSummary>;

/** The one mutable key: which releases are published, and which is latest. */
export const pointer = z.object({
  latest: semver,
  releases: z.array(releaseSummary),
  generation: z.int().nonnegative().optional(),
});
true satisfies Same<z.infer<typeof pointer>, Wire.Pointer>;
