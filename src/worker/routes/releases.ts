// /v1/releases, /v1/releases/{version} and /v1/releases/{a}/diff/{b}.
import { kvKeys, paths } from '../../paths.ts';
import { renderCsv } from '../../render/csv.ts';
import { MEDIA_TYPES, negotiate } from '../negotiate.ts';
import { badRequest, notFound } from '../problem.ts';
import { resolveRelease } from '../resolve.ts';
import { type Body, httpDate } from '../respond.ts';
import { type Env, loadDocument, loadPointer, sha256 } from '../store.ts';
import { splitFormat } from './tables.ts';

const RELEASE_CSV_COLUMNS = ['version', 'date', 'title', 'latest', 'hash', 'rows', 'notes'];

function noQuery(request: Request): void {
  const keys = [...new URL(request.url).searchParams.keys()].filter((k) => k !== '_');
  if (keys.length) throw badRequest(`This resource takes no query parameters (got: ${keys.join(', ')}).`);
}

export async function releasesRoute(request: Request, env: Env, segment: string): Promise<Body> {
  const [name, suffix] = splitFormat(segment);
  if (name !== 'releases') throw notFound(`Nothing lives at /v1/${segment}. Releases are listed at ${paths.releases()}, ${paths.releases()}.json and ${paths.releases()}.csv.`);
  const format = negotiate(suffix, request.headers.get('Accept'));
  noQuery(request);
  const pointer = await loadPointer(env);
  const releases = [...pointer.releases].reverse().map(({ documents: _internal, ...r }) => ({
    ...r,
    latest: r.version === pointer.latest,
    links: { self: paths.release(r.version), tables: Object.fromEntries(Object.keys(r.rows).map((t) => [t, paths.table({ version: r.version }, t, 'json')])) },
  }));
  const body =
    format === 'csv'
      ? renderCsv(
          RELEASE_CSV_COLUMNS,
          releases.map((r) => ({
            version: r.version,
            date: r.date,
            title: r.title,
            latest: String(r.latest),
            hash: r.hash,
            rows: Object.values(r.rows).reduce((a, b) => a + b, 0),
            notes: r.notes,
          })),
        )
      : JSON.stringify({ data: releases, meta: { latest: pointer.latest, total: releases.length, links: { self: paths.releases(), csv: `${paths.releases()}.csv` } } });
  return {
    body,
    contentType: MEDIA_TYPES[format],
    etag: `"${await sha256(body)}"`,
    freshness: 'latest',
    headers: {
      'X-Release-Version': pointer.latest,
      ...(format === 'csv' ? { 'Content-Disposition': 'attachment; filename="liberterra-releases.csv"' } : {}),
      ...(suffix ? {} : { Vary: 'Accept' }),
    },
  };
}

export async function releaseRoute(request: Request, env: Env, version: string): Promise<Body> {
  noQuery(request);
  const { manifest } = await resolveRelease(env, { version });
  const pinned = { version };
  const body = JSON.stringify({
    data: {
      version: manifest.version,
      date: manifest.date,
      title: manifest.title,
      notes: manifest.notes,
      hash: manifest.hash,
      licence: manifest.licence,
      citation: manifest.citation,
      tables: manifest.tables.map((t) => ({
        name: t.name,
        rows: t.rows,
        csv: { url: paths.table(pinned, t.name, 'csv'), sha256: t.csv.sha256, bytes: t.csv.bytes },
        json: { url: paths.table(pinned, t.name, 'json'), sha256: t.json.sha256, bytes: t.json.bytes },
        schema: paths.schema(pinned, t.name),
      })),
    },
    meta: {
      links: {
        self: paths.release(version),
        releases: paths.releases(),
        datapackage: paths.document(pinned, 'datapackage'),
        catalog: paths.document(pinned, 'catalog'),
        openapi: paths.document(pinned, 'openapi'),
      },
    },
  });
  return {
    body,
    contentType: MEDIA_TYPES.json,
    etag: `"${await sha256(body)}"`,
    freshness: 'immutable',
    lastModified: httpDate(manifest.date),
    headers: { 'X-Release-Version': version },
  };
}

export async function diffRoute(request: Request, env: Env, from: string, segment: string): Promise<Body> {
  const [to, suffix] = splitFormat(segment);
  const format = negotiate(suffix, request.headers.get('Accept'));
  noQuery(request);
  if (from === to) throw badRequest(`Compare two different releases, e.g. ${paths.diff(from, '<other version>', 'json')}.`);
  const [a, b] = await Promise.all([resolveRelease(env, { version: from }), resolveRelease(env, { version: to })]);
  const body = await loadDocument(env, kvKeys.diff(from, to, format));
  if (body === null) throw notFound(`No comparison between ${from} and ${to} has been published.`);
  return {
    body,
    contentType: MEDIA_TYPES[format],
    etag: `"${await sha256(body)}"`,
    freshness: 'immutable',
    lastModified: httpDate([a.manifest.date, b.manifest.date].sort().at(-1)!),
    headers: {
      ...(format === 'csv' ? { 'Content-Disposition': `attachment; filename="liberterra-diff-${from}-${to}.csv"` } : {}),
      ...(suffix ? {} : { Vary: 'Accept' }),
    },
  };
}
