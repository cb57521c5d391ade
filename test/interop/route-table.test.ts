// The route table (src/core/routes.ts) is what the router matches and what the
// OpenAPI document lists: every route is documented, and every documented path
// is routed by the route it was written from, none earlier in the table.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROUTES, type RouteName } from '../../src/core/routes.ts';
import { type RunningWorker, startWorker } from '../harness/worker.ts';

let worker: RunningWorker;
let documented: string[];
beforeAll(async () => {
  worker = await startWorker();
  documented = Object.keys(((await (await worker.fetch('/v1/openapi.json')).json()) as { paths: object }).paths);
});
afterAll(() => worker?.dispose());

/** itty-router's reading of a pattern: each `:name` is one non-empty segment part without `/`. */
const matcher = (pattern: string) => new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/:[a-z]+/g, '[^/]+')}$`);
const firstRoute = (path: string) => (Object.keys(ROUTES) as RouteName[]).find((name) => matcher(ROUTES[name]).test(path));

it('documents every route of the table, and nothing the router would not route', () => {
  const routed = new Map<RouteName, string[]>();
  for (const path of documented) {
    const name = firstRoute(path);
    expect(name, `${path} matches no route`).toBeDefined();
    routed.set(name!, [...(routed.get(name!) ?? []), path]);
  }
  expect([...routed.keys()].sort()).toEqual(Object.keys(ROUTES).sort());
});

it('routes a documented path by the route whose pattern it fills', () => {
  expect(firstRoute('/v1/releases/{version}/cases/{case_id}.csv')).toBe('pinnedRow');
  expect(firstRoute('/v1/releases/{version}/schemas/{table}.json')).toBe('pinnedSchema');
  expect(firstRoute('/v1/releases/{version}/diff/{to}.csv')).toBe('diff');
  expect(firstRoute('/v1/releases.{format}')).toBe('releasesAs');
  expect(firstRoute('/v1/datapackage.json')).toBe('resource');
  expect(firstRoute('/v1/nothing/here/at/all')).toBeUndefined();
});
