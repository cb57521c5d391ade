// /v1/{table} and /v1/{table}/{id}, latest or pinned: load → filter → render.
import { DOCUMENTS, paths, type ReleaseRef } from '../../core/paths.ts';
import { type Format, MEDIA_TYPES, OTHER_SUFFIXES, splitFormat } from '../../core/formats.ts';
import { renderCsv } from '../../core/render/csv.ts';
import { renderArray, renderEnvelope } from '../../core/render/envelope.ts';
import { LICENCE } from '../../core/dataset.ts';
import type { Row, TableFacts } from '../../core/table-types.ts';
import type { ManifestTable } from '../../core/release-types.ts';
import { tableNamed, tables } from '../table-facts.ts';
import { negotiate } from '../../core/negotiate.ts';
import { badRequest, notFound } from '../../core/problem.ts';
import { CACHE_BUSTER, isWholeTable, parseTableQuery, RELEVANCE, type TableQuery } from '../../core/query-params.ts';
import type { ResolvedRelease } from '../kv/resolve.ts';
import type { Answer, Link, Reply } from '../http/respond.ts';
import { renderedFreshness } from '../../core/freshness.ts';
import { facetCounts, indexNeeds, selectRows } from '../query/select.ts';
import { rowsWithId } from '../query/sorted-strings.ts';

/** The columns of a facet answer as CSV. */
const FACET_COLUMNS = ['facet', 'value', 'count'];
import { pageLinks, withFormat } from './query-links.ts';
import { downloadName, pinnedLocation } from './subset-names.ts';
import { shownLabels, withLabels } from '../query/labels.ts';
import { withLabelColumns } from '../../core/labels.ts';
import { checkFilters, countryNames, type CountryNames, isCountryColumn } from '../query/check-filters.ts';
import { columnsAsOf } from '../../core/columns-as-of.ts';
import { loadQueryIndex, loadRowsAt } from '../kv/store.ts';
import { type Asked, fromRelease } from './asked.ts';

/** What a table or row URL asked for, once parsed. */
interface TableAsk {
  ref: ReleaseRef;
  table: TableFacts;
  format: Format;
  /** The format the URL's suffix named; none means Accept chose. */
  suffix: Format | undefined;
}

function findTable(name: string): TableFacts {
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

function tableEntry(resolved: ResolvedRelease, table: TableFacts): ManifestTable {
  const entry = resolved.tables.get(table.name);
  if (!entry) {
    const first = resolved.pointer.releases.find((r) => r.rows[table.name] !== undefined);
    throw notFound(
      `Release ${resolved.manifest.version} has no table "${table.name}"${first ? `; it first appears in release ${first.version}` : ''}.`,
    );
  }
  return entry;
}

/** What every table and row answer says about where it comes from. */
function provenance(resolved: ResolvedRelease, ask: TableAsk, pinnedUrl: string) {
  const pinned = { version: resolved.manifest.version };
  const links: Link[] = [
    { href: paths.schema(pinned, ask.table.name), rel: 'describedby', type: 'application/schema+json' },
    { href: paths.document(pinned, 'datapackage'), rel: 'describedby', type: DOCUMENTS.datapackage.contentType },
    { href: LICENCE.url, rel: 'license' },
  ];
  return {
    contentType: MEDIA_TYPES[ask.format],
    version: pinned.version,
    asOf: resolved.manifest.date,
    negotiated: !ask.suffix,
    links,
    ...(ask.ref === 'latest' ? { contentLocation: pinnedUrl } : {}),
  } satisfies Partial<Answer>;
}

export async function tableRoute(asked: Asked, ref: ReleaseRef, segment: string): Promise<Reply> {
  const [name, suffix] = splitFormat(segment);
  const table = findTable(name);
  const ask: TableAsk = { ref, table, format: negotiate(suffix, asked.request.headers.get('Accept')), suffix };
  const query = parseTableQuery(table, ask.format, asked.url.searchParams);
  return fromRelease(asked, ref, (resolved) => tableAnswer(asked, ask, query, resolved));
}

/**
 * The columns this release of the table has (a column added later is not in an
 * older release); a query naming one it lacks is refused, never answered with empty cells.
 */
function releaseColumns(table: TableFacts, version: string, query?: TableQuery): string[] {
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

async function tableAnswer(asked: Asked, ask: TableAsk, query: TableQuery, resolved: ResolvedRelease): Promise<Answer> {
  const { table, format } = ask;
  const entry = tableEntry(resolved, table);
  const version = resolved.manifest.version;
  const columnsHere = releaseColumns(table, version, query);
  const pinnedPath = paths.table({ version }, table.name, ask.suffix);

  if (isWholeTable(query) && !(format === 'json' && query.shape === 'array')) {
    const filename = format === 'csv' ? downloadName(table.name, version, new URLSearchParams(), false) : undefined;
    return { ...provenance(resolved, ask, pinnedPath), content: { stored: entry[format], bom: query.bom }, freshness: resolved.freshness, filename, total: entry.rows };
  }
  // A subset says so: its file name and pinned location carry the query.
  const from = provenance(resolved, ask, pinnedLocation(pinnedPath, asked.url));

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
  const columns = withLabelColumns(shown, labels);
  const pages = pageLinks(asked.url, query, result.total);
  const facets = query.facets.length ? facetCounts(index, query, selection) : undefined;
  let text: string;
  // As CSV, facets are the answer itself (facet, value, count), so one URL imports "participants per region".
  if (format === 'csv' && facets) {
    text = renderCsv(FACET_COLUMNS, Object.entries(facets).flatMap(([facet, counts]) => counts.map((c) => ({ facet, ...c }))), { bom: query.bom });
  } else if (format === 'csv') text = renderCsv(columns, result.rows, { bom: query.bom });
  else if (query.shape === 'array') text = renderArray(result.rows);
  else {
    const url = asked.url;
    text = renderEnvelope({
      table: table.name,
      release: resolved.manifest,
      rows: result.rows,
      page: { total: result.total, offset: query.offset, limit: query.limit ?? null },
      links: {
        self: `${url.pathname}${url.search}`,
        csv: withFormat(url, 'csv'),
        schema: paths.schema({ version }, table.name),
        next: pages.find((l) => l.rel === 'next')?.href ?? null,
        latest: paths.table('latest', table.name, 'json'),
      },
      ...(facets ? { facets } : {}),
    });
  }
  return {
    ...from,
    content: { text },
    freshness: renderedFreshness(resolved.freshness),
    filename: format === 'csv' ? downloadName(table.name, version, asked.url.searchParams, !!facets) : undefined,
    total: result.total,
    links: [...from.links, ...pages],
    ...(checked.resolved.length ? { headers: { 'X-Query-Resolved': checked.resolved.join(', ') } } : {}),
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

export async function rowRoute(asked: Asked, ref: ReleaseRef, name: string, idSegment: string): Promise<Reply> {
  const table = findTable(name);
  const [rawId, suffix] = splitFormat(idSegment);
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    throw badRequest(`The row id "${rawId}" is not valid percent-encoding.`);
  }
  if (!table.rowPath) throw notFound(`Rows of "${table.name}" have no URL of their own; filter the table instead, e.g. ${paths.table('latest', table.name, 'json')}?${Object.keys(table.filters)[0] ?? 'limit'}=…`);
  const ask: TableAsk = { ref, table, format: negotiate(suffix, asked.request.headers.get('Accept')), suffix };
  if ([...asked.url.searchParams.keys()].some((k) => k !== CACHE_BUSTER)) throw badRequest('A single row takes no query parameters.');
  return fromRelease(asked, ref, (resolved) => rowAnswer(asked, ask, id, resolved));
}

async function rowAnswer(asked: Asked, ask: TableAsk, id: string, resolved: ResolvedRelease): Promise<Answer> {
  const { table, format } = ask;
  const entry = tableEntry(resolved, table);
  const index = await loadQueryIndex(asked.env, entry.index, { ids: true });
  const column = table.rowPath!;
  // Ids match ignoring case; where two differ only in case, the one written as asked wins.
  const candidates = await loadRowsAt(asked.env, entry.json, index, rowsWithId(index.ids!, id));
  const row = candidates.find((r) => String(r[column]) === id) ?? candidates[0];
  if (!row) throw notFound(`Release ${resolved.manifest.version} has no ${table.name} row with ${column} "${id}".`);
  const version = resolved.manifest.version;
  const rowId = String(row[column]);
  const pinned = { version };
  const text =
    format === 'csv'
      ? renderCsv(releaseColumns(table, version), [row])
      : JSON.stringify({
          data: row,
          meta: {
            table: table.name,
            version,
            released: resolved.manifest.date,
            licence: resolved.manifest.licence,
            citation: resolved.manifest.citation,
            links: {
              self: paths.row(pinned, table.name, rowId),
              table: paths.table(pinned, table.name, 'json'),
              schema: paths.schema(pinned, table.name),
              latest: paths.row('latest', table.name, rowId),
            },
          },
        });
  return {
    ...provenance(resolved, ask, paths.row(pinned, table.name, rowId)),
    content: { text },
    freshness: renderedFreshness(resolved.freshness),
    filename: format === 'csv' ? `liberterra-${table.name}-${rowId}-${version}.csv` : undefined,
  };
}
