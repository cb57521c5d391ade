// /v1/{table} and /v1/{table}/{id}, latest or pinned: load → filter → render.
import { paths, type ReleaseRef } from '../../core/paths.ts';
import { type Format, MEDIA_TYPES } from '../../core/formats.ts';
import { renderCsv } from '../../core/render/csv.ts';
import { renderArray, renderEnvelope } from '../../core/render/envelope.ts';
import type { Row, TableFacts } from '../../core/table-types.ts';
import { negotiateView, PAGE_SUFFIX, splitView } from '../../core/negotiate.ts';
import { badRequest, notFound } from '../../core/problem.ts';
import { CACHE_BUSTER, isWholeTable, parseTableQuery, type TableQuery } from '../../core/query-params.ts';
import type { ResolvedRelease } from '../kv/resolve.ts';
import type { Answer, Reply } from '../http/respond.ts';
import { renderedFreshness } from '../../core/freshness.ts';
import { rowsWithId } from '../query/sorted-strings.ts';
import { withFormat } from './query-links.ts';
import { downloadName, pinnedLocation } from './subset-names.ts';
import { loadQueryIndex, loadRowsAt } from '../kv/store.ts';
import { type Asked, fromRelease } from './asked.ts';
import { findTable, provenanceLinks, releaseColumns, runQuery, tableEntry } from './table-query.ts';
import { rowPageRoute, tablePageRoute } from './table-pages.ts';

/** The columns of a facet answer as CSV. */
const FACET_COLUMNS = ['facet', 'value', 'count'];

/** What a table or row URL asked for, once parsed. */
interface TableAsk {
  ref: ReleaseRef;
  table: TableFacts;
  format: Format;
  /** The format the URL's suffix named; none means Accept chose. */
  suffix: Format | undefined;
}

/** What every table and row answer says about where it comes from. */
function provenance(resolved: ResolvedRelease, ask: TableAsk, pinnedUrl: string) {
  return {
    contentType: MEDIA_TYPES[ask.format],
    version: resolved.manifest.version,
    asOf: resolved.manifest.date,
    negotiated: !ask.suffix,
    links: provenanceLinks(resolved.manifest.version, ask.table),
    ...(ask.ref === 'latest' ? { contentLocation: pinnedUrl } : {}),
  } satisfies Partial<Answer>;
}

export async function tableRoute(asked: Asked, ref: ReleaseRef, segment: string): Promise<Reply> {
  const [name, view] = splitView(segment);
  const table = findTable(name);
  const chosen = negotiateView(view, asked.request.headers.get('Accept'));
  if (chosen === PAGE_SUFFIX) return tablePageRoute(asked, ref, table, view === PAGE_SUFFIX);
  const suffix = view as Format | undefined;
  const ask: TableAsk = { ref, table, format: chosen, suffix };
  const query = parseTableQuery(table, ask.format, asked.url.searchParams);
  return fromRelease(asked, ref, (resolved) => tableAnswer(asked, ask, query, resolved));
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

  const { result, columns, facets, pages, checked } = await runQuery(asked, resolved, table, query, columnsHere);
  query = checked.query;
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

export async function rowRoute(asked: Asked, ref: ReleaseRef, name: string, idSegment: string): Promise<Reply> {
  const table = findTable(name);
  const [rawId, view] = splitView(idSegment);
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    throw badRequest(`The row id "${rawId}" is not valid percent-encoding.`);
  }
  if (!table.rowPath) throw notFound(`Rows of "${table.name}" have no URL of their own; filter the table instead, e.g. ${paths.table('latest', table.name, 'json')}?${Object.keys(table.filters)[0] ?? 'limit'}=…`);
  if ([...asked.url.searchParams.keys()].some((k) => k !== CACHE_BUSTER)) throw badRequest('A single row takes no query parameters.');
  const chosen = negotiateView(view, asked.request.headers.get('Accept'));
  if (chosen === PAGE_SUFFIX) return rowPageRoute(asked, ref, table, (resolved) => findRow(asked, resolved, table, id), view === PAGE_SUFFIX);
  const ask: TableAsk = { ref, table, format: chosen, suffix: view as Format | undefined };
  return fromRelease(asked, ref, (resolved) => rowAnswer(asked, ask, id, resolved));
}

/** The row with this id: ids match ignoring case; where two differ only in case, the one written as asked wins. */
async function findRow(asked: Asked, resolved: ResolvedRelease, table: TableFacts, id: string): Promise<Row> {
  const entry = tableEntry(resolved, table);
  const index = await loadQueryIndex(asked.env, entry.index, { ids: true });
  const column = table.rowPath!;
  const candidates = await loadRowsAt(asked.env, entry.json, index, rowsWithId(index.ids!, id));
  const row = candidates.find((r) => String(r[column]) === id) ?? candidates[0];
  if (!row) throw notFound(`Release ${resolved.manifest.version} has no ${table.name} row with ${column} "${id}".`);
  return row;
}

async function rowAnswer(asked: Asked, ask: TableAsk, id: string, resolved: ResolvedRelease): Promise<Answer> {
  const { table, format } = ask;
  const column = table.rowPath!;
  const row = await findRow(asked, resolved, table, id);
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
