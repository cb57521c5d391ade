// Table and row URLs as pages, for a browser (an Accept preferring text/html,
// or `.html`): the same query as the data answers run, rendered for people.
// A row page follows the data's relations both ways: the ids it cites, and
// every row of another table that cites it.
import pageFacts from '../../../.build/pages.json';
import { MAP_LAND_FILE, MAP_LAND_MARK, mapFile, paths, type ReleaseRef } from '../../core/paths.ts';
import { PAGE_SUFFIX, PAGE_TYPE } from '../../core/negotiate.ts';
import { CACHE_BUSTER, parseTableQuery, type TableQuery } from '../../core/query-params.ts';
import { renderedFreshness } from '../../core/freshness.ts';
import { columnsAsOf } from '../../core/columns-as-of.ts';
import type { Row, TableFacts } from '../../core/table-types.ts';
import type { Answer, Reply } from '../http/respond.ts';
import type { ResolvedRelease } from '../kv/resolve.ts';
import { loadBody, loadQueryIndex, loadRowsAt } from '../kv/store.ts';
import { indexNeeds, selectRows } from '../query/select.ts';
import { namesOf, shownLabels, withLabels } from '../query/labels.ts';
import { tables } from '../table-facts.ts';
import { renderTablePage } from '../pages/table-page.ts';
import { type Related, renderRowPage } from '../pages/row-page.ts';
import { givenParams, joinRepeated, PageQuery } from '../pages/page-links.ts';
import { contactOf } from '../kv/env.ts';
import { type Asked, fromRelease } from './asked.ts';
import { provenanceLinks, releaseColumns, runQuery, tableEntry } from './table-query.ts';
import { pinnedLocation } from './subset-names.ts';

/** The CSP of every page the Worker renders: the shared stylesheet by hash, nothing that runs. */
export const PAGE_HEADERS: Record<string, string> = { 'Content-Security-Policy': pageFacts.csp };
/** Rows per page unless the reader asks for another `limit`. */
export const PAGE_LIMIT = 50;
/** Rows of each related table a row page lists: more than any row of this dataset has. */
const RELATED_LIMIT = 500;

/** A page carries what its data answer does: provenance links and, from latest, the page pinned to its release. */
function pageAnswer(asked: Asked, resolved: ResolvedRelease, page: { table: TableFacts; ref: ReleaseRef; pinnedPath: string; suffixed: boolean }, text: string, extra: Partial<Answer> = {}): Answer {
  return {
    content: { text },
    contentType: PAGE_TYPE,
    freshness: renderedFreshness(resolved.freshness),
    version: resolved.manifest.version,
    asOf: resolved.manifest.date,
    negotiated: !page.suffixed,
    ...(page.ref === 'latest' ? { contentLocation: pinnedLocation(page.pinnedPath, asked.url) } : {}),
    ...extra,
    links: [...provenanceLinks(resolved.manifest.version, page.table), ...(extra.links ?? [])],
    headers: { ...PAGE_HEADERS, ...extra.headers },
  };
}

export function tablePageRoute(asked: Asked, ref: ReleaseRef, table: TableFacts, suffixed: boolean): Promise<Reply> {
  const given = joinRepeated(givenParams(asked.url, [CACHE_BUSTER]), table);
  const parsed = parseTableQuery(table, 'json', given);
  return fromRelease(asked, ref, async (resolved) => {
    const version = resolved.manifest.version;
    const here = columnsAsOf(table.columns, version).map((c) => c.name);
    const query: TableQuery = {
      ...parsed,
      limit: parsed.limit ?? PAGE_LIMIT,
      // Counts for every filter this release has a column for, but the row's own id, which has as many values as rows.
      facets: parsed.facets.length ? parsed.facets : Object.entries(table.filters).filter(([, column]) => column !== table.rowPath && here.includes(column)).map(([param, column]) => ({ param, column })),
      labels: !!table.references,
    };
    const run = await runQuery(asked, resolved, table, query, releaseColumns(table, version, query));
    const facets = run.facets ?? {};
    const facetNames = new Map(
      await Promise.all(
        run.checked.query.facets
          .filter(({ column }) => table.references?.[column])
          .map(async ({ param, column }) => [column, await namesOf(asked.env, resolved, table.references![column]!, (facets[param] ?? []).map((c) => c.value))] as const),
      ),
    );
    const columns = columnsAsOf(table.columns, version);
    const text = renderTablePage({
      table,
      ref,
      version,
      origin: asked.url.origin,
      page: new PageQuery(asked.url.pathname, given),
      query: run.checked.query,
      columns: run.shown.map((name) => columns.find((c) => c.name === name)!),
      releaseColumns: columns,
      labels: run.labels,
      rows: run.result.rows,
      total: run.result.total,
      facets,
      facetNames,
      resolved: run.checked.resolved,
      ...contactOf(asked.env),
    });
    const said = run.checked.resolved.length ? { headers: { 'X-Query-Resolved': run.checked.resolved.join(', ') } } : {};
    const pinnedPath = paths.table({ version }, table.name, PAGE_SUFFIX);
    return pageAnswer(asked, resolved, { table, ref, pinnedPath, suffixed }, text, { total: run.result.total, links: run.pages, ...said });
  });
}

export function rowPageRoute(asked: Asked, ref: ReleaseRef, table: TableFacts, row: (resolved: ResolvedRelease) => Promise<Row>, suffixed: boolean): Promise<Reply> {
  const isOperation = table.name === 'operations';
  return fromRelease(
    asked,
    ref,
    async (resolved) => {
      const version = resolved.manifest.version;
      const found = await row(resolved);
      const id = String(found[table.rowPath!]);
      const columns = columnsAsOf(table.columns, version);
      const labels = shownLabels(table, columns.map((c) => c.name));
      const [labelled] = labels.length ? await withLabels(asked.env, resolved, labels, [found]) : [found];
      const [related, mapHtml] = await Promise.all([relatedRows(asked, resolved, table, id), isOperation ? operationMap(asked, resolved, id) : undefined]);
      const text = renderRowPage({ table, ref, version, id, row: labelled!, columns, labels, related, ...(mapHtml ? { map: mapHtml } : {}), ...contactOf(asked.env) });
      return pageAnswer(asked, resolved, { table, ref, pinnedPath: paths.row({ version }, table.name, id, PAGE_SUFFIX), suffixed }, text);
    },
    { documents: isOperation },
  );
}

/** The operation's map, its land put in (both drawn at build time). */
async function operationMap(asked: Asked, resolved: ResolvedRelease, id: string): Promise<string | undefined> {
  const [map, land] = [resolved.documents?.[mapFile(id)], resolved.documents?.[MAP_LAND_FILE]];
  if (!map || !land) return undefined;
  const [fragment, layer] = await Promise.all([loadBody(asked.env, map), loadBody(asked.env, land)]);
  return fragment.replace(MAP_LAND_MARK, () => layer);
}

/**
 * Every row of another table (or this one) whose reference column holds this id, each table's with the names beside its ids.
 * Not runQuery: its filter check refuses a value no row holds, and most tables cite a given id nowhere.
 */
async function relatedRows(asked: Asked, resolved: ResolvedRelease, target: TableFacts, id: string): Promise<Related[]> {
  const version = resolved.manifest.version;
  const wanted = tables.flatMap((table) =>
    Object.entries(table.references ?? {})
      .filter(([column, cited]) => cited === target.name && resolved.tables.has(table.name) && columnsAsOf(table.columns, version).some((c) => c.name === column))
      .map(([column]) => ({ table, column })),
  );
  return Promise.all(
    wanted.map(async ({ table, column }) => {
      const entry = tableEntry(resolved, table);
      const query: TableQuery = { filters: [{ column, values: [id] }], bounds: [], facets: [], sort: [], offset: 0, limit: RELATED_LIMIT, shape: 'envelope', bom: false, labels: true };
      const index = await loadQueryIndex(asked.env, entry.index, indexNeeds(query, false));
      const selection = selectRows(index, query);
      const rows = await loadRowsAt(asked.env, entry.json, index, selection.positions);
      const columns = columnsAsOf(table.columns, version);
      const labels = shownLabels(table, columns.map((c) => c.name)).filter((l) => l.of !== column);
      return { table, column, columns, labels, rows: labels.length ? await withLabels(asked.env, resolved, labels, rows) : rows, total: selection.total };
    }),
  );
}
