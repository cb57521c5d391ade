// Reads releases from KV. Everything but the pointer is immutable, so each key
// is read at most once per isolate; concurrent misses share one read, kept
// alive by the waitUntil of the request that started it. Everything read is
// checked against a SHA-256 the build wrote after validating it with the zod
// schemas (src/schema/release.ts), so the Worker parses without them.
import { kvKeys } from '../../core/paths.ts';
import type { BodyRef, DocumentsIndex, Manifest, Pointer } from '../../core/release-types.ts';
import { splitChecksum } from '../../core/pointer-text.ts';
import type { QueryIndex } from '../../core/query-index.ts';
import type { Row } from '../../core/table-types.ts';
import { BoundedCache } from '../bounded-cache.ts';
import { unavailable } from '../../core/problem.ts';

export interface Env {
  DATA: KVNamespace;
  /**
   * The current request's ctx.waitUntil. A read shared with other requests must
   * outlive the request that started it: workerd cancels a request's pending
   * I/O when it ends, which would leave the others waiting forever.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** How long an isolate trusts the pointer it read before asking KV again. */
const POINTER_TTL_MS = 30_000;
/** A KV read slower than this is treated as a failure: answer 503 rather than hang. */
export const KV_DEADLINE_MS = 5_000;

const memo = new Map<string, Promise<unknown>>();
let pointerCache: { value: Pointer; at: number } | undefined;
let pointerRead: Promise<Pointer> | undefined;

const settled = () => undefined;

/** Memoises a load; a failed load is forgotten so the next request retries. */
function once<T>(env: Env, key: string, load: () => Promise<T>): Promise<T> {
  let promise = memo.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    memo.set(key, promise);
    promise.catch(() => memo.delete(key));
    env.waitUntil?.(promise.then(settled, settled));
  }
  return promise;
}

/** A KV read that answers within the deadline or fails as "unavailable", however the binding fails. */
async function withDeadline<T>(read: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('deadline')), KV_DEADLINE_MS);
  });
  try {
    // Called in here, so a binding that throws synchronously is caught too.
    return await Promise.race([read(), deadline]);
  } catch {
    throw unavailable('The data store could not be read. Please retry shortly.');
  } finally {
    clearTimeout(timer);
  }
}

async function readBytes(env: Env, key: string): Promise<Uint8Array> {
  const value = await withDeadline(() => env.DATA.get(key, 'arrayBuffer'));
  if (value === null) throw unavailable('Part of this release is not readable yet. Please retry shortly.');
  return new Uint8Array(value);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const readText = async (env: Env, key: string) => decodeText(await readBytes(env, key));

function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw unavailable('Stored data is not valid text. Please retry shortly.');
  }
}

export async function loadPointer(env: Env, now = Date.now()): Promise<Pointer> {
  if (pointerCache && now - pointerCache.at < POINTER_TTL_MS) return pointerCache.value;
  if (pointerRead) return pointerRead;
  pointerRead = readText(env, kvKeys.pointer)
    .then(verifyPointer)
    .then((text) => JSON.parse(text) as Pointer)
    .then((value) => {
      pointerCache = { value, at: now };
      return value;
    })
    .catch((error) => {
      // Keep serving the last pointer we had while KV recovers, and do not ask
      // again for another TTL: every request would otherwise wait out a deadline.
      if (pointerCache) {
        pointerCache = { value: pointerCache.value, at: now };
        return pointerCache.value;
      }
      throw error instanceof SyntaxError ? unavailable('The release pointer is unreadable. Please retry shortly.') : error;
    })
    .finally(() => {
      pointerRead = undefined;
    });
  env.waitUntil?.(pointerRead.then(settled, settled));
  return pointerRead;
}

/**
 * The pointer ends with the SHA-256 of the JSON before it (src/schema/pointer-text.ts):
 * a corrupt pointer that still parses must not move latest, and one without a
 * checksum was not written by a build.
 */
async function verifyPointer(text: string): Promise<string> {
  const split = splitChecksum(text);
  if (!split || (await sha256(split.body)) !== split.sha256) {
    throw unavailable('The release pointer failed its integrity check. Please retry shortly.');
  }
  return text;
}

/** A release's manifest, verified against the hash its pointer entry carries. */
export function loadManifest(env: Env, ref: BodyRef): Promise<Manifest> {
  return once(env, `manifest:${ref.key}:${ref.sha256}`, async () => {
    const parsed = safeJson(await loadBody(env, ref)) as Manifest | undefined;
    if (!parsed) throw unavailable('The manifest of this release is unreadable. Please retry shortly.');
    return parsed;
  });
}

/** One stored value, checked against its hash and size so corrupt bytes are never served. */
async function readVerified(env: Env, ref: { key: string; sha256: string; bytes: number }): Promise<Uint8Array> {
  const bytes = await readBytes(env, ref.key);
  if (bytes.byteLength !== ref.bytes || (await sha256(bytes)) !== ref.sha256) {
    // Worth an alert: KV returned bytes other than the ones published under this key.
    console.error(`integrity check failed for ${ref.key}: ${bytes.byteLength} bytes, expected ${ref.bytes}`);
    throw unavailable('Stored data failed its integrity check. Please retry shortly.');
  }
  return bytes;
}

/**
 * A body's bytes exactly as built, verified, read at most once per isolate.
 * A parted body is assembled each time and not kept whole (callers keep what
 * they parse from it); streamBytes serves one without ever holding it whole.
 */
export async function loadBytes(env: Env, ref: BodyRef): Promise<Uint8Array> {
  if (!ref.parts) return once(env, `bytes:${ref.key}:${ref.sha256}`, () => readVerified(env, ref));
  return loadRange(env, ref, 0, ref.bytes);
}

/**
 * Verified parts of large bodies, kept per isolate up to this many bytes, least
 * recently used out first: a warm isolate streams a large export, or slices rows
 * out of it, without reading KV or hashing again (SHA-256 is most of the CPU a
 * 24 MB export costs), and its memory stays bounded. A body larger than this is
 * read and verified again on each request, part by part.
 */
const parts = new BoundedCache<Promise<Uint8Array>>(48 * 1024 * 1024);

function readPart(env: Env, part: { key: string; sha256: string; bytes: number }): Promise<Uint8Array> {
  const key = `${part.key}:${part.sha256}`;
  const held = parts.get(key);
  if (held) return held;
  const read = readVerified(env, part);
  env.waitUntil?.(read.then(settled, settled));
  parts.set(key, read, part.bytes);
  read.catch(() => {
    if (parts.peek(key) === read) parts.delete(key);
  });
  return read;
}

/**
 * A parted body as a stream, part by part, each verified before it is sent and
 * kept within the part cache's bound. The first part is read before answering,
 * so a body that cannot be read at all is a 503, not a broken 200.
 */
export async function streamBytes(env: Env, ref: BodyRef, prefix?: Uint8Array): Promise<ReadableStream<Uint8Array>> {
  const parts = ref.parts ?? [ref];
  const first = await readPart(env, parts[0]!);
  let next = 1;
  return new ReadableStream<Uint8Array>(
    {
      // Known up front, so the response carries Content-Length instead of being chunked.
      expectedLength: ref.bytes + (prefix?.byteLength ?? 0),
      start(controller) {
        if (prefix) controller.enqueue(prefix);
        controller.enqueue(first);
      },
      async pull(controller) {
        if (next >= parts.length) return controller.close();
        try {
          controller.enqueue(await readPart(env, parts[next++]!));
        } catch (error) {
          // Headers are sent: all that is left is to break the body, never to finish it wrong.
          controller.error(error);
        }
      },
    },
    { highWaterMark: 0 },
  );
}

/** A body as text, for parsing (callers memoise what they parse). */
export async function loadBody(env: Env, ref: BodyRef): Promise<string> {
  return decodeText(await loadBytes(env, ref));
}

/** A release's metadata documents by file name, as the pointer's publication names them. */
export function loadDocumentsIndex(env: Env, ref: BodyRef): Promise<DocumentsIndex> {
  return once(env, `documents:${ref.key}:${ref.sha256}`, async () => {
    const parsed = safeJson(await loadBody(env, ref)) as DocumentsIndex | undefined;
    if (!parsed) throw unavailable('The document index of this release is unreadable. Please retry shortly.');
    return parsed;
  });
}

/** A table's query index as the Worker uses it: offsets and ranks in typed arrays, filter items lower-cased once. */
export interface LoadedIndex {
  rows: number;
  rowOffsets: Int32Array;
  ranks: Record<string, Int32Array>;
  items: Record<string, { lower: string[]; starts: Int32Array; codes: Int32Array }>;
  ids?: string[];
  search?: { text: string; starts: Int32Array };
}

/** A table's query index (src/schema/query-index.ts), read and prepared once per isolate. */
export function loadQueryIndex(env: Env, ref: BodyRef | undefined): Promise<LoadedIndex> {
  // Only a manifest from before query indexes lacks one: its release needs publishing again.
  if (!ref) return Promise.reject(unavailable('This release has no query index yet. Please retry shortly.'));
  return once(env, `index:${ref.key}:${ref.sha256}`, async () => {
    const index = safeJson(await loadBody(env, ref)) as QueryIndex | undefined;
    if (!index) throw unavailable('The query index of this table is unreadable. Please retry shortly.');
    const ints = (values: number[]) => Int32Array.from(values);
    return {
      rows: index.rowOffsets.length - 1,
      rowOffsets: ints(index.rowOffsets),
      ranks: Object.fromEntries(Object.entries(index.ranks).map(([column, ranks]) => [column, ints(ranks)])),
      items: Object.fromEntries(
        Object.entries(index.items).map(([column, it]) => [column, { lower: it.values.map((v) => v.toLowerCase()), starts: ints(it.starts), codes: ints(it.codes) }]),
      ),
      ...(index.ids ? { ids: index.ids } : {}),
      ...(index.search ? { search: { text: index.search.text, starts: ints(index.search.starts) } } : {}),
    };
  });
}

/**
 * Rows by position, parsed from their byte ranges in the table's JSON body: only
 * the rows asked for are parsed. A parted body's parts come through the part cache.
 */
export async function loadRowsAt(env: Env, ref: BodyRef, index: LoadedIndex, positions: readonly number[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const i of positions) {
    const bytes = await loadRange(env, ref, index.rowOffsets[i]!, index.rowOffsets[i + 1]! - 1);
    const row = safeJson(decodeText(bytes)) as Row | undefined;
    if (!row) throw unavailable('A row of this table could not be read. Please retry shortly.');
    rows.push(row);
  }
  return rows;
}

async function loadRange(env: Env, ref: BodyRef, start: number, end: number): Promise<Uint8Array> {
  if (!ref.parts) return (await loadBytes(env, ref)).subarray(start, end);
  const out = new Uint8Array(end - start);
  let partStart = 0;
  for (const part of ref.parts) {
    const partEnd = partStart + part.bytes;
    if (partEnd > start && partStart < end) {
      const bytes = await readPart(env, part);
      const from = Math.max(start, partStart);
      out.set(bytes.subarray(from - partStart, Math.min(end, partEnd) - partStart), from - start);
    }
    partStart = partEnd;
  }
  return out;
}

export async function sha256(data: string | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', typeof data === 'string' ? new TextEncoder().encode(data) : data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** For tests: forget everything this isolate has read. */
export function clearStoreMemo(): void {
  memo.clear();
  parts.clear();
  pointerCache = undefined;
  pointerRead = undefined;
}
