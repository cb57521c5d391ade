// Query parameters. What each accepts is plain data derived from the table's
// columns (ParamSpec): the Worker validates against it here, and the OpenAPI
// document describes each parameter from the same spec.
import type { TableFacts } from './table-types.ts';
import { badRequest, type InvalidParam } from './problem.ts';
import type { Format } from './formats.ts';
import { fold } from './cells.ts';
import { insteadOf } from './query-hints.ts';
import { joinLists, splitList } from './list-values.ts';
import { LIST_DELIMITER } from './list-delimiter.ts';
export { splitList } from './list-values.ts';

/** Ignored on purpose: spreadsheets that cache by URL can add `_=<anything>` to force a refresh. */
export const CACHE_BUSTER = '_';
export const MAX_LIMIT = 10_000;
/** A sort key for searches: `sort=relevance`, the rows that match the words of q best first (BM25). */
export const RELEVANCE = 'relevance';
const MAX_TEXT = 200;
const MAX_VALUES = 100;
/** Invalid parameters a 400 names one by one; past this many it says how many more. */
const MAX_REPORTED = 20;

/** For resources that take no parameters: any but the cache-buster is a 400 naming them. */
export function refuseQuery(url: URL, what: string): void {
  const keys = [...new Set(url.searchParams.keys())].filter((k) => k !== CACHE_BUSTER);
  const more = keys.length - MAX_REPORTED;
  if (keys.length) throw badRequest(`This ${what} takes no query parameters (got: ${keys.slice(0, MAX_REPORTED).join(', ')}${more > 0 ? `, and ${more} more` : ''}).`);
}

export interface TableQuery {
  filters: { column: string; values: string[] }[];
  /** Ranges: `value_gt=100` keeps rows whose value is more than 100; an empty cell never matches. */
  bounds: { column: string; op: BoundOp; value: number | string }[];
  /** Counts per value of these filters' columns (facet=param,param), under every other filter. */
  facets: { param: string; column: string }[];
  q?: string;
  sort: { column: string; descending: boolean }[];
  fields?: string[];
  limit?: number;
  offset: number;
  shape: 'envelope' | 'array';
  bom: boolean;
  /** Names beside the ids each row cites (src/core/labels.ts). */
  labels: boolean;
}

export type BoundOp = 'gt' | 'gte' | 'lt' | 'lte';
export const BOUND_OPS: Record<BoundOp, string> = { gt: 'more than', gte: 'at least', lt: 'less than', lte: 'at most' };

/** What one parameter accepts. */
export type ParamSpec =
  /** One end of a range on a number or date column. */
  | { type: 'bound'; kind: 'number' | 'date'; column: string; op: BoundOp }
  /** Comma-separated values, each one of `values` or free text; `caseless` lower-cases them first. */
  | { type: 'list'; values?: readonly string[]; maxLength?: number; maxItems?: number; unique?: boolean; uniqueBy?: 'column'; caseless?: boolean; separators?: string }
  | { type: 'integer'; minimum: number; maximum: number }
  | { type: 'text'; maxLength: number }
  | { type: 'choice'; values: readonly string[] };

function paramSpecs(table: TableFacts, format: Format): Record<string, ParamSpec> {
  const names = table.columns.map((c) => c.name);
  const specs: Record<string, ParamSpec> = {
    // Each column once: JSON objects cannot repeat a key, so CSV must not either.
    fields: { type: 'list', values: names, unique: true },
    // Each column once, either way: the work of a sort is bounded by the table's width.
    // And `relevance` (most relevant first) where the table is searchable; no column has that name.
    sort: { type: 'list', values: [...names.flatMap((n) => [n, `-${n}`]), ...(table.search.length ? [RELEVANCE] : [])], unique: true, uniqueBy: 'column', maxItems: names.length + 1 },
    limit: { type: 'integer', minimum: 0, maximum: MAX_LIMIT }, // 0: the total and facets alone, as Datasette's _size=0
    offset: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  };
  if (table.search.length) specs.q = { type: 'text', maxLength: MAX_TEXT };
  for (const column of table.columns) {
    if (column.kind !== 'integer' && column.kind !== 'number' && column.kind !== 'date') continue;
    for (const op of Object.keys(BOUND_OPS) as BoundOp[]) specs[`${column.name}_${op}`] = { type: 'bound', kind: column.kind === 'date' ? 'date' : 'number', column: column.name, op };
  }
  const filterNames = Object.keys(table.filters);
  if (filterNames.length) specs.facet = { type: 'list', values: filterNames, unique: true, maxItems: filterNames.length };
  if (format === 'json') specs.shape = { type: 'choice', values: ['envelope', 'array'] };
  if (format === 'csv') specs.bom = { type: 'choice', values: ['1', 'true', '0', 'false'] };
  if (table.references) specs.labels = { type: 'choice', values: ['1', 'true', '0', 'false'] };
  for (const [param, column] of Object.entries(table.filters)) {
    const values = table.columns.find((c) => c.name === column)?.values;
    specs[param] = values
      // Filters also take the list delimiter the CSV itself uses, so a cell pasted from it works.
      ? { type: 'list', values, maxItems: MAX_VALUES, caseless: true, separators: `,${LIST_DELIMITER}` }
      : { type: 'list', maxLength: MAX_TEXT, maxItems: MAX_VALUES, separators: `,${LIST_DELIMITER}` };
  }
  return specs;
}

/** By table object, not name: one release's table may have columns another's lacks (columns-as-of.ts). */
const specCache = new WeakMap<TableFacts, Map<Format, Record<string, ParamSpec>>>();

/** The query parameters a table accepts in a format, by name (the OpenAPI document lists them from this). */
export function tableParams(table: TableFacts, format: Format): Readonly<Record<string, ParamSpec>> {
  let byFormat = specCache.get(table);
  if (!byFormat) specCache.set(table, (byFormat = new Map()));
  let specs = byFormat.get(format);
  if (!specs) byFormat.set(format, (specs = paramSpecs(table, format)));
  return specs;
}

/** What a parameter accepts, as error messages quote it. */
export function allowedFor(table: TableFacts, param: string): readonly string[] | string {
  const spec = tableParams(table, 'json')[param] ?? tableParams(table, 'csv')[param];
  switch (spec?.type) {
    case 'list':
      return spec.values ?? 'comma-separated exact values; one that holds a comma in double quotes';
    case 'choice':
      return spec.values;
    case 'bound':
      return spec.kind === 'date' ? 'an ISO date, YYYY-MM-DD' : 'a number';
    case 'integer':
      return spec.maximum === Number.MAX_SAFE_INTEGER ? `integer from ${spec.minimum}` : `integer from ${spec.minimum} to ${spec.maximum}`;
    default:
      return `text, 1 to ${MAX_TEXT} characters`;
  }
}

/** The spec as JSON Schema, for the OpenAPI document. */
export function paramJsonSchema(spec: ParamSpec): Record<string, unknown> {
  switch (spec.type) {
    case 'list':
      return {
        minItems: 1,
        ...(spec.maxItems ? { maxItems: spec.maxItems } : {}),
        type: 'array',
        items: spec.values ? { type: 'string', enum: [...spec.values] } : { type: 'string', minLength: 1, maxLength: spec.maxLength },
      };
    case 'integer':
      return { type: 'integer', minimum: spec.minimum, maximum: spec.maximum };
    case 'text':
      return { type: 'string', minLength: 1, maxLength: spec.maxLength };
    case 'choice':
      return { type: 'string', enum: [...spec.values] };
    case 'bound':
      return spec.kind === 'date' ? { type: 'string', format: 'date' } : { type: 'number' };
  }
}

type Parsed = { value: string | string[] | number } | { reason: string };

function parseParam(spec: ParamSpec, raw: string): Parsed {
  switch (spec.type) {
    case 'list': {
      const items = splitList(spec.caseless ? raw.toLowerCase() : raw, spec.separators);
      if (!items) return { reason: 'a value in double quotes must end with a quote, then a comma or nothing' };
      if (!items.length) return { reason: 'give at least one value' };
      if (spec.maxItems && items.length > spec.maxItems) return { reason: `give at most ${spec.maxItems} values` };
      const values = spec.values;
      const wrong = values ? items.find((item) => !values.includes(item)) : items.find((item) => item.length > (spec.maxLength ?? MAX_TEXT));
      if (wrong !== undefined) return { reason: values ? `"${wrong}" is not one of the allowed values` : `values are at most ${spec.maxLength} characters` };
      const keys = spec.uniqueBy === 'column' ? items.map((item) => item.replace(/^-/, '')) : items;
      if (spec.unique && new Set(keys).size !== keys.length) return { reason: 'name each column at most once' };
      return { value: items };
    }
    case 'integer': {
      const n = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
      return n >= spec.minimum && n <= spec.maximum ? { value: n } : { reason: `must be a whole number from ${spec.minimum} to ${spec.maximum}` };
    }
    case 'text': {
      const text = raw.trim();
      if (text.length < 1 || text.length > spec.maxLength) return { reason: `must be 1 to ${spec.maxLength} characters` };
      // Searched as folded: a query of accents alone would fold to nothing and match every row.
      return fold(text).trim() ? { value: text } : { reason: 'must hold a letter, digit or sign, not only accents or marks' };
    }
    case 'choice':
      return spec.values.includes(raw) ? { value: raw } : { reason: `must be one of ${spec.values.join(', ')}` };
    case 'bound': {
      if (spec.kind === 'date') {
        const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) && new Date(`${raw}T00:00:00Z`).toISOString().startsWith(raw);
        return valid ? { value: raw } : { reason: 'must be an ISO date, YYYY-MM-DD (start_date in 2024: start_date_gte=2024-01-01&start_date_lt=2025-01-01)' };
      }
      const n = /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
      return Number.isFinite(n) ? { value: n } : { reason: 'must be a number, such as 100 or 2.5' };
    }
  }
}

export function parseTableQuery(table: TableFacts, format: Format, params: URLSearchParams): TableQuery {
  const specs = tableParams(table, format);
  const allowed = [...Object.keys(specs), CACHE_BUSTER];
  const invalid: InvalidParam[] = [];
  const parsed: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    if (name === CACHE_BUSTER) continue;
    // Own names only: `?constructor=` or `?__proto__=` must not find Object.prototype's members.
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) {
      invalid.push({ name, reason: `unknown parameter for ${table.name}.${format}${insteadOf(table, name)}`, allowed });
      continue;
    }
    const given = params.getAll(name);
    // A list given several times (what requests and httr send for a list) is the values of all of them.
    if (given.length > 1 && spec.type !== 'list') {
      invalid.push({ name, reason: `given ${given.length} times; give it once` });
      continue;
    }
    const result = parseParam(spec, spec.type === 'list' ? joinLists(given) : given[0]!);
    if ('value' in result) parsed[name] = result.value;
    else invalid.push({ name, reason: result.reason, allowed: allowedFor(table, name) });
  }
  if (invalid.length) {
    // Named in full up to a bound, so a URL of a thousand bad names gets an answer of ordinary size.
    const shown = invalid.slice(0, MAX_REPORTED);
    const more = invalid.length - shown.length;
    const names = shown.map((i) => i.name).join(', ');
    throw badRequest(`Invalid query parameter${invalid.length > 1 ? 's' : ''}: ${names}${more ? `, and ${more} more` : ''}.`, shown);
  }
  if ((parsed.sort as string[] | undefined)?.includes(RELEVANCE) && !parsed.q) {
    throw badRequest('sort=relevance ranks rows by how well they match the words of q; add q=, e.g. q=forced labour&sort=relevance.', [
      { name: 'sort', reason: 'relevance needs q', allowed: allowedFor(table, 'sort') },
    ]);
  }
  return {
    filters: Object.entries(table.filters)
      .filter(([param]) => parsed[param])
      .map(([param, column]) => ({ column, values: parsed[param] as string[] })),
    facets: ((parsed.facet as string[] | undefined) ?? []).map((param) => ({ param, column: table.filters[param]! })),
    bounds: Object.entries(specs).flatMap(([name, spec]) => (spec.type === 'bound' && parsed[name] !== undefined ? [{ column: spec.column, op: spec.op, value: parsed[name] as number | string }] : [])),
    ...(parsed.q ? { q: parsed.q as string } : {}),
    sort: ((parsed.sort as string[] | undefined) ?? []).map((s) => ({ column: s.replace(/^-/, ''), descending: s.startsWith('-') })),
    ...(parsed.fields ? { fields: parsed.fields as string[] } : {}),
    ...(parsed.limit !== undefined ? { limit: parsed.limit as number } : {}),
    offset: (parsed.offset as number | undefined) ?? 0,
    shape: (parsed.shape as 'envelope' | 'array' | undefined) ?? 'envelope',
    bom: parsed.bom === '1' || parsed.bom === 'true',
    labels: parsed.labels === '1' || parsed.labels === 'true',
  };
}

/**
 * A URL without its cache-buster pairs (`_=…`), every other byte as sent: the
 * Worker answers as if it were never there, so spreadsheets that add one still
 * share answers (and links in bodies never carry it).
 */
export function withoutCacheBuster(href: string): string {
  const at = href.indexOf('?');
  if (at < 0) return href;
  const kept = href.slice(at + 1).split('&').filter((pair) => pair && pair !== CACHE_BUSTER && !pair.startsWith(`${CACHE_BUSTER}=`));
  return kept.length ? `${href.slice(0, at)}?${kept.join('&')}` : href.slice(0, at);
}

/** True when the query asks for the whole table as built, so the pre-rendered body can be served. */
export function isWholeTable(query: TableQuery): boolean {
  return (
    !query.filters.length && !query.bounds.length && !query.facets.length && !query.q && !query.sort.length && !query.fields && !query.labels && query.limit === undefined && query.offset === 0
  );
}
