// /v1/releases, /v1/releases/{version} and /v1/releases/{a}/diff/{b}.
import { diffFile, paths, RELEASE_PAGE_FILE } from '../../core/paths.ts';
import { renderCsv } from '../../core/render/csv.ts';
import { compareVersions } from '../../core/semver.ts';
import { MEDIA_TYPES } from '../../core/formats.ts';
import { negotiate, negotiateView, PAGE_SUFFIX, prefersPage, splitView } from '../../core/negotiate.ts';
import { renderedFreshness } from '../../core/freshness.ts';
import { FEED_SUFFIX, releasesFeedRoute, releasesPageRoute } from './release-pages.ts';
import { badRequest, notFound } from '../../core/problem.ts';
import { refuseQuery } from '../../core/query-params.ts';
import { resolveRelease } from '../kv/resolve.ts';
import type { Reply } from '../http/respond.ts';
import { type Asked, fromRelease, reply } from './asked.ts';

const RELEASE_CSV_COLUMNS = ['version', 'date', 'title', 'latest', 'hash', 'rows', 'notes'];

export function releasesRoute(asked: Asked, segment: string): Promise<Reply> {
  if (segment === `releases.${FEED_SUFFIX}`) {
    refuseQuery(asked.url, 'feed');
    return releasesFeedRoute(asked);
  }
  const [name, view] = splitView(segment);
  if (name !== 'releases') throw notFound(`Nothing lives at /v1/${segment}. Releases are listed at ${paths.releases()}, ${paths.releases('json')}, ${paths.releases('csv')} and as a feed at ${paths.releases('atom')}.`);
  refuseQuery(asked.url, 'resource');
  const chosen = negotiateView(view, asked.request.headers.get('Accept'));
  if (chosen === PAGE_SUFFIX) return releasesPageRoute(asked, view === PAGE_SUFFIX);
  const format = chosen;
  const suffix = view;
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

export async function releaseRoute(asked: Asked, segment: string): Promise<Reply> {
  refuseQuery(asked.url, 'resource');
  const [version, view] = splitView(segment);
  if (view === 'csv') throw notFound(`A release is described at ${paths.release(version)} (JSON) and ${paths.release(version, 'html')} (a page).`);
  // JSON unless a page is asked for: a release has no CSV to negotiate, so any other Accept gets JSON, as before pages.
  if (view === PAGE_SUFFIX || (!view && prefersPage(asked.request.headers.get('Accept')))) {
    return storedPage(asked, version, RELEASE_PAGE_FILE, view === PAGE_SUFFIX, `Release ${version} has no page yet.`);
  }
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
    negotiated: !view,
  });
}

export function diffRoute(asked: Asked, from: string, segment: string): Promise<Reply> {
  const [to, suffix] = splitView(segment);
  const accept = asked.request.headers.get('Accept');
  const chosen = negotiateView(suffix, accept);
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
      // A browser asking for a comparison that has no page (not from one release to the next) gets its data.
      const format = chosen === PAGE_SUFFIX && !suffix && !resolved.documents![diffFile(from, to, chosen)] ? negotiate(undefined, accept) : chosen;
      const doc = resolved.documents![diffFile(from, to, format)];
      if (!doc && format === PAGE_SUFFIX) {
        throw notFound(`Only the changes from each release to the next are a page; this comparison is data: ${paths.diff(from, to, 'csv')} or ${paths.diff(from, to, 'json')}.`);
      }
      if (!doc) throw notFound(`No comparison between ${from} and ${to} has been published.`);
      return {
        content: { stored: doc },
        contentType: doc.contentType,
        // Diffs of immutable releases, but documents that a later build may regenerate.
        freshness: 'latest',
        asOf: [a!.date, b!.date].sort().at(-1)!,
        negotiated: !suffix,
        filename: format === 'csv' ? `liberterra-diff-${from}-${to}.csv` : undefined,
        headers: doc.headers,
      };
    },
    { documents: true },
  );
}

/** A page the build rendered for a release (its own, or a diff's). */
function storedPage(asked: Asked, version: string, file: string, suffixed: boolean, missing: string): Promise<Reply> {
  if (!asked.pointer.releases.some((r) => r.version === version)) {
    throw notFound(`Release ${version} is not published. Published releases: ${asked.pointer.releases.map((r) => r.version).join(', ')}.`);
  }
  return fromRelease(
    asked,
    { version },
    (resolved) => {
      const doc = resolved.documents![file];
      if (!doc) throw notFound(missing);
      return { content: { stored: doc }, contentType: doc.contentType, freshness: renderedFreshness(resolved.freshness), version, asOf: resolved.manifest.date, negotiated: !suffixed, headers: doc.headers };
    },
    { documents: true },
  );
}
