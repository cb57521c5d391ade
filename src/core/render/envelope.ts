// The JSON envelope every table response shares: `{ data, meta }`.
import type { Row } from '../table-types.ts';
import type { ReleaseInfo } from '../release-types.ts';

export interface Page {
  total: number;
  offset: number;
  limit: number | null;
}

export interface EnvelopeLinks {
  self: string;
  csv: string;
  schema: string;
  next: string | null;
  latest: string;
}

export function renderEnvelope(args: {
  table: string;
  release: ReleaseInfo;
  rows: readonly Row[];
  page: Page;
  links: EnvelopeLinks;
  /** Counts per value of the facets asked for (facet=…), under the query's other filters. */
  facets?: Record<string, { value: string; count: number }[]>;
}): string {
  const { table, release, rows, page, links, facets } = args;
  return JSON.stringify({
    data: rows,
    meta: {
      table,
      version: release.version,
      released: release.date,
      rows: rows.length,
      total: page.total,
      offset: page.offset,
      limit: page.limit,
      licence: release.licence,
      citation: release.citation,
      links,
      ...(facets ? { facets } : {}),
    },
  });
}

/** A bare JSON array of rows, for `pandas.read_json(url)` and friends. */
export function renderArray(rows: readonly Row[]): string {
  return JSON.stringify(rows);
}
