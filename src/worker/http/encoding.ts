// Picks which stored form of a body to send: the build pre-compressed each one
// (br, gzip), so answering `Accept-Encoding` costs no CPU here.
import type { BodyRef, StoredBody } from '../../core/release-types.ts';
import { ENCODINGS, type Encoding } from '../../core/encodings.ts';
import { parseWeighted } from '../../core/q-values.ts';
import { type Body, notModified } from './respond.ts';
import { type Env, loadBytes, streamBytes } from '../kv/store.ts';

/** The codings an Accept-Encoding header names, with their q weights. */
const codingWeights = (header: string) => new Map(parseWeighted(header).map(({ name, q }) => [name, q]));

/** The client's preference among our encodings: highest q wins, br before gzip on a tie. */
export function chooseEncoding(header: string | null, available: readonly Encoding[]): Encoding | undefined {
  if (!header) return undefined;
  const q = codingWeights(header);
  let best: { encoding: Encoding; q: number } | undefined;
  for (const encoding of ENCODINGS) {
    if (!available.includes(encoding)) continue;
    const weight = q.get(encoding) ?? q.get('*') ?? 0;
    if (weight > 0 && (!best || weight > best.q)) best = { encoding, q: weight };
  }
  return best?.encoding;
}

/**
 * What the client accepts. Cloudflare (and workerd) hand the Worker
 * `Accept-Encoding: br, gzip` whatever the client sent, and keep the client's
 * own header in `request.cf.clientAcceptEncoding`.
 */
export function clientAcceptEncoding(request: Request): string | null {
  const original = (request.cf as { clientAcceptEncoding?: unknown } | undefined)?.clientAcceptEncoding;
  return typeof original === 'string' ? original : request.headers.get('Accept-Encoding');
}

/** Whether the client takes any content coding (zstd too, which the edge may use), so that identity bytes may be compressed on the way. */
function takesACoding(header: string | null): boolean {
  return !!header && [...codingWeights(header)].some(([name, q]) => name !== 'identity' && q > 0);
}

/** The form of `stored` to send for this request, and its content coding if any. */
export function storedForm(stored: StoredBody, request: Request): { ref: BodyRef; encoding?: Encoding } {
  const encodings = stored.encodings ?? {};
  const encoding = chooseEncoding(clientAcceptEncoding(request), Object.keys(encodings) as Encoding[]);
  return encoding ? { ref: encodings[encoding]!, encoding } : { ref: stored };
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/**
 * The response body for a stored body, in the form the client accepts. A client
 * that already holds it (If-None-Match) costs no KV read: respond() answers 304.
 */
export async function storedBodyFor(
  request: Request,
  env: Env,
  stored: StoredBody,
  options: { bom?: boolean } = {},
): Promise<Pick<Body, 'body' | 'contentLength' | 'encoding' | 'etag' | 'negotiatedEncoding' | 'bodyless'>> {
  // A byte order mark changes the bytes, so that variant is sent as is.
  const { ref, encoding } = options.bom ? { ref: stored as BodyRef } : storedForm(stored, request);
  const etag = `"${ref.sha256}${options.bom ? '-bom' : ''}"`;
  const negotiatedEncoding = !options.bom && Object.keys(stored.encodings ?? {}).length > 0;
  if (notModified(request, etag)) return { body: '', etag, negotiatedEncoding, bodyless: true };
  // What GET sends, for HEAD to report: certain only if nothing downstream (workerd,
  // Cloudflare's edge) compresses it again, i.e. it is compressed or the client takes no coding.
  const contentLength = encoding || !takesACoding(clientAcceptEncoding(request)) ? ref.bytes + (options.bom ? BOM.length : 0) : undefined;
  const sent = { encoding, etag, negotiatedEncoding, ...(contentLength === undefined ? {} : { contentLength }) };
  // Large bodies stream part by part and are never held whole, with or without the BOM.
  if (ref.parts) return { body: await streamBytes(env, ref, options.bom ? BOM : undefined), ...sent };
  const bytes = await loadBytes(env, ref);
  if (!options.bom) return { body: bytes, ...sent };
  const withBom = new Uint8Array(BOM.length + bytes.length);
  withBom.set(BOM);
  withBom.set(bytes, BOM.length);
  return { body: withBom, ...sent };
}
