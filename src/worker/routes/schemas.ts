// /v1/schemas/{table}.json and /v1/releases/{version}/schemas/{table}.json: JSON Schema per table.
import { kvKeys, type ReleaseRef } from '../../paths.ts';
import { tableNamed } from '../../schema/tables.ts';
import { notFound } from '../problem.ts';
import { resolveRelease } from '../resolve.ts';
import { type Body, httpDate } from '../respond.ts';
import { type Env, loadDocument, sha256 } from '../store.ts';
import { splitFormat } from './tables.ts';

export async function schemaRoute(request: Request, env: Env, ref: ReleaseRef, segment: string): Promise<Body> {
  const [name] = splitFormat(segment);
  if (!tableNamed(name)) throw notFound(`There is no table "${name}".`);
  const resolved = await resolveRelease(env, ref);
  const body = await loadDocument(env, kvKeys.schema(resolved.manifest.version, name));
  if (body === null) throw notFound(`Release ${resolved.manifest.version} has no table "${name}".`);
  return {
    body,
    contentType: 'application/schema+json',
    etag: `"${await sha256(body)}"`,
    freshness: resolved.freshness,
    lastModified: httpDate(resolved.manifest.date),
    headers: { 'X-Release-Version': resolved.manifest.version },
  };
}
