// Bodies by their reference: small ones read once and kept, large ones in parts
// streamed and kept in a bounded cache; manifests and document indexes parsed once.
import { unavailable } from '../../core/problem.ts';
import type { BodyRef, DocumentsIndex, Manifest, StoredPart } from '../../core/release-types.ts';
import { BLOCK_BYTES } from '../../core/query-index.ts';
import { BoundedCache } from '../bounded-cache.ts';
import type { Env } from './env.ts';
import { once } from './memo.ts';
import { decodeText, readBytes, readVerified, safeJson, settled } from './reads.ts';

/** A release's manifest, verified against the hash its pointer entry carries. */
export function loadManifest(env: Env, ref: BodyRef): Promise<Manifest> {
  return once(env, `manifest:${ref.key}:${ref.sha256}`, ref.bytes, async () => {
    const parsed = safeJson(await loadBody(env, ref)) as Manifest | undefined;
    if (!parsed) throw unavailable('The manifest of this release is unreadable. Please retry shortly.');
    return parsed;
  });
}

/**
 * A body's bytes exactly as built, verified, read at most once per isolate.
 * A parted body is assembled each time and not kept whole (callers keep what
 * they parse from it); streamBytes serves one without ever holding it whole.
 */
export async function loadBytes(env: Env, ref: BodyRef): Promise<Uint8Array> {
  if (!ref.parts) return once(env, `bytes:${ref.key}:${ref.sha256}`, ref.bytes, () => readVerified(env, ref));
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

/** A part through the part cache: concurrent misses share one read; a failed read is forgotten. */
function heldRead(env: Env, key: string, bytes: number, read: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const held = parts.get(key);
  if (held) return held;
  const reading = read();
  env.waitUntil?.(reading.then(settled, settled));
  parts.set(key, reading, bytes);
  reading.catch(() => {
    if (parts.peek(key) === reading) parts.delete(key);
  });
  return reading;
}

function readPart(env: Env, part: StoredPart): Promise<Uint8Array> {
  return heldRead(env, `${part.key}:${part.sha256}`, part.bytes, () => readVerified(env, part).then((bytes) => (verifiedWhole.add(bytes), bytes)));
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

/**
 * A body to send, optionally after a prefix (a byte order mark): held bodies as
 * bytes, parted ones as a stream, never held whole.
 */
export async function sendableBytes(env: Env, ref: BodyRef, prefix?: Uint8Array): Promise<Uint8Array | ReadableStream<Uint8Array>> {
  if (ref.parts) return streamBytes(env, ref, prefix);
  const bytes = await loadBytes(env, ref);
  if (!prefix) return bytes;
  const joined = new Uint8Array(prefix.length + bytes.length);
  joined.set(prefix);
  joined.set(bytes, prefix.length);
  return joined;
}

/** A body as text, for parsing (callers memoise what they parse). */
export async function loadBody(env: Env, ref: BodyRef): Promise<string> {
  return decodeText(await loadBytes(env, ref));
}

/** A release's metadata documents by file name, as the pointer's publication names them. */
export function loadDocumentsIndex(env: Env, ref: BodyRef): Promise<DocumentsIndex> {
  return once(env, `documents:${ref.key}:${ref.sha256}`, ref.bytes, async () => {
    const parsed = safeJson(await loadBody(env, ref)) as DocumentsIndex | undefined;
    if (!parsed) throw unavailable('The document index of this release is unreadable. Please retry shortly.');
    return parsed;
  });
}

/**
 * Bytes [start, end) of a body. With `hashes` (a query index's blocks section)
 * the parts are read as stored and only the BLOCK_BYTES blocks the range lies in
 * are verified, not the whole parts: a row costs hashing 64 KiB, not 1 MiB.
 */
export async function loadRange(env: Env, ref: BodyRef, start: number, end: number, hashes?: Uint8Array): Promise<Uint8Array> {
  if (!ref.parts) return (await loadBytes(env, ref)).subarray(start, end);
  const out = new Uint8Array(end - start);
  let partStart = 0;
  for (const part of ref.parts) {
    const partEnd = partStart + part.bytes;
    if (partEnd > start && partStart < end) {
      const from = Math.max(start, partStart) - partStart;
      const to = Math.min(end, partEnd) - partStart;
      const bytes = hashes ? await readRawPart(env, part) : await readPart(env, part);
      if (hashes) await verifyBlocks(part, bytes, hashes, partStart / BLOCK_BYTES, from, to);
      out.set(bytes.subarray(from, to), from + partStart - start);
    }
    partStart = partEnd;
  }
  return out;
}

/**
 * A part's bytes as stored, for a caller that verifies the blocks it uses:
 * a verified copy if one is held, else read and held apart.
 */
function readRawPart(env: Env, part: StoredPart): Promise<Uint8Array> {
  const verified = parts.get(`${part.key}:${part.sha256}`);
  if (verified) return verified;
  return heldRead(env, `raw:${part.key}:${part.sha256}`, part.bytes, () =>
    readBytes(env, part.key).then((bytes) => {
      if (bytes.byteLength !== part.bytes) throw unavailable('Stored data failed its integrity check. Please retry shortly.');
      return bytes;
    }),
  );
}

/** Which blocks of a raw part have been verified, by the part's bytes: a part read again is verified again. */
const verifiedBlocks = new WeakMap<Uint8Array, Uint8Array>();
/** Parts verified whole (readPart), whose blocks need no checking. */
const verifiedWhole = new WeakSet<Uint8Array>();

/** Verifies the blocks of a part that bytes [from, to) of it lie in; `first` is the body's block number of the part's first block. */
async function verifyBlocks(part: StoredPart, bytes: Uint8Array, hashes: Uint8Array, first: number, from: number, to: number): Promise<void> {
  let flags = verifiedBlocks.get(bytes);
  if (!flags) verifiedBlocks.set(bytes, (flags = new Uint8Array(Math.ceil(part.bytes / BLOCK_BYTES)).fill(verifiedWhole.has(bytes) ? 1 : 0)));
  for (let b = Math.floor(from / BLOCK_BYTES); b * BLOCK_BYTES < to; b++) {
    if (flags[b]) continue;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.subarray(b * BLOCK_BYTES, (b + 1) * BLOCK_BYTES)));
    if (!sameBytes(digest, hashes.subarray((first + b) * 32, (first + b + 1) * 32))) {
      console.error(`integrity check failed for ${part.key}: block ${b}`);
      throw unavailable('Stored data failed its integrity check. Please retry shortly.');
    }
    flags[b] = 1;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** For tests: forget every part held. */
export function clearParts(): void {
  parts.clear();
}
