// Response bodies that are not table rows, written in zod beside the schemas
// they reuse: table and row metadata, problems, releases, diffs, the index.
import * as z from 'zod';
import { DIFF_CSV_COLUMNS, type RowChange } from '../../render/diff.ts';
import { DOCUMENTS } from '../../../core/paths.ts';
import { count, vocabulary } from '../../../schema/fields.ts';
import { manifest, releaseInfo, releaseSummary, semver } from '../../../schema/release.ts';
import { renderCsv } from '../../../core/render/csv.ts';
import { DOCUMENT_NAMES } from './shared.ts';
import { type Json, oasSchema } from './schema.ts';

const path = (description: string) => z.string().regex(/^\//).meta({ description });
const licence = releaseInfo.shape.licence.meta({ description: 'Licence of the data' });
const citation = z.string().meta({ description: 'How to cite this release' });
const documentLinks = Object.fromEntries(DOCUMENT_NAMES.map((d) => [d, path(`This release's ${DOCUMENTS[d].file}`)]));

const tableMeta = z.object({
  table: z.string().meta({ description: 'Table name' }),
  version: semver.meta({ description: 'Release the rows come from' }),
  released: z.iso.date().meta({ description: 'Date of that release' }),
  rows: count('Rows in this response'),
  total: count('Rows matching the query, before limit and offset'),
  offset: count('Rows skipped'),
  limit: z.int().min(1).nullable().meta({ description: 'Page size asked for; null for every matching row' }),
  licence,
  citation,
  links: z.object({
    self: path('This response'),
    csv: path('The same query as CSV'),
    schema: path("JSON Schema of the table's rows"),
    next: path('The next page, or null on the last').nullable(),
    latest: path('The whole table in the latest release'),
  }),
  facets: z
    .record(z.string(), z.array(z.object({ value: z.string(), count: count('Rows holding this value') })))
    .optional()
    .meta({ description: 'With facet=…: for each facet, how many rows hold each value of its column under every other filter and the search, most first' }),
});

const rowMeta = tableMeta.pick({ table: true, version: true, released: true, licence: true, citation: true }).extend({
  links: z.object({
    self: path('This row, pinned to its release'),
    table: path('Its table, pinned to its release'),
    schema: path("JSON Schema of the table's rows"),
    latest: path('This row in the latest release'),
  }),
});

const problem = z
  .object({
    type: z.literal('about:blank').meta({ description: 'The status code says what happened' }),
    title: z.string().meta({ description: 'HTTP reason phrase' }),
    status: z.int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong and what to do, in a sentence' }),
    instance: path('The path that was asked for'),
    invalid_params: z
      .array(
        z.object({
          name: z.string().meta({ description: 'The query parameter' }),
          reason: z.string(),
          allowed: z.union([z.array(z.string()), z.string()]).optional().meta({ description: 'What it accepts' }),
        }),
      )
      .optional()
      .meta({ description: '400 only: each query parameter that was refused' }),
    available: z.array(z.string()).optional().meta({ description: '406 only: the media types on offer' }),
  })
  .meta({ title: 'Problem', description: 'An RFC 9457 problem: every error has this shape.' });

const releaseList = z.object({
  data: z
    .array(
      releaseSummary.omit({ documents: true, manifest: true }).extend({
        latest: z.boolean().meta({ description: 'Whether /v1 URLs serve this release' }),
        links: z.object({ self: path('The release'), tables: z.record(z.string(), path('A table of it, as JSON')) }),
      }),
    )
    .meta({ description: 'Every published release, newest first' }),
  meta: z.object({ latest: semver, total: count('Releases'), links: z.object({ self: path('This list'), csv: path('This list as CSV') }) }),
});

const file = z.object({ url: path('Pinned URL'), sha256: manifest.shape.hash, bytes: count('Size of the body') });
const releaseDetail = z.object({
  data: manifest.omit({ tables: true }).extend({
    tables: z.array(z.object({ name: z.string(), rows: count('Rows'), csv: file, json: file, schema: path('JSON Schema of the rows') })),
  }),
  meta: z.object({ links: z.object({ self: path('This release'), releases: path('Every release'), ...documentLinks }) }),
});

/** Typed as a record so a new kind of change cannot go undocumented. */
const CHANGES: Record<RowChange['change'], string> = {
  added: 'The row is only in the second release',
  removed: 'The row is only in the first release',
  changed: 'The row is in both, with different values',
};
const cells = z.record(z.string(), z.union([z.string(), z.number(), z.null(), z.array(z.string())]));
const diff = z.object({
  data: z.array(
    z.object({
      table: z.string(),
      key: z.string().meta({ description: 'Primary key values joined with /' }),
      change: vocabulary(CHANGES, 'What happened to the row'),
      fields: z.array(z.string()).meta({ description: 'Columns that differ (every column for added or removed rows)' }),
      old: cells.nullable().meta({ description: 'The row in the first release' }),
      new: cells.nullable().meta({ description: 'The row in the second release' }),
    }),
  ),
  meta: z.object({
    from: semver,
    to: semver,
    rows: count('Changed rows'),
    counts: z.record(z.string(), z.object(Object.fromEntries(Object.keys(CHANGES).map((c) => [c, count(`Rows ${c}`)])))),
    links: z.object({ self: path('This comparison as JSON'), csv: path('This comparison as CSV') }),
  }),
});

const apiIndex = z.object({
  title: z.string(),
  description: z.string(),
  latest: semver,
  licence,
  tables: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      description: z.string(),
      rows: count('Rows in the latest release'),
      filters: z.array(z.string()).meta({ description: 'Its filter parameters' }),
      search: z.boolean().meta({ description: 'Whether it takes ?q=' }),
      links: z.object({ json: path('As JSON'), csv: path('As CSV'), schema: path('JSON Schema of the rows') }),
    }),
  ),
  releases: z.array(z.object({ version: semver, date: z.iso.date(), links: z.object({ self: path('The release') }) })),
  conventions: z.record(z.string(), z.string()).meta({ description: 'How URLs and parameters work, in a sentence each' }),
  links: z.object({ self: path('This index'), home: path('The landing page'), releases: path('Every release'), ...documentLinks }),
});

export const SHARED_SCHEMAS: Record<string, Json> = {
  Problem: oasSchema(problem),
  TableMeta: oasSchema(tableMeta),
  RowMeta: oasSchema(rowMeta),
  ReleaseList: oasSchema(releaseList),
  ReleaseCsv: { type: 'string', description: 'CSV of every release, newest first: one line each, after a header row.' },
  Release: oasSchema(releaseDetail),
  Diff: oasSchema(diff),
  DiffCsv: {
    type: 'string',
    description: `Long-form CSV: one line per column that differs (every column of an added or removed row), with the columns ${DIFF_CSV_COLUMNS.join(', ')}. Lists are joined with ";".`,
    examples: [renderCsv(DIFF_CSV_COLUMNS, [])],
  },
  ApiIndex: oasSchema(apiIndex),
};
