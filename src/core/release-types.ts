// What a release is on the wire: the manifest the build writes to KV, the
// pointer that names the latest, and the references between them. The zod
// schemas in src/schema/release.ts validate these shapes and are checked
// against them by the compiler (both ways), so the two cannot drift.
import type { Encoding } from './encodings.ts';
import type { QueryIndexRef } from './query-index.ts';

/** data/releases/<version>/release.json */
export interface ReleaseSource {
  version: string;
  date: string;
  title: string;
  notes: string;
}

export interface ReleaseInfo extends ReleaseSource {
  licence: { id: string; name: string; url: string };
  citation: string;
}

/** One stored value: its KV key, SHA-256 and size. */
export interface StoredPart {
  key: string;
  sha256: string;
  bytes: number;
}

/** A body; one larger than a KV value should hold is stored in `parts` (each verified by its own hash) and streamed. */
export interface BodyRef extends StoredPart {
  parts?: StoredPart[];
}

/** A body as built, and the same bytes pre-compressed, each verified by its own hash. */
export interface StoredBody extends BodyRef {
  encodings?: Partial<Record<Encoding, BodyRef>>;
}

export interface ManifestTable {
  name: string;
  rows: number;
  csv: StoredBody;
  json: StoredBody;
  /**
   * The table's query index (src/core/query-index.ts); manifests published
   * before indexes existed have none, and those before sections a BodyRef.
   */
  index?: QueryIndexRef | BodyRef;
}

export interface Manifest extends ReleaseInfo {
  /** sha256 over every body's name and hash: the release's identity. */
  hash: string;
  tables: ManifestTable[];
}

/** A metadata document of a release, with its media type and the headers particular to it (e.g. a CSP). */
export interface DocumentRef extends StoredBody {
  contentType: string;
  headers?: Record<string, string>;
}
export type DocumentsIndex = Record<string, DocumentRef>;

export interface ReleaseSummary extends ReleaseSource {
  hash: string;
  rows: Record<string, number>;
  /** The release's manifest, verified by this hash when read. */
  manifest: BodyRef;
  /** The documents index this publication serves: moving the pointer moves it too. */
  documents: BodyRef;
}

/** The one mutable key: which releases are published, and which is latest. */
export interface Pointer {
  latest: string;
  releases: ReleaseSummary[];
  /**
   * Counts the pointer's writes: each publish or promote writes the generation
   * it read plus one, so a writer can tell, reading back, whether another moved
   * it meanwhile. Absent from a build's pointer, which no one has written yet.
   */
  generation?: number;
}
