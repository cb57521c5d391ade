// JSON Schema (draft 2020-12) of one table's rows, derived from its zod schema.
import * as z from 'zod';
import { paths } from '../paths.ts';
import type { Table } from './table.ts';

export function tableJsonSchema(table: Table, origin: string, version: string): Record<string, unknown> {
  const schema = z.toJSONSchema(table.schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: `${origin}${paths.schema({ version }, table.name)}`,
    title: table.title,
    description: table.description,
  };
}
