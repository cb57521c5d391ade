// Frictionless Data Package (v2) descriptor of one release: one resource per
// table, pointing at that release's immutable CSV, with its bytes, hash,
// dialect and Table Schema.
import { paths } from '../../core/paths.ts';
import { DATASET, LICENCE } from '../../core/dataset.ts';
import { rowsOf } from '../validate/release.ts';
import { absolute, type DocumentInput, manifestEntry } from './input.ts';
import { tableSchema } from './table-schema.ts';

export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';

/** Exactly how src/core/render/csv.ts writes CSV. */
export const CSV_DIALECT = {
  $schema: 'https://datapackage.org/profiles/2.0/tabledialect.json',
  header: true,
  headerRows: [1],
  delimiter: ',',
  lineTerminator: '\r\n',
  quoteChar: '"',
  doubleQuote: true,
  skipInitialSpace: false,
} as const;

export function renderDataPackage({ origin, release }: DocumentInput): Record<string, unknown> {
  const { manifest, built } = release;
  const pinned = { version: manifest.version };
  const sources = rowsOf(built, 'sources');
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: DATASET.name,
    id: absolute(origin, paths.document(pinned, 'datapackage')),
    title: DATASET.title,
    description: `${DATASET.description}\n\n${manifest.title}. ${manifest.notes}`,
    version: manifest.version,
    created: `${manifest.date}T00:00:00Z`,
    homepage: absolute(origin, paths.landing()),
    keywords: [...DATASET.keywords],
    licenses: [{ name: LICENCE.id, path: LICENCE.url, title: LICENCE.name }],
    contributors: [{ title: DATASET.publisher.name, path: absolute(origin, paths.landing()), roles: ['creator', 'publisher'] }],
    sources: sources.map((s) => ({
      title: [s.publisher, s.title, s.published_date].filter((part) => part !== null).join(', '),
      ...(s.url ? { path: s.url } : {}),
    })),
    resources: built.tables.map(({ table }) => {
      const entry = manifestEntry(manifest, table.name);
      return {
        name: table.name,
        type: 'table',
        title: table.title,
        description: table.description,
        path: absolute(origin, paths.table(pinned, table.name, 'csv')),
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        bytes: entry.csv.bytes,
        hash: `sha256:${entry.csv.sha256}`,
        dialect: CSV_DIALECT,
        schema: tableSchema(table),
      };
    }),
  };
}
