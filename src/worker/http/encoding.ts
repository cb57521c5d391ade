// Picks which stored form of a body to send: the build pre-compressed each one
// (br, gzip), so answering `Accept-Encoding` costs no CPU here.
import type { BodyRef, StoredBody } from '../../core/release-types.ts';
import { ENCODINGS, type Encoding } from '../../core/encodings.ts';
import { parseWeighted } from '../../core/q-values.ts';

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
export function takesACoding(header: string | null): boolean {
  return !!header && [...codingWeights(header)].some(([name, q]) => name !== 'identity' && q > 0);
}

/** The form of `stored` to send for this request, and its content coding if any. */
export function storedForm(stored: StoredBody, request: Request): { ref: BodyRef; encoding?: Encoding } {
  const encodings = stored.encodings ?? {};
  const encoding = chooseEncoding(clientAcceptEncoding(request), Object.keys(encodings) as Encoding[]);
  return encoding ? { ref: encodings[encoding]!, encoding } : { ref: stored };
}
