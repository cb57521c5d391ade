// Rendered answers, kept per isolate: a repeated request skips routing, query
// parsing and release resolution and goes straight to respond(). Every answer
// is a pure function of the pointer, the URL and the two negotiated headers,
// so an entry is reused only while the isolate holds the same pointer.
import { ENCODINGS } from '../schema/release.ts';
import { chooseEncoding, clientAcceptEncoding } from './encoding.ts';
import type { Body } from './respond.ts';
import { type Env, loadPointer } from './store.ts';

type Pointer = Awaited<ReturnType<typeof loadPointer>>;

/** Enough for every table × format × encoding of a few releases plus common queries. */
const MAX_ENTRIES = 512;
const entries = new Map<string, { pointer: Pointer; body: Body }>();

function keyOf(request: Request): string {
  const encoding = chooseEncoding(clientAcceptEncoding(request), ENCODINGS) ?? '';
  return `${request.url}\n${request.headers.get('Accept') ?? ''}\n${encoding}`;
}

export async function cachedBody(request: Request, env: Env): Promise<Body | undefined> {
  const entry = entries.get(keyOf(request));
  if (!entry) return undefined;
  // The pointer is itself memoised (with a TTL), so this is usually no KV read.
  if (entry.pointer !== (await loadPointer(env))) return undefined;
  return entry.body;
}

/**
 * Keeps an answer for reuse. Not kept: answers to conditional requests (their
 * body may be left empty for a 304), fallbacks, which are meant to be retried,
 * and streamed bodies.
 */
export async function rememberBody(request: Request, env: Env, body: Body): Promise<void> {
  if (request.headers.has('If-None-Match') || body.freshness === 'short' || body.freshness === 'none') return;
  // A stream can be sent once; parted bodies are read from KV each time by design.
  if (body.body instanceof ReadableStream) return;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(keyOf(request), { pointer: await loadPointer(env), body });
}

/** For tests: forget every rendered answer. */
export function clearRenderedCache(): void {
  entries.clear();
}
