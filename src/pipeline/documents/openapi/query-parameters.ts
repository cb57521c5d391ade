// Each table's query parameters in the OpenAPI document, read off the validators
// the Worker parses with (src/core/query-params.ts), described in words.
import * as z from 'zod';
import { type Format, FORMATS } from '../../../core/formats.ts';
import { labelColumns } from '../../../core/labels.ts';
import { allowedFor, type ParamSpec, paramJsonSchema, tableParams } from '../../../core/query-params.ts';
import { tables } from '../../../schema/registry.ts';
import { type Table, tableFacts } from '../../../schema/table.ts';
import type { Json } from './schema.ts';

/** The label columns `labels=true` adds to this table's rows (src/core/labels.ts). */
export const labelsOf = (table: Table) => labelColumns(tableFacts(table), tables.map(tableFacts));

export interface QueryParameter {
  name: string;
  formats: Format[];
  parameter: Json;
}

/** Every parameter the Worker accepts for the table, in any format, and the formats that take it. */
export function queryParameters(table: Table): QueryParameter[] {
  const found = new Map<string, { spec: ParamSpec; formats: Format[] }>();
  for (const format of FORMATS) {
    for (const [name, spec] of Object.entries(tableParams(table, format))) {
      const seen = found.get(name);
      if (seen) seen.formats.push(format);
      else found.set(name, { spec, formats: [format] });
    }
  }
  return [...found].map(([name, { spec, formats }]) => ({ name, formats, parameter: queryParameter(table, name, spec, formats) }));
}

/**
 * The spec the Worker validates with gives the structure and bounds (a
 * comma-separated list is an array, `limit` an integer from 1); `allowedFor`,
 * which the Worker's 400s quote, and the vocabulary's labels describe the values.
 */
function queryParameter(table: Table, name: string, spec: ParamSpec, formats: Format[]): Json {
  const parsed = paramJsonSchema(spec) as Json;
  const allowed = allowedFor(table, name);
  const values = Array.isArray(allowed) ? { type: 'string', enum: [...allowed], ...labels(table, name) } : undefined;
  const schema = parsed.type === 'array' ? { ...parsed, ...(values ? { items: values } : {}) } : (values ?? parsed);
  const only = formats.length < FORMATS.length ? ` ${formats.map((f) => f.toUpperCase()).join(', ')} only.` : '';
  return {
    name,
    in: 'query',
    description: describe(table, name, allowed) + only,
    schema,
    // A comma-separated list in one parameter: `metric=arrests,inspections`.
    ...(schema.type === 'array' ? { style: 'form', explode: false } : {}),
  };
}

/** The labels of a filter's vocabulary, shown beside each value. */
function labels(table: Table, param: string): Json {
  const column = table.filters[param];
  const field = column ? table.schema.shape[column] : undefined;
  const categories = field ? z.globalRegistry.get(field)?.categories : undefined;
  return categories ? { 'x-enumDescriptions': categories } : {};
}

function describe(table: Table, name: string, allowed: readonly string[] | string): string {
  const filtered = table.columns.find((c) => c.name === table.filters[name]);
  if (filtered) {
    const country = filtered.name === 'iso2' || filtered.references?.resource === 'countries';
    return [
      `Only rows whose \`${filtered.name}\` ${filtered.kind === 'list' ? 'includes' : 'is'} one of these values, separated by \`,\` or \`;\` or given as repeated parameters (a value that holds a separator goes in double quotes, as in CSV); case-insensitive. A value no row of the release holds is a 400 naming the closest values it holds. (${filtered.description}.)`,
      ...(country ? ['A country may also be given by its name in English, French, Spanish or Arabic, or its ISO alpha-3 code; the `X-Query-Resolved` response header then says which code it was taken as, e.g. `country=Spain as ES`.'] : []),
    ].join(' ');
  }
  const bound = /^(.+)_(gt|gte|lt|lte)$/.exec(name);
  const ranged = bound && table.columns.find((c) => c.name === bound[1]);
  if (bound && ranged) {
    const words = { gt: 'more than', gte: 'at least', lt: 'less than', lte: 'at most' }[bound[2] as 'gt'];
    return `Only rows whose \`${ranged.name}\` is ${words} this ${ranged.kind === 'date' ? 'ISO date (YYYY-MM-DD); "in 2024" is `' + ranged.name + '_gte=2024-01-01&' + ranged.name + '_lt=2025-01-01`' : 'number'}. An empty cell never matches. (${ranged.description}.)`;
  }
  switch (name) {
    case 'q':
      return `Word search over ${table.search.map((c) => `\`${c}\``).join(', ')}: rows holding every word, in any order, each matching the beginning of a word (\`traffick\` finds trafficking); a "quoted phrase" must appear as written. Case, accents and width are ignored.`;
    case 'sort':
      return `Sort by these columns in turn, comma-separated; \`-\` before a column sorts it descending. Empty cells sort last either way.${
        table.search.length ? ' `relevance` (with `q`) puts the rows that match its words best first, by BM25 as SQLite FTS5 ranks them: rarer words, more often, in shorter text count more; ties keep the next key\'s order, then the table\'s.' : ''
      }`;
    case 'labels':
      return `\`1\` or \`true\` adds, right after each id a row cites, what names it: ${labelsOf(table).map((l) => `\`${l.name}\``).join(', ')}. JSON and CSV alike; list columns get lists, item for item.`;
    case 'fields':
      return 'Only these columns, in this order (CSV too); JSON rows then hold only these properties.';
    case 'limit':
      return 'At most this many rows. Adds `first`, `prev`, `next` and `last` links to the Link header, and `meta.links.next`. `0` sends no rows: only the total (`X-Total-Count`, `meta.total`) and any facets.';
    case 'offset':
      return 'Skip this many matching rows first.';
    case 'shape':
      return '`array` sends a bare array of rows instead of the `{data, meta}` envelope, for `pandas.read_json(url)`.';
    case 'facet':
      return 'Count the rows per value of these filters\' columns, under every other filter and `q` (a facet\'s own filter left out, so each choice shows its count), comma-separated. JSON: in `meta.facets`; CSV: the answer is the counts, one line per (facet, value, count), so "participants per region" is one URL a spreadsheet imports.';
    case 'bom':
      return '`1` or `true` starts the body with a UTF-8 byte order mark, so that Excel reads it as UTF-8.';
    default:
      return `Accepts ${typeof allowed === 'string' ? allowed : allowed.join(', ')}.`;
  }
}
