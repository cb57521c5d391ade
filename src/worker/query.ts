// Query parameters, parsed by zod against the table's own columns and vocabularies.
import * as z from 'zod';
import type { Table } from '../schema/table.ts';
import { badRequest, type InvalidParam } from './problem.ts';
import type { Format } from '../paths.ts';

/** Ignored on purpose: spreadsheets that cache by URL can add `_=<anything>` to force a refresh. */
export const CACHE_BUSTER = '_';
export const MAX_LIMIT = 10_000;

/** For resources that take no parameters: any but the cache-buster is a 400 naming them. */
export function refuseQuery(url: URL, what: string): void {
  const keys = [...url.searchParams.keys()].filter((k) => k !== CACHE_BUSTER);
  if (keys.length) throw badRequest(`This ${what} takes no query parameters (got: ${keys.join(', ')}).`);
}

export interface TableQuery {
  filters: { column: string; values: string[] }[];
  q?: string;
  sort: { column: string; descending: boolean }[];
  fields?: string[];
  limit?: number;
  offset: number;
  shape: 'envelope' | 'array';
  bom: boolean;
}

const list = (s: string) => s.split(',').map((v) => v.trim()).filter(Boolean);
const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');

function paramSchemas(table: Table, format: Format) {
  const names = table.columns.map((c) => c.name);
  const columnName = z.enum(names as [string, ...string[]]);
  const schemas: Record<string, z.ZodType> = {
    // Each column once: JSON objects cannot repeat a key, so CSV must not either.
    fields: z
      .string()
      .transform(list)
      .pipe(z.array(columnName).min(1).refine((f) => new Set(f).size === f.length, 'name each column at most once')),
    sort: z
      .string()
      .transform(list)
      .pipe(z.array(z.string().regex(/^-?[a-z_0-9]+$/).refine((s) => names.includes(s.replace(/^-/, '')), 'unknown column')).min(1)),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT),
    offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  };
  if (table.search.length) schemas.q = z.string().trim().min(1).max(200);
  if (format === 'json') schemas.shape = z.enum(['envelope', 'array']);
  if (format === 'csv') schemas.bom = flag;
  for (const [param, column] of Object.entries(table.filters)) {
    const values = table.columns.find((c) => c.name === column)?.values;
    const item = values ? z.enum(values as [string, ...string[]]) : z.string().min(1).max(200);
    schemas[param] = z
      .string()
      .transform((s) => list(values ? s.toLowerCase() : s))
      .pipe(z.array(item).min(1).max(100));
  }
  return schemas;
}

/** What each parameter accepts, for error messages and the OpenAPI document. */
export function allowedFor(table: Table, param: string): readonly string[] | string {
  const column = Object.hasOwn(table.filters, param) ? table.filters[param] : undefined;
  if (column) return table.columns.find((c) => c.name === column)?.values ?? 'comma-separated exact values';
  switch (param) {
    case 'fields':
      return table.columns.map((c) => c.name);
    case 'sort':
      return table.columns.flatMap((c) => [c.name, `-${c.name}`]);
    case 'limit':
      return `integer from 1 to ${MAX_LIMIT}`;
    case 'offset':
      return 'integer from 0';
    case 'shape':
      return ['envelope', 'array'];
    case 'bom':
      return ['1', 'true', '0', 'false'];
    default:
      return 'text, 1 to 200 characters';
  }
}

const schemaCache = new Map<string, Record<string, z.ZodType>>();

/** The query parameters a table accepts in a format, by name, as validated here (the OpenAPI document lists them from this). */
export function tableParams(table: Table, format: Format): Readonly<Record<string, z.ZodType>> {
  const cacheKey = `${table.name}.${format}`;
  let schemas = schemaCache.get(cacheKey);
  if (!schemas) schemaCache.set(cacheKey, (schemas = paramSchemas(table, format)));
  return schemas;
}

export function parseTableQuery(table: Table, format: Format, params: URLSearchParams): TableQuery {
  const schemas = tableParams(table, format);
  const allowed = [...Object.keys(schemas), CACHE_BUSTER];
  const invalid: InvalidParam[] = [];
  const parsed: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    if (name === CACHE_BUSTER) continue;
    // Own names only: `?constructor=` or `?__proto__=` must not find Object.prototype's members.
    const schema = Object.hasOwn(schemas, name) ? schemas[name] : undefined;
    if (!schema) {
      invalid.push({ name, reason: `unknown parameter for ${table.name}.${format}`, allowed });
      continue;
    }
    const given = params.getAll(name);
    if (given.length > 1) {
      invalid.push({ name, reason: `given ${given.length} times; give several values once, comma-separated` });
      continue;
    }
    const result = schema.safeParse(given[0]);
    if (result.success) parsed[name] = result.data;
    else invalid.push({ name, reason: result.error.issues.map((i) => i.message).join('; '), allowed: allowedFor(table, name) });
  }
  if (invalid.length) {
    throw badRequest(`Invalid query parameter${invalid.length > 1 ? 's' : ''}: ${invalid.map((i) => i.name).join(', ')}.`, invalid);
  }
  return {
    filters: Object.entries(table.filters)
      .filter(([param]) => parsed[param])
      .map(([param, column]) => ({ column, values: parsed[param] as string[] })),
    ...(parsed.q ? { q: parsed.q as string } : {}),
    sort: ((parsed.sort as string[] | undefined) ?? []).map((s) => ({ column: s.replace(/^-/, ''), descending: s.startsWith('-') })),
    ...(parsed.fields ? { fields: parsed.fields as string[] } : {}),
    ...(parsed.limit ? { limit: parsed.limit as number } : {}),
    offset: (parsed.offset as number | undefined) ?? 0,
    shape: (parsed.shape as 'envelope' | 'array' | undefined) ?? 'envelope',
    bom: (parsed.bom as boolean | undefined) ?? false,
  };
}

/** True when the query asks for the whole table as built, so the pre-rendered body can be served. */
export function isWholeTable(query: TableQuery): boolean {
  return !query.filters.length && !query.q && !query.sort.length && !query.fields && query.limit === undefined && query.offset === 0;
}
