// /v1/schemas/{table}.json and /v1/releases/{version}/schemas/{table}.json: JSON Schema per table.
import { paths, type ReleaseRef, schemaFile } from '../../core/paths.ts';
import { tableNamed } from '../table-facts.ts';
import { notFound } from '../../core/problem.ts';
import type { Reply } from '../http/respond.ts';
import { documentRoute } from './documents.ts';
import { splitFormat } from '../../core/formats.ts';
import type { Asked } from './asked.ts';

export function schemaRoute(asked: Asked, ref: ReleaseRef, segment: string): Promise<Reply> {
  const [name, suffix] = splitFormat(segment);
  if (!tableNamed(name)) throw notFound(`There is no table "${name}".`);
  if (suffix === 'csv') throw notFound(`Schemas are JSON: ${paths.schema(ref, name)}.`);
  return documentRoute(asked, ref, schemaFile(name), `This release has no table "${name}".`);
}
