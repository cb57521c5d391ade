// Reads releases from KV (one module a job: env, reads, memo, pointer, bodies,
// query-index). Everything read is checked against a SHA-256 the build wrote
// after validating it with the zod schemas (src/schema/release.ts), so the
// Worker parses without them.
import { clearParts } from './bodies.ts';
import { clearMemo } from './memo.ts';
import { clearPointer } from './pointer.ts';

export type { Env } from './env.ts';
export { KV_DEADLINE_MS, sha256 } from './reads.ts';
export { loadPointer } from './pointer.ts';
export { loadBody, loadBytes, loadDocumentsIndex, loadManifest, sendableBytes, streamBytes } from './bodies.ts';
export { type IndexNeeds, type Items, type LoadedIndex, loadQueryIndex, loadRowsAt, type Strings, type Words } from './query-index.ts';

/** For tests: forget everything this isolate has read. */
export function clearStoreMemo(): void {
  clearMemo();
  clearParts();
  clearPointer();
}
