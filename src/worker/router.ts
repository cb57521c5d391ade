// URL → route. Cross-cutting behaviour (methods, errors, headers) lives at the
// router's edges, so routes only return bodies.
import { Router } from 'itty-router';
import { ApiError, notFound } from '../core/problem.ts';
import { cachedBody, rememberBody } from './http/rendered-cache.ts';
import { ALLOWED_METHODS, type Body, preflight, respond, respondProblem } from './http/respond.ts';
import { DOCUMENTS } from '../core/paths.ts';
import { documentRoute } from './routes/documents.ts';
import { apiIndexRoute } from './routes/api-index.ts';
import { diffRoute, releaseRoute, releasesRoute } from './routes/releases.ts';
import { schemaRoute } from './routes/schemas.ts';
import { rowRoute, tableRoute } from './routes/tables.ts';
import { type Env, loadPointer } from './kv/store.ts';
import type { Pointer } from '../core/release-types.ts';

type Params = Record<string, string>;
/** `seen`: the pointer as the request began, which a remembered answer is filed under. */
type Req = Request & { params: Params; seen?: Pointer };

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
      const cached = cachedBody(request, request.seen);
      // Answered here, a remembered answer is not remembered again on the way out.
      return cached && respond(request, cached);
    },
  ],
  catch: (error: unknown, request: Req) => {
    if (error instanceof ApiError) return respondProblem(request, error);
    console.error(error);
    return respondProblem(request, new ApiError(500, 'Internal Server Error', 'Something went wrong on our side.'));
  },
  finally: [
    async (result: Response | Body, request: Req, env: Env) => {
      if (result instanceof Response) return result;
      if (request.seen) rememberBody(request, request.seen, result);
      return respond(request, result);
    },
  ],
});

const DOCUMENT_FILES = Object.values(DOCUMENTS).map((d) => d.file);
const isDocument = (segment: string) => DOCUMENT_FILES.includes(segment as never) && segment !== DOCUMENTS.landing.file;

router
  .all('/', (r, env) => documentRoute(r, env, 'latest', DOCUMENTS.landing.file))
  .all('/v1', (_r, env) => apiIndexRoute(env))
  .all('/v1/releases', (r, env) => releasesRoute(r, env, 'releases'))
  .all('/v1/releases.:format', (r, env) => releasesRoute(r, env, `releases.${r.params.format}`))
  .all('/v1/releases/:version', (r, env) => releaseRoute(r, env, r.params.version!))
  .all('/v1/releases/:version/diff/:to', (r, env) => diffRoute(r, env, r.params.version!, r.params.to!))
  .all('/v1/releases/:version/schemas/:table', (r, env) => schemaRoute(r, env, { version: r.params.version! }, r.params.table!))
  .all('/v1/releases/:version/:table', (r, env) =>
    isDocument(r.params.table!)
      ? documentRoute(r, env, { version: r.params.version! }, r.params.table!)
      : tableRoute(r, env, { version: r.params.version! }, r.params.table!),
  )
  .all('/v1/releases/:version/:table/:id', (r, env) => rowRoute(r, env, { version: r.params.version! }, r.params.table!, r.params.id!))
  .all('/v1/schemas/:table', (r, env) => schemaRoute(r, env, 'latest', r.params.table!))
  .all('/v1/:table', (r, env) =>
    isDocument(r.params.table!) ? documentRoute(r, env, 'latest', r.params.table!) : tableRoute(r, env, 'latest', r.params.table!),
  )
  .all('/v1/:table/:id', (r, env) => rowRoute(r, env, 'latest', r.params.table!, r.params.id!))
  .all('*', (r) => {
    throw notFound(`Nothing lives at ${new URL(r.url).pathname}. Start at / or /v1.`);
  });
