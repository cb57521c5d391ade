// A table is its zod schema plus the few facts about it that no schema
// language carries: keys, the query filters it offers, how it sorts.
import * as z from 'zod';
import type { Column, ColumnKind, ForeignKey, LabelField, TableFacts } from '../core/table-types.ts';
import { inRelease } from '../core/columns-as-of.ts';

type Key<Shape> = keyof Shape & string;

export interface TableSpec<Name extends string, Shape extends z.core.$ZodShape> {
  name: Name;
  title: string;
  description: string;
  schema: z.ZodObject<Shape>;
  primaryKey: readonly Key<Shape>[];
  /** Column addressed by `/v1/{table}/{id}`; tables without one have no row URLs. */
  rowPath?: Key<Shape>;
  foreignKeys?: ForeignKey[];
  /** Query parameter → column it matches exactly (list columns match any item). */
  filters: Record<string, Key<Shape>>;
  /** Columns searched by `?q=`. */
  search?: readonly Key<Shape>[];
  /** The build makes the whole table; there is no source file for it. */
  derived?: boolean;
  /** Columns the build fills in; source files leave them out. */
  derivedColumns?: readonly Key<Shape>[];
  /** What `labels=true` shows beside this table's id where another table cites it. */
  label?: readonly (LabelField & { column: Key<Shape> })[];
}

/** Any table; the registry (src/schema/registry.ts) keeps each one's own name and row type. */
export type Table = ReturnType<typeof defineTable<string, z.core.$ZodShape>>;

export function tableFacts(table: Table): TableFacts {
  const { name, title, description, primaryKey, rowPath, filters, search, columns, label, references } = table;
  return {
    name,
    title,
    description,
    primaryKey,
    ...(rowPath ? { rowPath } : {}),
    filters,
    search,
    columns,
    ...(references ? { references } : {}),
    ...(label ? { label: label as readonly LabelField[] } : {}),
  };
}
/** A single-column foreign key, or a list whose items reference a table: the ids labels name. */
function referencesOf(foreignKeys: readonly ForeignKey[], columns: readonly Column[]): Record<string, string> | undefined {
  const references = Object.fromEntries([
    ...foreignKeys.filter((k) => k.fields.length === 1).map((k) => [k.fields[0]!, k.reference.resource]),
    ...columns.filter((c) => c.references).map((c) => [c.name, c.references!.resource]),
  ]);
  return Object.keys(references).length ? references : undefined;
}

export function defineTable<const Name extends string, Shape extends z.core.$ZodShape>(spec: TableSpec<Name, Shape>) {
  const columns = columnsOf(spec.schema);
  return {
    ...spec,
    references: referencesOf(spec.foreignKeys ?? [], columns),
    // Column names widen to string for generic code; each row's type keeps them (RowOf).
    rowPath: spec.rowPath as string | undefined,
    primaryKey: spec.primaryKey as readonly string[],
    filters: spec.filters as Record<string, string>,
    foreignKeys: spec.foreignKeys ?? [],
    search: (spec.search ?? []) as readonly string[],
    derived: spec.derived ?? false,
    derivedColumns: (spec.derivedColumns ?? []) as readonly string[],
    columns,
  };
}

const asOf = new Map<string, Table>();

/**
 * The table as release `version` has it: without the columns added after it
 * (a field's `.meta({ since })`), in its schema, columns, filters and search.
 */
export function tableAsOf(table: Table, version: string): Table {
  const later = table.columns.filter((c) => !inRelease(c, version)).map((c) => c.name);
  if (later.length === 0) return table;
  const key = `${table.name}@${version}`;
  let held = asOf.get(key);
  if (!held) {
    const keep = (name: string) => !later.includes(name);
    held = {
      ...table,
      schema: table.schema.omit(Object.fromEntries(later.map((name) => [name, true]))),
      columns: table.columns.filter((c) => keep(c.name)),
      filters: Object.fromEntries(Object.entries(table.filters).filter(([, column]) => keep(column))),
      search: table.search.filter(keep),
      derivedColumns: table.derivedColumns.filter(keep),
    };
    asOf.set(key, held);
  }
  return held;
}

/** Reads each field's kind off the zod schema, so no table lists its columns twice. */
export function columnsOf(schema: z.ZodObject): Column[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    let inner = field as z.ZodType;
    let nullable = false;
    if (inner instanceof z.ZodNullable) {
      nullable = true;
      inner = inner.unwrap() as z.ZodType;
    }
    const meta = { ...z.globalRegistry.get(field as z.ZodType), ...z.globalRegistry.get(inner) };
    if (typeof meta.description !== 'string') throw new Error(`column ${name} has no description`);
    const column: Column = { name, kind: kindOf(inner, name), nullable, description: meta.description };
    if (inner instanceof z.ZodEnum) column.values = inner.options as string[];
    if (meta.categories) column.labels = meta.categories as Record<string, string>;
    if (meta.references) column.references = meta.references as Column['references'];
    if (typeof meta.since === 'string') column.since = meta.since;
    return column;
  });
}

function kindOf(field: z.ZodType, name: string): ColumnKind {
  if (field instanceof z.ZodArray) return 'list';
  if (field instanceof z.ZodISODate) return 'date';
  if (field instanceof z.ZodNumber) return field.format === 'safeint' ? 'integer' : 'number';
  if (field instanceof z.ZodString || field instanceof z.ZodStringFormat || field instanceof z.ZodEnum) return 'string';
  throw new Error(`column ${name}: unsupported zod type ${field.constructor.name}`);
}
