// URL → route. The patterns are core/routes.ts's, in its order; cross-cutting
// behaviour (methods, errors, the pointer, remembered answers) lives at the
// router's edges, and HTTP semantics in http/respond.ts, so routes only say what they answer.
import { Router } from 'itty-router';
import { ApiError, notFound } from '../core/problem.ts';
import { ROUTES, type RouteName } from '../core/routes.ts';
import { withoutCacheBuster } from '../core/query-params.ts';
import { cachedReply, rememberReply } from './http/rendered-cache.ts';
import { ALLOWED_METHODS, preflight, type Reply, respond, respondProblem } from './http/respond.ts';
import { DOCUMENTS } from '../core/paths.ts';
import { documentRoute } from './routes/documents.ts';
import { apiIndexRoute } from './routes/api-index.ts';
import { diffRoute, releaseRoute, releasesRoute } from './routes/releases.ts';
import { schemaRoute } from './routes/schemas.ts';
import { rowRoute, tableRoute } from './routes/tables.ts';
import type { Asked } from './routes/asked.ts';
import { type Env, loadPointer } from './kv/store.ts';
import type { Pointer } from '../core/release-types.ts';
import { PAGE_SUFFIX, PAGE_TYPE, prefersPage, splitView } from '../core/negotiate.ts';
import { renderProblemPage } from './pages/problem-page.ts';
import { PAGE_HEADERS } from './routes/table-pages.ts';

/** Whether the error should be a page: the URL asks for one, or it names no format and the client prefers HTML. */
function wantsPage(request: Request): boolean {
  const [, view] = splitView(new URL(request.url).pathname);
  return view ? view === PAGE_SUFFIX : prefersPage(request.headers.get('Accept'));
}

/** `seen`: the pointer as the request began; every route answers from it, and a remembered answer is filed under it. */
type Req = Request & { params: Record<string, string>; seen?: Pointer };

const DOCUMENT_FILES: readonly string[] = Object.values(DOCUMENTS).map((d) => d.file);
const isDocument = (segment: string) => DOCUMENT_FILES.includes(segment) && segment !== DOCUMENTS.landing.file;
const pinned = (p: Record<string, string>) => ({ version: p.version! });

/** One handler per route: a route in core/routes.ts without one does not compile. */
const HANDLERS: Record<RouteName, (asked: Asked, p: Record<string, string>) => Promise<Reply>> = {
  landing: (a) => documentRoute(a, 'latest', DOCUMENTS.landing.file),
  index: (a) => apiIndexRoute(a),
  releases: (a) => releasesRoute(a, 'releases'),
  releasesAs: (a, p) => releasesRoute(a, `releases.${p.format}`),
  release: (a, p) => releaseRoute(a, p.version!),
  diff: (a, p) => diffRoute(a, p.version!, p.to!),
  pinnedSchema: (a, p) => schemaRoute(a, pinned(p), p.table!),
  pinnedResource: (a, p) => (isDocument(p.table!) ? documentRoute(a, pinned(p), p.table!) : tableRoute(a, pinned(p), p.table!)),
  pinnedRow: (a, p) => rowRoute(a, pinned(p), p.table!, p.id!),
  schema: (a, p) => schemaRoute(a, 'latest', p.table!),
  resource: (a, p) => (isDocument(p.table!) ? documentRoute(a, 'latest', p.table!) : tableRoute(a, 'latest', p.table!)),
  row: (a, p) => rowRoute(a, 'latest', p.table!, p.id!),
};

export const router = Router<Req, [Env]>({
  before: [
    (request) => {
      if (request.method === 'OPTIONS') return preflight();
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new ApiError(405, 'Method Not Allowed', `This API is read-only: use ${ALLOWED_METHODS}.`, { headers: { Allow: ALLOWED_METHODS } });
      }
    },
    async (request, env) => {
      request.seen = await loadPointer(env);
      const cached = cachedReply(request, request.seen);
      // Answered here, a remembered answer is not remembered again on the way out.
      return cached && respond(request, cached);
    },
  ],
  catch: (error: unknown, request: Req) => {
    const problem = error instanceof ApiError ? error : new ApiError(500, 'Internal Server Error', 'Something went wrong on our side.');
    if (!(error instanceof ApiError)) console.error(error);
    // A browser gets the problem as a page it can read; every other client, as problem+json.
    if (wantsPage(request)) return respondProblem(request, problem, { type: PAGE_TYPE, body: renderProblemPage(problem, new URL(request.url).pathname), headers: PAGE_HEADERS });
    return respondProblem(request, problem);
  },
  finally: [
    (result: Response | Reply, request: Req) => {
      if (result instanceof Response) return result;
      rememberReply(request, request.seen!, result);
      return respond(request, result);
    },
  ],
});

for (const [name, pattern] of Object.entries(ROUTES) as [RouteName, string][]) {
  // Routes see the URL without its cache-buster, so no answer depends on it (http/rendered-cache.ts keys the same way).
  router.all(pattern, (request, env) => HANDLERS[name]({ request, env, pointer: request.seen!, url: new URL(withoutCacheBuster(request.url)) }, request.params));
}
router.all('*', (r) => {
  throw notFound(`Nothing lives at ${new URL(r.url).pathname}. Start at / or /v1.`);
});
