// /v1: an index of everything, with links.
import { paths } from '../../core/paths.ts';
import { DATASET, LICENCE } from '../../core/dataset.ts';
import { tables } from '../table-facts.ts';
import { MEDIA_TYPES } from '../../core/formats.ts';
import { CACHE_BUSTER } from '../../core/query-params.ts';
import type { Reply } from '../http/respond.ts';
import { type Asked, reply } from './asked.ts';

export function apiIndexRoute(asked: Asked): Promise<Reply> {
  const { pointer } = asked;
  const latest = pointer.releases.find((r) => r.version === pointer.latest);
  const text = JSON.stringify({
    title: DATASET.title,
    description: DATASET.description,
    latest: pointer.latest,
    licence: LICENCE,
    tables: tables
      .filter((t) => latest?.rows[t.name] !== undefined)
      .map((t) => ({
        name: t.name,
        title: t.title,
        description: t.description,
        rows: latest?.rows[t.name],
        filters: Object.keys(t.filters),
        search: t.search.length > 0,
        links: {
          json: paths.table('latest', t.name, 'json'),
          csv: paths.table('latest', t.name, 'csv'),
          schema: paths.schema('latest', t.name),
        },
      })),
    releases: pointer.releases.map((r) => ({ version: r.version, date: r.date, links: { self: paths.release(r.version) } })),
    conventions: {
      formats: 'Add .json or .csv to a table URL; without one the Accept header decides, JSON by default.',
      lists: 'List values are JSON arrays; in CSV they are joined with ";".',
      query: 'Filter with ?column=value,value; search with ?q=; sort=col,-col; fields=a,b; limit and offset page.',
      cache_buster: `?${CACHE_BUSTER}=<anything> is accepted and ignored, for spreadsheets that cache by URL.`,
      pinning: `Use ${paths.table({ version: pointer.latest }, 'metrics', 'csv')} for bytes that never change.`,
    },
    links: {
      self: paths.index(),
      home: paths.landing(),
      releases: paths.releases(),
      datapackage: paths.document('latest', 'datapackage'),
      catalog: paths.document('latest', 'catalog'),
      openapi: paths.document('latest', 'openapi'),
    },
  });
  return reply(asked, { content: { text }, contentType: MEDIA_TYPES.json, freshness: 'latest' });
}
