// Frictionless Table Schema (v2) of one table, read off its zod schema: the
// same patterns, bounds and vocabularies the build validated the rows with.
import * as z from 'zod';
import { LIST_DELIMITER } from '../../core/list-delimiter.ts';
import type { Column } from '../../core/table-types.ts';
import type { Table } from '../../schema/table.ts';

export const TABLE_SCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json';

type Json = Record<string, unknown>;

export function tableSchema(table: Table): Json {
  const single = table.primaryKey.length === 1 ? table.primaryKey[0] : undefined;
  return {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: table.columns.map((column) => field(table, column, column.name === single)),
    // An empty cell is null, in every column: the CSV writer renders null as ''.
    missingValues: [''],
    primaryKey: [...table.primaryKey],
    ...(table.foreignKeys.length
      ? { foreignKeys: table.foreignKeys.map((fk) => ({ fields: [...fk.fields], reference: { resource: fk.reference.resource, fields: [...fk.reference.fields] } })) }
      : {}),
  };
}

function field(table: Table, column: Column, unique: boolean): Json {
  const json = fieldJsonSchema(table, column.name);
  const constraints: Json = {};
  // An empty list is written as an empty cell, which reads back as missing:
  // only lists that may not be empty can be required.
  const mayBeEmpty = column.kind === 'list' && !(typeof json.minItems === 'number' && json.minItems > 0);
  if (!column.nullable && !mayBeEmpty) constraints.required = true;
  if (unique) constraints.unique = true;
  if (column.values) constraints.enum = [...column.values];
  // Data Package 2.0's published profile lacks the `list` type its spec defines
  // (frictionlessdata/datapackage#1089, fixed for 2.1), so validators built on it
  // refuse `list`. Until then a list is a string whose pattern is the joined items.
  const out: Json = { name: column.name, type: column.kind === 'list' ? 'string' : column.kind, description: describe(column) };
  if (column.kind === 'list') {
    const item = (json.items as Json | undefined)?.pattern;
    if (typeof item === 'string') {
      const one = `(${xsdPattern(item)})`;
      constraints.pattern = `${one}(${escapeXsd(LIST_DELIMITER)}${one})*`;
    }
  } else {
    if (typeof json.pattern === 'string' && column.kind === 'string' && !column.values) constraints.pattern = xsdPattern(json.pattern);
    if (typeof json.minimum === 'number') constraints.minimum = json.minimum;
    if (typeof json.maximum === 'number' && json.maximum < Number.MAX_SAFE_INTEGER) constraints.maximum = json.maximum;
    if (json.format === 'uri') out.format = 'uri';
  }
  const labels = column.labels;
  if (labels) out.categories = Object.entries(labels).map(([value, label]) => ({ value, label }));
  if (Object.keys(constraints).length) out.constraints = constraints;
  return out;
}

function describe(column: Column): string {
  if (column.kind !== 'list') return column.description ?? '';
  const items = column.references ? `each is a ${column.references.resource}.${column.references.field}` : 'in order';
  return `${column.description}. A list: items are separated by "${LIST_DELIMITER}", ${items}.`;
}

const escapeXsd = (literal: string) => literal.replace(/[.\\?*+{}()[\]|^$-]/g, '\\$&');

/** The JSON Schema zod derives for one column, with nullability unwrapped. */
function fieldJsonSchema(table: Table, name: string): Json {
  let schema = table.schema.shape[name] as z.ZodType;
  if (schema instanceof z.ZodNullable) schema = schema.unwrap() as z.ZodType;
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Json;
}

/**
 * Table Schema patterns are XML Schema regular expressions: implicitly anchored,
 * no `(?:`. Our zod patterns are anchored JavaScript ones; translate, and refuse
 * anything that would change meaning.
 */
export function xsdPattern(js: string): string {
  if (!js.startsWith('^') || !js.endsWith('$')) throw new Error(`pattern ${js} must be anchored`);
  const body = js.slice(1, -1).replaceAll('(?:', '(');
  if (/\(\?|\\[bBdDwWsS]|[^\\]\$|[^\\[]\^/.test(body)) throw new Error(`pattern ${js} uses syntax XML Schema lacks`);
  return body;
}
