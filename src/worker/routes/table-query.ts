// The parts of a table answer that the data answers and the pages share:
// which table and release columns a URL means, and running a query on them
// (filter, search, sort, page, labels, facets) over the table's query index.
import { DOCUMENTS, paths } from '../../core/paths.ts';
import { LICENCE } from '../../core/dataset.ts';
import type { Link } from '../http/respond.ts';
import { OTHER_SUFFIXES } from '../../core/formats.ts';
import type { Row, TableFacts } from '../../core/table-types.ts';
import type { ManifestTable } from '../../core/release-types.ts';
import { tableNamed, tables } from '../table-facts.ts';
import { badRequest, notFound } from '../../core/problem.ts';
import { RELEVANCE, type TableQuery } from '../../core/query-params.ts';
import type { ResolvedRelease } from '../kv/resolve.ts';
import { facetCounts, indexNeeds, selectRows } from '../query/select.ts';
import { pageLinks } from './query-links.ts';
import { shownLabels, withLabels } from '../query/labels.ts';
import { withLabelColumns } from '../../core/labels.ts';
import { checkFilters, countryNames, type CountryNames, isCountryColumn } from '../query/check-filters.ts';
import { columnsAsOf } from '../../core/columns-as-of.ts';
import { loadQueryIndex, loadRowsAt } from '../kv/store.ts';
import type { Asked } from './asked.ts';

export function findTable(name: string): TableFacts {
  const table = tableNamed(name);
  if (table) return table;
  // A suffix this API does not serve blames the suffix, not the table name.
  const [, base = '', suffix = ''] = /^(.+)\.([A-Za-z0-9]+)$/.exec(name) ?? [];
  const known = tableNamed(base);
  if (known) {
    throw notFound(`${known.name} is served as ${paths.table('latest', known.name, 'csv')} or .json; .${suffix} is not offered (${OTHER_SUFFIXES[suffix.toLowerCase()] ?? 'use .csv or .json'}).`);
  }
  throw notFound(`There is no table "${name}". Tables: ${tables.map((t) => t.name).join(', ')}.`);
}

export function tableEntry(resolved: ResolvedRelease, table: TableFacts): ManifestTable {
  const entry = resolved.tables.get(table.name);
  if (!entry) {
    const first = resolved.pointer.releases.find((r) => r.rows[table.name] !== undefined);
    throw notFound(
      `Release ${resolved.manifest.version} has no table "${table.name}"${first ? `; it first appears in release ${first.version}` : ''}.`,
    );
  }
  return entry;
}

/**
 * The columns this release of the table has (a column added later is not in an
 * older release); a query naming one it lacks is refused, never answered with empty cells.
 */
export function releaseColumns(table: TableFacts, version: string, query?: TableQuery): string[] {
  const columns = columnsAsOf(table.columns, version).map((c) => c.name);
  if (query) {
    const asked = [...query.filters.map((f) => f.column), ...query.bounds.map((b) => b.column), ...query.sort.map((s) => s.column).filter((c) => c !== RELEVANCE), ...(query.fields ?? [])];
    const later = asked.find((column) => !columns.includes(column));
    if (later) {
      const since = table.columns.find((c) => c.name === later)?.since;
      throw badRequest(`Release ${version} of ${table.name} has no column ${later}; it was added in release ${since}. Ask a later release, or leave ${later} out.`);
    }
  }
  return columns;
}

/** What a query selects, with what every rendering of it shows: used by the data answers and the pages alike. */
export async function runQuery(asked: Asked, resolved: ResolvedRelease, table: TableFacts, query: TableQuery, columnsHere: readonly string[]) {
  const entry = tableEntry(resolved, table);
  const version = resolved.manifest.version;
  const index = await loadQueryIndex(asked.env, entry.index, indexNeeds(query, table.search.length > 0));
  const countries = query.filters.some((f) => isCountryColumn(table, f.column)) ? await releaseCountryNames(asked, resolved) : undefined;
  const checked = checkFilters(table, version, query, index, countries);
  query = checked.query;
  const selection = selectRows(index, query);
  const rows = await loadRowsAt(asked.env, entry.json, index, selection.positions);
  const shown = query.fields ?? columnsHere;
  const labels = query.labels ? shownLabels(table, shown) : [];
  const projected = query.fields ? rows.map((row) => project(row, query.fields!)) : rows;
  const result = { rows: labels.length ? await withLabels(asked.env, resolved, labels, projected) : projected, total: selection.total };
  return {
    result,
    shown,
    labels,
    columns: withLabelColumns(shown, labels),
    pages: pageLinks(asked.url, query, result.total),
    facets: query.facets.length ? facetCounts(index, query, selection) : undefined,
    checked,
  };
}

/** The release's country names, for filters given by name: read from its countries table once per manifest. */
const namesByManifest = new WeakMap<object, Promise<CountryNames>>();
function releaseCountryNames(asked: Asked, resolved: ResolvedRelease): Promise<CountryNames> {
  let names = namesByManifest.get(resolved.manifest);
  if (!names) {
    names = (async () => {
      const entry = tableEntry(resolved, findTable('countries'));
      const index = await loadQueryIndex(asked.env, entry.index);
      const rows = await loadRowsAt(asked.env, entry.json, index, Array.from({ length: index.rows }, (_, i) => i));
      return countryNames(rows);
    })();
    namesByManifest.set(resolved.manifest, names);
    names.catch(() => namesByManifest.delete(resolved.manifest));
  }
  return names;
}

/** Only the columns asked for, in that order. */
function project(row: Row, fields: readonly string[]): Row {
  return Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
}

/** What every table and row answer, data or page, links to in its Link header: its schemas and licence. */
export function provenanceLinks(version: string, table: TableFacts): Link[] {
  const pinned = { version };
  return [
    { href: paths.schema(pinned, table.name), rel: 'describedby', type: 'application/schema+json' },
    { href: paths.document(pinned, 'datapackage'), rel: 'describedby', type: DOCUMENTS.datapackage.contentType },
    { href: LICENCE.url, rel: 'license' },
  ];
}
