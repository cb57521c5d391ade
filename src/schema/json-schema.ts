// JSON Schema (draft 2020-12) read off zod schemas: per table, and for the
// OpenAPI document. Our own metadata keys (vocabulary labels, references) get
// the `x-` prefix, so strict validators and OpenAPI tools accept the documents.
import * as z from 'zod';
import { paths } from '../core/paths.ts';
import type { Table } from './table.ts';

type Json = Record<string, unknown>;

const EXTENSIONS = { categories: 'x-enumDescriptions', references: 'x-references', since: 'x-since' } as const;

export function jsonSchemaOf(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    // What the API sends and what query parsing produces, not what it reads.
    io: 'output',
    // Transforms (e.g. `bom=1` → true) have no JSON Schema; callers describe those.
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      const node = jsonSchema as Json;
      for (const [key, extension] of Object.entries(EXTENSIONS)) {
        if (key in node) {
          node[extension] = node[key];
          delete node[key];
        }
      }
    },
  }) as Json;
}

export function tableJsonSchema(table: Table, origin: string, version: string): Json {
  return {
    ...jsonSchemaOf(table.schema),
    $id: `${origin}${paths.schema({ version }, table.name)}`,
    title: table.title,
    description: table.description,
  };
}
