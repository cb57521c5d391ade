// Every URL pattern the Worker answers, written once. The router matches these
// (first match wins, in this order); `paths` fills them in for the links the
// build writes into bodies and for the OpenAPI document's paths, so a route
// the router does not have cannot be linked to or documented.

export const ROUTES = {
  landing: '/',
  index: '/v1',
  releases: '/v1/releases',
  releasesAs: '/v1/releases.:format',
  release: '/v1/releases/:version',
  diff: '/v1/releases/:version/diff/:to',
  pinnedSchema: '/v1/releases/:version/schemas/:table',
  /** A table, or a metadata document (datapackage.json, catalog.jsonld, openapi.json). */
  pinnedResource: '/v1/releases/:version/:table',
  pinnedRow: '/v1/releases/:version/:table/:id',
  schema: '/v1/schemas/:table',
  resource: '/v1/:table',
  row: '/v1/:table/:id',
} as const;
export type RouteName = keyof typeof ROUTES;

type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
/** The path parameters a route's pattern names, e.g. `version | table` for pinnedResource. */
export type RouteParams<N extends RouteName> = Record<ParamsOf<(typeof ROUTES)[N]>, string>;

/** A route's pattern with its parameters put in, as given (callers encode what needs encoding). */
export function routePath<N extends RouteName>(name: N, params: RouteParams<N>): string {
  return ROUTES[name].replace(/:([a-z]+)/g, (_, key: string) => (params as Record<string, string>)[key]!);
}
