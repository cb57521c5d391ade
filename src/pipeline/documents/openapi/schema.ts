// zod → OpenAPI 3.1 Schema Objects. OpenAPI 3.1 schemas are JSON Schema 2020-12,
// so the same converter as the per-table JSON Schemas does the work.
import type * as z from 'zod';
import { jsonSchemaOf } from '../../../schema/json-schema.ts';

export type Json = Record<string, unknown>;

export function oasSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...json } = jsonSchemaOf(schema);
  return json;
}

/** A `$ref` to a component. */
export const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });
