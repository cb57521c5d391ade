// The one place HTTP semantics are decided. A route says what it answers (an
// Answer: rendered text or a stored body, its format, release and freshness);
// prepare() derives every header from that — ETag, Cache-Control, Vary,
// Last-Modified, Content-Disposition, Content-Location, X-Release-Version,
// Link, X-Total-Count — and respond() sends it: 200, HEAD or 304.
import type { Encoding } from '../../core/encodings.ts';
import { CACHE_CONTROL, type Freshness } from '../../core/freshness.ts';
import { ApiError, problemBody } from '../../core/problem.ts';
import type { StoredBody } from '../../core/release-types.ts';
import { clientAcceptEncoding, storedForm, takesACoding } from './encoding.ts';
import { type Env, sendableBytes, sha256 } from '../kv/store.ts';

/** An RFC 8288 link. */
export interface Link {
  href: string;
  rel: string;
  type?: string;
}

/** What a route answers; everything the response says follows from these fields. */
export interface Answer {
  /** Text rendered for this request, or a body the build stored (pre-compressed, maybe parted). */
  content: { text: string } | { stored: StoredBody; bom?: boolean };
  contentType: string;
  freshness: Freshness;
  /** The release these bytes come from (X-Release-Version). */
  version?: string;
  /** The ISO date the bytes are as of (Last-Modified, at midnight UTC). */
  asOf?: string;
  /** The format came from the Accept header, not a suffix: caches must key on Accept. */
  negotiated?: boolean;
  /** Sent as an attachment with this file name. */
  filename?: string;
  /** A latest URL's answer: the pinned URL of the same bytes. */
  contentLocation?: string;
  links?: readonly Link[];
  /** Rows matching the query, before paging (X-Total-Count). */
  total?: number;
  /** Headers particular to one stored document (e.g. the landing page's CSP). */
  headers?: Record<string, string>;
}

/** An answer ready to send, and to remember: the bytes in the form chosen and every header. */
export interface Reply {
  /** A stream only for parted bodies, which are never held whole (nor remembered). */
  body: string | Uint8Array | ReadableStream<Uint8Array>;
  headers: Record<string, string>;
  /** Strong validator: a hash of exactly these bytes. */
  etag: string;
  freshness: Freshness;
  /** The body is already compressed in this coding (pre-compressed at build time). */
  encoding?: Encoding;
  /** What GET sends, in bytes, where that is certain: HEAD reports it as Content-Length. */
  contentLength?: number;
  /** The client's If-None-Match matched, so the bytes were not loaded: good for a 304 only. */
  bodyless?: boolean;
}

/** The API is read-only: these are the only methods it answers. */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers':
    'ETag, Link, Last-Modified, Content-Disposition, Content-Location, Retry-After, X-Total-Count, X-Release-Version, X-Query-Resolved',
};

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Loads (or skips loading) the bytes an answer names, and derives its headers. */
export async function prepare(request: Request, env: Env, answer: Answer): Promise<Reply> {
  const sent = 'text' in answer.content ? await rendered(answer.content.text) : await stored(request, env, answer.content);
  const vary = [answer.negotiated && 'Accept', sent.negotiatedEncoding && 'Accept-Encoding'].filter(Boolean).join(', ');
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    ...SECURITY_HEADERS,
    'Content-Type': answer.contentType,
    ETag: sent.etag,
    'Cache-Control': CACHE_CONTROL[answer.freshness],
    ...(answer.asOf ? { 'Last-Modified': httpDate(answer.asOf) } : {}),
    ...(sent.encoding ? { 'Content-Encoding': sent.encoding } : {}),
    ...(answer.version ? { 'X-Release-Version': answer.version } : {}),
    ...(answer.links?.length ? { Link: linkHeader(answer.links) } : {}),
    ...(answer.contentLocation ? { 'Content-Location': answer.contentLocation } : {}),
    ...(answer.filename ? { 'Content-Disposition': `attachment; filename="${answer.filename}"` } : {}),
    ...(answer.total !== undefined ? { 'X-Total-Count': String(answer.total) } : {}),
    ...(vary ? { Vary: vary } : {}),
    ...answer.headers,
  };
  const { negotiatedEncoding: _, ...reply } = sent;
  return { ...reply, headers, freshness: answer.freshness };
}

const linkValue = (link: Link) => `<${link.href}>; rel="${link.rel}"${link.type ? `; type="${link.type}"` : ''}`;

/**
 * Link headers stay well within the header block the Worker itself accepts
 * (http/limits.ts, 16 KiB), so every client can read the response: links are
 * kept in order while they fit, and a page link that would not fit is left out
 * (the JSON envelope's meta.links.next still carries the next page).
 */
export const MAX_LINK_HEADER = 8 * 1024;

function linkHeader(links: readonly Link[]): string {
  const kept: string[] = [];
  let length = 0;
  for (const link of links) {
    const value = linkValue(link);
    if (length + value.length + 2 > MAX_LINK_HEADER) break;
    kept.push(value);
    length += value.length + 2;
  }
  return kept.join(', ');
}

type Sent = Omit<Reply, 'headers' | 'freshness'> & { negotiatedEncoding?: boolean };

const utf8 = new TextEncoder();

/**
 * Rendered text goes out as identity bytes, which the edge may compress for clients that take a coding: caches must key on Accept-Encoding.
 * Encoded once here, so a remembered answer (a 200 KiB page) is not encoded again for every request that reuses it.
 */
async function rendered(text: string): Promise<Sent> {
  const bytes = utf8.encode(text);
  return { body: bytes, etag: `"${await sha256(bytes)}"`, negotiatedEncoding: true };
}

/** A stored body in the form the client accepts; none at all (no KV read) when it already holds it. */
async function stored(request: Request, env: Env, content: { stored: StoredBody; bom?: boolean }): Promise<Sent> {
  // A byte order mark changes the bytes, so that variant is sent as is.
  const { ref, encoding } = content.bom ? { ref: content.stored } : storedForm(content.stored, request);
  const etag = `"${ref.sha256}${content.bom ? '-bom' : ''}"`;
  const negotiatedEncoding = !content.bom && Object.keys(content.stored.encodings ?? {}).length > 0;
  if (notModified(request, etag)) return { body: '', etag, negotiatedEncoding, bodyless: true };
  // What GET sends, for HEAD to report: certain only if nothing downstream (workerd,
  // Cloudflare's edge) compresses it again, i.e. it is compressed or the client takes no coding.
  const certain = encoding || !takesACoding(clientAcceptEncoding(request));
  return {
    body: await sendableBytes(env, ref, content.bom ? BOM : undefined),
    etag,
    negotiatedEncoding,
    ...(encoding ? { encoding } : {}),
    ...(certain ? { contentLength: ref.bytes + (content.bom ? BOM.length : 0) } : {}),
  };
}

export function respond(request: Request, reply: Reply): Response {
  const headers = new Headers(reply.headers);
  if (notModified(request, reply.etag)) {
    for (const name of ['Content-Type', 'Content-Disposition', 'Content-Length', 'Content-Encoding']) headers.delete(name);
    return new Response(null, { status: 304, headers });
  }
  if (request.method === 'HEAD') {
    if (reply.body instanceof ReadableStream) void reply.body.cancel();
    if (reply.contentLength !== undefined) headers.set('Content-Length', String(reply.contentLength));
    return new Response(null, { status: 200, headers });
  }
  // `manual`: the bytes are already compressed; workerd must send them as they are.
  return new Response(sendable(reply.body), { status: 200, headers, ...(reply.encoding ? { encodeBody: 'manual' } : {}) });
}

/**
 * Held bodies from this size on go out as a stream of one chunk: workerd copies
 * a byte array given as a body into a new buffer per response, and sends a
 * stream's chunk as it is (a 3.9 MB body: 3.4 against 1.2 ms of workerd CPU per
 * request). Smaller bodies are cheaper as they are (test/bench/baseline.ts).
 */
export const STREAM_FROM_BYTES = 256 * 1024;

function sendable(body: Reply['body']): Reply['body'] {
  if (!(body instanceof Uint8Array) || body.byteLength < STREAM_FROM_BYTES) return body;
  return new ReadableStream<Uint8Array>(
    {
      expectedLength: body.byteLength,
      pull(controller) {
        controller.enqueue(body);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Whether the client already holds this representation (If-None-Match, weak comparison). */
export function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get('If-None-Match');
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** `page`: the problem as a page for a browser, which then depends on Accept. */
export function respondProblem(request: Request, error: ApiError, page?: { type: string; body: string; headers: Record<string, string> }): Response {
  const body = page?.body ?? problemBody(error, new URL(request.url).pathname);
  return new Response(request.method === 'HEAD' ? null : body, {
    status: error.status,
    headers: {
      ...CORS_HEADERS,
      ...SECURITY_HEADERS,
      'Content-Type': page?.type ?? 'application/problem+json',
      'Cache-Control': 'no-store',
      ...(page ? { ...page.headers, Vary: 'Accept' } : {}),
      ...error.headers,
    },
  });
}

export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      ...SECURITY_HEADERS,
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': 'Accept, If-None-Match, If-Modified-Since, Cache-Control',
      'Access-Control-Max-Age': '86400',
      Allow: ALLOWED_METHODS,
    },
  });
}

/** An HTTP-date for the start of an ISO date. */
function httpDate(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toUTCString();
}
