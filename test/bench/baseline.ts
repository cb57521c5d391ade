// The baseline: a Worker in the same harness that answers each benchmarked
// request with a constant response of the same size (the real status and
// headers, a body of as many bytes), and does nothing else. It is the limit:
// every figure is reported as a ratio to it. It sends its body the cheapest way
// workerd offers for the size, as the Worker does (src/worker/http/respond.ts): a byte
// array up to STREAM_FROM_BYTES, one streamed chunk from there (measured on a
// 36 MB body: ~12 ms of workerd CPU per response streamed, ~40 ms as an array,
// which workerd copies whole per response).
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import { STREAM_FROM_BYTES } from '../../src/worker/http/respond.ts';

export interface CannedResponse {
  status: number;
  /** The real response's headers, sent as they are: the same bytes on the wire. */
  headers: [string, string][];
  bytes: number;
}

/** How both sides name a request: method, URL, and the headers that change the answer. */
export const requestKey = (path: string, headers: Record<string, string>) =>
  `${path} inm=${headers['If-None-Match'] ? 1 : 0} ae=${headers['Accept-Encoding'] ?? ''}`;

const SCRIPT = `
const bodies = new Map();
export default {
  fetch(request, env) {
    const url = new URL(request.url);
    const key = url.pathname + url.search + ' inm=' + (request.headers.has('If-None-Match') ? 1 : 0) + ' ae=' + (request.cf?.clientAcceptEncoding ?? '');
    const canned = env.ROUTES[key];
    if (!canned) return new Response('no such route ' + key, { status: 404 });
    if (canned.status === 304) return new Response(null, { status: 304, headers: canned.headers });
    let body = bodies.get(key);
    if (!body) bodies.set(key, (body = new Uint8Array(canned.bytes).fill(120)));
    const init = { status: canned.status, headers: canned.headers, encodeBody: 'manual' };
    if (body.byteLength < ${STREAM_FROM_BYTES}) return new Response(body, init);
    const held = body;
    return new Response(new ReadableStream({ expectedLength: held.byteLength, pull(c) { c.enqueue(held); c.close(); } }, { highWaterMark: 0 }), init);
  },
};`;

export async function startBaseline(routes: Record<string, CannedResponse>): Promise<{ origin: string; dispose(): Promise<void> }> {
  const config = unstable_readConfig({ config: new URL('../../wrangler.toml', import.meta.url).pathname });
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      workers: [
        {
          name: 'baseline',
          modules: true,
          script: SCRIPT,
          compatibilityDate: config.compatibility_date,
          compatibilityFlags: config.compatibility_flags,
          bindings: { ROUTES: routes as unknown as Record<string, Record<string, string>> },
        },
      ],
      host: '127.0.0.1',
      port: 0,
    }),
  );
  const url = await mf.ready;
  return { origin: url.origin, dispose: () => mf.dispose() };
}
