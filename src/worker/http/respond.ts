// Turns what a route produced into a Response: caching, validators, CORS and
// security headers, HEAD and 304 — applied here once, never in routes.
import type { Encoding } from '../../core/encodings.ts';
import { CACHE_CONTROL, type Freshness } from '../../core/freshness.ts';
import { ApiError, problemBody } from '../../core/problem.ts';

export interface Body {
  /** A stream only for parted bodies, which are never held whole (nor remembered). */
  body: string | Uint8Array | ReadableStream<Uint8Array>;
  /** What GET sends, in bytes, where that is certain: HEAD reports it as Content-Length. */
  contentLength?: number;
  /** The body is already compressed in this coding (pre-compressed at build time). */
  encoding?: Encoding;
  /** The route had compressed forms to choose from, so caches must key on Accept-Encoding. */
  negotiatedEncoding?: boolean;
  contentType: string;
  /** Strong validator: a hash of exactly these bytes. */
  etag: string;
  /** The route saw the client's If-None-Match match and skipped loading the bytes: good for a 304 only. */
  bodyless?: boolean;
  freshness: Freshness;
  lastModified?: string;
  headers?: Record<string, string>;
}

/** The API is read-only: these are the only methods it answers. */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers':
    'ETag, Link, Last-Modified, Content-Disposition, Content-Location, Retry-After, X-Total-Count, X-Release-Version',
};

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

export function respond(request: Request, result: Body): Response {
  const headers = new Headers({
    ...CORS_HEADERS,
    ...SECURITY_HEADERS,
    'Content-Type': result.contentType,
    ETag: result.etag,
    'Cache-Control': CACHE_CONTROL[result.freshness],
    ...(result.lastModified ? { 'Last-Modified': result.lastModified } : {}),
    ...(result.encoding ? { 'Content-Encoding': result.encoding } : {}),
    ...result.headers,
  });
  if (result.negotiatedEncoding) headers.append('Vary', 'Accept-Encoding');
  if (notModified(request, result.etag)) {
    for (const name of ['Content-Type', 'Content-Disposition', 'Content-Length', 'Content-Encoding']) headers.delete(name);
    return new Response(null, { status: 304, headers });
  }
  if (request.method === 'HEAD') {
    if (result.body instanceof ReadableStream) void result.body.cancel();
    if (result.contentLength !== undefined) headers.set('Content-Length', String(result.contentLength));
    return new Response(null, { status: 200, headers });
  }
  // `manual`: the bytes are already compressed; workerd must send them as they are.
  return new Response(sendable(result.body), { status: 200, headers, ...(result.encoding ? { encodeBody: 'manual' } : {}) });
}

/**
 * Held bodies from this size on go out as a stream of one chunk: workerd copies
 * a byte array given as a body into a new buffer per response, and sends a
 * stream's chunk as it is (a 3.9 MB body: 3.4 against 1.2 ms of workerd CPU per
 * request). Smaller bodies are cheaper as they are (test/bench/baseline.ts).
 */
export const STREAM_FROM_BYTES = 256 * 1024;

function sendable(body: Body['body']): Body['body'] {
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

/** Whether the client already holds this representation: routes ask first, to skip loading the body. */
export function notModified(request: Request, etag: string): boolean {
  return matchesEtag(request.headers.get('If-None-Match'), etag);
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

export function respondProblem(request: Request, error: ApiError): Response {
  const body = problemBody(error, new URL(request.url).pathname);
  return new Response(request.method === 'HEAD' ? null : body, {
    status: error.status,
    headers: { ...CORS_HEADERS, ...SECURITY_HEADERS, 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...error.headers },
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

/** An HTTP-date for the start of a release's date. */
export function httpDate(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toUTCString();
}
