// /v1/{table} and /v1/{table}/{id}, latest or pinned: load → filter → render.
import { DOCUMENTS, paths, type ReleaseRef } from '../../core/paths.ts';
import { type Format, MEDIA_TYPES, splitFormat } from '../../core/formats.ts';
import { renderCsv } from '../../core/render/csv.ts';
import { renderArray, renderEnvelope } from '../../core/render/envelope.ts';
import { LICENCE } from '../../core/dataset.ts';
import type { Row, TableFacts } from '../../core/table-types.ts';
import { tableNamed, tables } from '../table-facts.ts';
import { negotiate } from '../../core/negotiate.ts';
import { badRequest, notFound } from '../../core/problem.ts';
import { CACHE_BUSTER, isWholeTable, parseTableQuery, type TableQuery } from '../../core/query-params.ts';
import { type ResolvedRelease, withRelease } from '../kv/resolve.ts';
import { type Body, httpDate } from '../http/respond.ts';
import { renderedFreshness } from '../../core/freshness.ts';
import { storedBodyFor } from '../http/encoding.ts';
import { selectRows } from '../query/select.ts';
import { type Env, loadQueryIndex, loadRowsAt, sha256 } from '../kv/store.ts';

function findTable(name: string): TableFacts {
  const table = tableNamed(name);
  if (!table) throw notFound(`There is no table "${name}". Tables: ${tables.map((t) => t.name).join(', ')}.`);
  return table;
}

function tableEntry(resolved: ResolvedRelease, table: TableFacts) {
  const entry = resolved.manifest.tables.find((t) => t.name === table.name);
  if (!entry) {
    const first = resolved.pointer.releases.find((r) => r.rows[table.name] !== undefined);
    throw notFound(
      `Release ${resolved.manifest.version} has no table "${table.name}"${first ? `; it first appears in release ${first.version}` : ''}.`,
    );
  }
  return entry;
}

function commonHeaders(resolved: ResolvedRelease, ref: ReleaseRef, table: TableFacts, suffix: Format | undefined): Record<string, string> {
  const pinned = { version: resolved.manifest.version };
  return {
    'X-Release-Version': resolved.manifest.version,
    Link: [
      `<${paths.schema(pinned, table.name)}>; rel="describedby"; type="application/schema+json"`,
      `<${paths.document(pinned, 'datapackage')}>; rel="describedby"; type="${DOCUMENTS.datapackage.contentType}"`,
      `<${LICENCE.url}>; rel="license"`,
    ].join(', '),
    ...(ref === 'latest' ? { 'Content-Location': paths.table(pinned, table.name, suffix) } : {}),
    ...(suffix ? {} : { Vary: 'Accept' }),
  };
}

export async function tableRoute(request: Request, env: Env, ref: ReleaseRef, segment: string): Promise<Body> {
  const [name, suffix] = splitFormat(segment);
  const table = findTable(name);
  const format = negotiate(suffix, request.headers.get('Accept'));
  const url = new URL(request.url);
  const query = parseTableQuery(table, format, url.searchParams);
  return withRelease(env, ref, (resolved) => serveTable(request, env, ref, table, format, suffix, query, url, resolved));
}

async function serveTable(
  request: Request,
  env: Env,
  ref: ReleaseRef,
  table: TableFacts,
  format: Format,
  suffix: Format | undefined,
  query: TableQuery,
  url: URL,
  resolved: ResolvedRelease,
): Promise<Body> {
  const entry = tableEntry(resolved, table);
  const version = resolved.manifest.version;
  const base = {
    freshness: resolved.freshness,
    lastModified: httpDate(resolved.manifest.date),
    contentType: MEDIA_TYPES[format],
  };
  const headers: Record<string, string> = {
    ...commonHeaders(resolved, ref, table, suffix),
    ...(format === 'csv' ? { 'Content-Disposition': `attachment; filename="liberterra-${table.name}-${version}.csv"` } : {}),
  };

  if (isWholeTable(query) && !(format === 'json' && query.shape === 'array')) {
    return {
      ...base,
      ...(await storedBodyFor(request, env, entry[format], { bom: query.bom })),
      headers: { ...headers, 'X-Total-Count': String(entry.rows) },
    };
  }

  base.freshness = renderedFreshness(base.freshness);
  const index = await loadQueryIndex(env, entry.index);
  const selection = selectRows(index, query);
  const rows = await loadRowsAt(env, entry.json, index, selection.positions);
  const result = { rows: query.fields ? rows.map((row) => project(row, query.fields!)) : rows, total: selection.total };
  const columns = query.fields ?? table.columns.map((c) => c.name);
  const links = pageLinks(url, query, result.total);
  let body: string;
  if (format === 'csv') body = renderCsv(columns, result.rows, { bom: query.bom });
  else if (query.shape === 'array') body = renderArray(result.rows);
  else {
    body = renderEnvelope({
      table: table.name,
      release: resolved.manifest,
      rows: result.rows,
      page: { total: result.total, offset: query.offset, limit: query.limit ?? null },
      links: {
        self: `${url.pathname}${url.search}`,
        csv: withFormat(url, 'csv'),
        schema: paths.schema({ version }, table.name),
        next: links.next ?? null,
        latest: paths.table('latest', table.name, 'json'),
      },
    });
  }
  return {
    ...base,
    body,
    etag: `"${await sha256(body)}"`,
    headers: {
      ...headers,
      'X-Total-Count': String(result.total),
      Link: [headers.Link, ...Object.entries(links).map(([rel, href]) => `<${href}>; rel="${rel}"`)].join(', '),
    },
  };
}

/** Only the columns asked for, in that order. */
function project(row: Row, fields: readonly string[]): Row {
  return Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
}

/** first/prev/next/last links for a paged query, keeping every other parameter. */
function pageLinks(url: URL, query: TableQuery, total: number): Record<string, string> {
  if (query.limit === undefined) return {};
  const limit = query.limit;
  const at = (offset: number) => {
    const next = new URL(url);
    next.searchParams.set('offset', String(offset));
    return `${next.pathname}${next.search}`;
  };
  const links: Record<string, string> = { first: at(0) };
  if (query.offset > 0) links.prev = at(Math.max(0, query.offset - limit));
  if (query.offset + limit < total) links.next = at(query.offset + limit);
  links.last = at(Math.max(0, Math.floor((total - 1) / limit) * limit));
  return links;
}

/** The same query as another format; `shape` only applies to JSON. */
function withFormat(url: URL, format: Format): string {
  const [name] = splitFormat(url.pathname);
  const search = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair && !pair.startsWith('shape='))
    .join('&');
  return `${name}.${format}${search ? `?${search}` : ''}`;
}

export async function rowRoute(request: Request, env: Env, ref: ReleaseRef, name: string, idSegment: string): Promise<Body> {
  const table = findTable(name);
  const [rawId, suffix] = splitFormat(idSegment);
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    throw badRequest(`The row id "${rawId}" is not valid percent-encoding.`);
  }
  if (!table.rowPath) throw notFound(`Rows of "${table.name}" have no URL of their own; filter the table instead, e.g. ${paths.table('latest', table.name, 'json')}?${Object.keys(table.filters)[0] ?? 'limit'}=…`);
  const format = negotiate(suffix, request.headers.get('Accept'));
  const url = new URL(request.url);
  if ([...url.searchParams.keys()].some((k) => k !== CACHE_BUSTER)) throw badRequest('A single row takes no query parameters.');
  return withRelease(env, ref, (resolved) => serveRow(env, ref, table, format, suffix, id, resolved));
}

async function serveRow(env: Env, ref: ReleaseRef, table: TableFacts, format: Format, suffix: Format | undefined, id: string, resolved: ResolvedRelease): Promise<Body> {
  const entry = tableEntry(resolved, table);
  const index = await loadQueryIndex(env, entry.index);
  const column = table.rowPath!;
  const ids = index.ids ?? [];
  let position = ids.indexOf(id);
  if (position < 0) position = ids.findIndex((candidate) => candidate.toLowerCase() === id.toLowerCase());
  const [row] = position < 0 ? [] : await loadRowsAt(env, entry.json, index, [position]);
  if (!row) throw notFound(`Release ${resolved.manifest.version} has no ${table.name} row with ${column} "${id}".`);
  const version = resolved.manifest.version;
  const rowId = String(row[column]);
  const pinned = { version };
  const body =
    format === 'csv'
      ? renderCsv(table.columns.map((c) => c.name), [row])
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
    freshness: renderedFreshness(resolved.freshness),
    lastModified: httpDate(resolved.manifest.date),
    contentType: MEDIA_TYPES[format],
    body,
    etag: `"${await sha256(body)}"`,
    headers: {
      ...commonHeaders(resolved, ref, table, suffix),
      ...(ref === 'latest' ? { 'Content-Location': paths.row(pinned, table.name, rowId) } : {}),
      ...(format === 'csv' ? { 'Content-Disposition': `attachment; filename="liberterra-${table.name}-${rowId}-${version}.csv"` } : {}),
    },
  };
}
