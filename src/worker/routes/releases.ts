// /v1/releases, /v1/releases/{version} and /v1/releases/{a}/diff/{b}.
import { diffFile, paths } from '../../core/paths.ts';
import { renderCsv } from '../../core/render/csv.ts';
import { compareVersions } from '../../core/semver.ts';
import { MEDIA_TYPES, splitFormat } from '../../core/formats.ts';
import { negotiate } from '../../core/negotiate.ts';
import { badRequest, notFound } from '../../core/problem.ts';
import { refuseQuery } from '../../core/query-params.ts';
import { resolveRelease } from '../kv/resolve.ts';
import type { Reply } from '../http/respond.ts';
import { type Asked, fromRelease, reply } from './asked.ts';

const RELEASE_CSV_COLUMNS = ['version', 'date', 'title', 'latest', 'hash', 'rows', 'notes'];

export function releasesRoute(asked: Asked, segment: string): Promise<Reply> {
  const [name, suffix] = splitFormat(segment);
  if (name !== 'releases') throw notFound(`Nothing lives at /v1/${segment}. Releases are listed at ${paths.releases()}, ${paths.releases('json')} and ${paths.releases('csv')}.`);
  const format = negotiate(suffix, asked.request.headers.get('Accept'));
  refuseQuery(asked.url, 'resource');
  const { pointer } = asked;
  const releases = [...pointer.releases].reverse().map(({ documents: _documents, manifest: _manifest, ...r }) => ({
    ...r,
    latest: r.version === pointer.latest,
    links: { self: paths.release(r.version), tables: Object.fromEntries(Object.keys(r.rows).map((t) => [t, paths.table({ version: r.version }, t, 'json')])) },
  }));
  const text =
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
      : JSON.stringify({ data: releases, meta: { latest: pointer.latest, total: releases.length, links: { self: paths.releases(), csv: paths.releases('csv') } } });
  return reply(asked, {
    content: { text },
    contentType: MEDIA_TYPES[format],
    freshness: 'latest',
    version: pointer.latest,
    negotiated: !suffix,
    filename: format === 'csv' ? 'liberterra-releases.csv' : undefined,
  });
}

export async function releaseRoute(asked: Asked, version: string): Promise<Reply> {
  refuseQuery(asked.url, 'resource');
  const { manifest } = await resolveRelease(asked.env, asked.pointer, { version });
  const pinned = { version };
  const text = JSON.stringify({
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
  return reply(asked, {
    content: { text },
    contentType: MEDIA_TYPES.json,
    // Rendered here from the manifest, so it follows the code: not immutable.
    freshness: 'latest',
    version,
    asOf: manifest.date,
  });
}

export function diffRoute(asked: Asked, from: string, segment: string): Promise<Reply> {
  const [to, suffix] = splitFormat(segment);
  const format = negotiate(suffix, asked.request.headers.get('Accept'));
  refuseQuery(asked.url, 'resource');
  if (from === to) throw badRequest(`Compare two different releases, e.g. ${paths.diff(from, '<other version>', 'json')}.`);
  const { pointer } = asked;
  const [a, b] = [from, to].map((version) => pointer.releases.find((r) => r.version === version));
  const missing = [from, to].find((_, i) => ![a, b][i]);
  if (missing) throw notFound(`Release ${missing} is not published. Published releases: ${pointer.releases.map((r) => r.version).join(', ')}.`);
  // A diff is a document of the later release: verified like every body.
  const later = compareVersions(from, to) > 0 ? from : to;
  return fromRelease(
    asked,
    { version: later },
    (resolved) => {
      const doc = resolved.documents![diffFile(from, to, format)];
      if (!doc) throw notFound(`No comparison between ${from} and ${to} has been published.`);
      return {
        content: { stored: doc },
        contentType: MEDIA_TYPES[format],
        // Diffs of immutable releases, but documents that a later build may regenerate.
        freshness: 'latest',
        asOf: [a!.date, b!.date].sort().at(-1)!,
        negotiated: !suffix,
        filename: format === 'csv' ? `liberterra-diff-${from}-${to}.csv` : undefined,
      };
    },
    { documents: true },
  );
}
