// The tables' part of the OpenAPI document: row schemas read off each table's
// zod schema, query parameters read off the validators the Worker parses with,
// and each table's latest, pinned and row paths in each format.
import * as z from 'zod';
import { CACHE_CONTROL, renderedFreshness } from '../../../core/freshness.ts';
import { type Format, FORMATS, mediaType } from '../../../core/formats.ts';
import { paths, type ReleaseRef } from '../../../core/paths.ts';
import { renderCsv } from '../../../core/render/csv.ts';
import { LIST_DELIMITER } from '../../../core/list-delimiter.ts';
import type { Row } from '../../../core/table-types.ts';
import type { Table } from '../../../schema/table.ts';
import { labelsOf, queryParameters } from './query-parameters.ts';
import { getOperation, type HeaderName, NEGOTIATION_NOTE, PAGE_CONTENT, pascal } from './shared.ts';
import { type Json, oasSchema, ref } from './schema.ts';

export interface TablePart {
  paths: Record<string, Json>;
  schemas: Record<string, Json>;
  parameters: Record<string, Json>;
}

export function tablePart(table: Table, rows: readonly Row[]): TablePart {
  const name = pascal(table.name);
  const columns = table.columns.map((c) => c.name);
  const labelled = labelsOf(table);
  const schemas: Record<string, Json> = {
    [`${name}Row`]: { ...oasSchema(table.schema), title: table.title, description: table.description, ...(rows[0] ? { examples: [rows[0]] } : {}) },
    // What a table response holds per row: the whole row, or with `fields=` only
    // the columns asked for, each still held to its schema in the row's.
    [`${name}Columns`]: {
      description: `A row of ${table.name}: the whole row, or with \`fields\` only the columns asked for, in that order${labelled.length ? '; with `labels=true`, each cited id followed by what names it' : ''}.`,
      anyOf: [
        ref('schemas', `${name}Row`),
        {
          type: 'object',
          properties: Object.fromEntries([
            ...columns.map((c) => [c, { $ref: `#/components/schemas/${name}Row/properties/${c}` }]),
            ...labelled.map((l) => {
              const one = l.field.year ? { type: ['integer', 'null'] } : { type: ['string', 'null'] };
              const schema = l.kind === 'list' ? { type: 'array', items: { type: 'string' } } : one;
              return [l.name, { ...schema, description: `The ${l.field.name} of ${l.of}'s ${l.resource} row${l.kind === 'list' ? 's, item for item ("" where it has none)' : ''}.` }];
            }),
          ]),
          additionalProperties: false,
          minProperties: 1,
        },
      ],
    },
    [`${name}Page`]: {
      type: 'object',
      description: `Rows of ${table.name} with what they are and how to cite them.`,
      required: ['data', 'meta'],
      additionalProperties: false,
      properties: { data: { type: 'array', items: ref('schemas', `${name}Columns`) }, meta: ref('schemas', 'TableMeta') },
    },
    [`${name}Json`]: {
      description: 'The `{data, meta}` envelope; with `shape=array`, the bare array of rows.',
      oneOf: [ref('schemas', `${name}Page`), { type: 'array', items: ref('schemas', `${name}Columns`) }],
    },
    [`${name}Csv`]: {
      type: 'string',
      description: `RFC 4180 CSV (CRLF line ends), UTF-8, a header row, then one line per row. Columns: ${columns.join(', ')}. Lists are joined with "${LIST_DELIMITER}"; an empty cell is a missing value.`,
      examples: [renderCsv(columns, rows.slice(0, 1))],
    },
  };
  if (table.rowPath) {
    schemas[`${name}RowDocument`] = {
      type: 'object',
      description: `One row of ${table.name}.`,
      required: ['data', 'meta'],
      additionalProperties: false,
      properties: { data: ref('schemas', `${name}Row`), meta: ref('schemas', 'RowMeta') },
    };
  }

  const query = queryParameters(table);
  const parameters: Record<string, Json> = Object.fromEntries(query.map((p) => [`${table.name}.${p.name}`, p.parameter]));
  const queryFor = (format: Format | undefined) =>
    query.filter((p) => format === undefined || p.formats.includes(format)).map((p) => ref('parameters', `${table.name}.${p.name}`));
  if (table.rowPath) {
    const example = rows[0]?.[table.rowPath];
    parameters[`${table.name}.id`] = {
      name: table.rowPath,
      in: 'path',
      required: true,
      description: `The row's \`${table.rowPath}\`: matched exactly, else case-insensitively.`,
      schema: { type: 'string', ...(example != null ? { examples: [String(example)] } : {}) },
    };
  }

  // Tables, then rows; each latest, then pinned; each negotiated, then by suffix.
  const result: Record<string, Json> = {};
  for (const row of table.rowPath ? [false, true] : [false]) {
    for (const pinned of [false, true]) {
      const release: ReleaseRef = pinned ? { version: '{version}' } : 'latest';
      for (const format of [undefined, ...FORMATS]) {
        const path = row ? paths.rowTemplate(release, table.name, `{${table.rowPath}}`, format) : paths.table(release, table.name, format);
        result[path] = getOperation({
          id: operationId(name, { pinned, row, format }),
          summary: `${row ? `One row of ${table.name} by ${table.rowPath}` : table.title}${label(format)}${pinned ? ', pinned to a release' : ''}`,
          description: [
            row ? `A row of ${table.name}, by its \`${table.rowPath}\`; takes no query parameters.` : table.description,
            releaseNote(pinned, row),
            negotiationNote(format),
          ]
            .filter(Boolean)
            .join(' '),
          tags: [table.name],
          parameters: [...(pinned ? [ref('parameters', 'Version')] : []), ...(row ? [ref('parameters', `${table.name}.id`)] : queryFor(format))],
          ok: row
            ? {
                description: 'The row (as CSV: the header and one line).',
                headers: okHeaders({ pinned, format, extra: [] }),
                content: content(format, (f) => ref('schemas', f === 'csv' ? `${name}Csv` : `${name}RowDocument`)),
              }
            : {
                description: `Rows of ${table.name}, filtered, sorted and paged as asked.`,
                headers: okHeaders({ pinned, format, extra: ['X-Total-Count'] }),
                content: content(format, (f) => ref('schemas', f === 'csv' ? `${name}Csv` : `${name}Json`)),
              },
          errors: ['BadRequest', 'NotFound', ...(format ? [] : (['NotAcceptable'] as const))],
        });
      }
    }
  }
  return { paths: result, schemas, parameters };
}

const label = (format: Format | undefined) => (format ? ` as ${format.toUpperCase()}` : ' (JSON, CSV or a page by Accept)');

/** Said from the rule the Worker sends Cache-Control by (src/core/freshness.ts), so the two cannot differ. */
const releaseNote = (pinned: boolean, row: boolean) => {
  if (!pinned) return 'From the latest release; `Content-Location` names the same bytes pinned to it.';
  const rendered = `\`Cache-Control: ${CACHE_CONTROL[renderedFreshness('immutable')]}\``;
  return row
    ? `Pinned to a release. The row is rendered per request, so it is cached with ${rendered}.`
    : `Pinned to a release: the whole table, without query parameters, is stored bytes that never change (\`Cache-Control: ${CACHE_CONTROL.immutable}\`); a filtered, sorted or paged answer is rendered per request and cached with ${rendered}.`;
};

const negotiationNote = (format: Format | undefined) => (format ? '' : NEGOTIATION_NOTE);

function operationId(name: string, o: { pinned: boolean; row: boolean; format: Format | undefined }): string {
  return `${o.pinned ? 'getPinned' : 'get'}${name}${o.row ? 'Row' : ''}${o.format ? pascal(o.format) : ''}`;
}

/** Headers a table or row response carries, by how it was asked for. */
function okHeaders(o: { pinned: boolean; format: Format | undefined; extra: HeaderName[] }): HeaderName[] {
  return [
    'X-Release-Version',
    'Last-Modified',
    'Link',
    ...o.extra,
    ...(o.pinned ? [] : (['Content-Location'] as const)),
    ...(o.format === 'json' ? [] : (['Content-Disposition'] as const)),
    ...(o.format ? [] : (['Vary'] as const)),
  ];
}

/** One media type with a suffix; without, each chosen by Accept, and the page. */
function content(format: Format | undefined, schema: (format: Format) => Json): Record<string, Json> {
  return { ...Object.fromEntries((format ? [format] : FORMATS).map((f) => [mediaType(f), { schema: schema(f) }])), ...(format ? {} : PAGE_CONTENT) };
}
