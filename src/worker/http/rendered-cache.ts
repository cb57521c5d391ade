// Rendered answers, kept per isolate: a repeated request skips routing, query
// parsing and release resolution and goes straight to respond(). Every answer
// is a pure function of the pointer, the URL and the two negotiated headers.
// An answer is filed under the pointer its request began with, and reused only
// while the isolate still holds that pointer: one rendered from a newer pointer
// read mid-request can then only miss, never be served as current for an older one.
import { BoundedCache } from '../bounded-cache.ts';
import { clientAcceptEncoding } from './encoding.ts';
import { notModified, type Reply } from './respond.ts';
import type { Pointer } from '../../core/release-types.ts';
import { withoutCacheBuster } from '../../core/query-params.ts';

/** Enough for every table × format × encoding of a few releases plus common queries. */
const MAX_ENTRIES = 512;
/** Bodies are mostly shared with the store's memo, but filtered answers are not: bound them. */
const MAX_BYTES = 16 * 1024 * 1024;
const entries = new BoundedCache<{ pointer: Pointer; reply: Reply }>(MAX_BYTES, MAX_ENTRIES);

/** What an entry holds: its body, its headers and its key, all counted toward the bound. */
function sizeOf(key: string, reply: Reply): number {
  const body = typeof reply.body === 'string' ? reply.body.length * 2 : reply.body instanceof Uint8Array ? reply.body.byteLength : 0;
  let headers = 0;
  for (const [name, value] of Object.entries(reply.headers)) headers += (name.length + value.length) * 2;
  return body + headers + key.length * 2;
}

function keyOf(request: Request): string {
  // The client's own header, as it is: which encoding a body is sent in depends on
  // the encodings that body has, so the header cannot be reduced to one choice here.
  // The cache-buster changes nothing in an answer (routes never see it), so it changes no key.
  return `${withoutCacheBuster(request.url)}\n${request.headers.get('Accept') ?? ''}\n${clientAcceptEncoding(request) ?? ''}`;
}

export function cachedReply(request: Request, pointer: Pointer): Reply | undefined {
  const entry = entries.peek(keyOf(request));
  if (!entry || entry.pointer !== pointer) return undefined;
  // A bodyless answer can only say "not modified": anyone else needs the route.
  return entry.reply.bodyless && !notModified(request, entry.reply.etag) ? undefined : entry.reply;
}

/**
 * Keeps an answer for reuse. A bodyless one (a 304's) is kept so that clients
 * revalidating the same URL skip the route too, but never in place of a whole
 * one. Not kept: fallbacks, which are meant to be retried, and streamed bodies.
 */
export function rememberReply(request: Request, pointer: Pointer, reply: Reply): void {
  if (reply.freshness === 'short' || reply.freshness === 'none') return;
  // A stream can be sent once; parted bodies are read from KV each time by design.
  if (reply.body instanceof ReadableStream) return;
  const key = keyOf(request);
  const held = entries.peek(key);
  if (reply.bodyless && held?.pointer === pointer && !held.reply.bodyless) return;
  entries.set(key, { pointer, reply }, sizeOf(key, reply));
}

/** For tests: the bytes the answers held count for (bodies, headers and keys). */
export function renderedCacheBytes(): number {
  return entries.heldBytes;
}

/** For tests: forget every rendered answer. */
export function clearRenderedCache(): void {
  entries.clear();
}
