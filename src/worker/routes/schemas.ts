// /v1/schemas/{table}.json and /v1/releases/{version}/schemas/{table}.json: JSON Schema per table.
import { paths, type ReleaseRef, schemaFile } from '../../core/paths.ts';
import { tableNamed } from '../table-facts.ts';
import { notFound } from '../../core/problem.ts';
import type { Body } from '../http/respond.ts';
import type { Env } from '../kv/store.ts';
import { documentRoute } from './documents.ts';
import { splitFormat } from '../../core/formats.ts';

export function schemaRoute(request: Request, env: Env, ref: ReleaseRef, segment: string): Promise<Body> {
  const [name, suffix] = splitFormat(segment);
  if (!tableNamed(name)) throw notFound(`There is no table "${name}".`);
  if (suffix === 'csv') throw notFound(`Schemas are JSON: ${paths.schema(ref, name)}.`);
  return documentRoute(request, env, ref, schemaFile(name), `This release has no table "${name}".`);
}
