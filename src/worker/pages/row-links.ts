// Where a page's ids lead: a row's own id to its page, a cited id to the page
// of the row it names (in the same release as the page), with that row's name
// beside it where the query's labels found one.
import type { CellLinks } from '../../core/pages/cells.ts';
import type { LabelColumn } from '../../core/labels.ts';
import { type ReleaseRef, paths } from '../../core/paths.ts';
import type { Row, TableFacts } from '../../core/table-types.ts';
import { tableNamed } from '../table-facts.ts';

/** The page's way back: the release, when the page is pinned to one. */
export function releaseCrumbs(ref: ReleaseRef, version: string, more: readonly { label: string; href: string }[] = []) {
  return [...(ref === 'latest' ? [] : [{ label: `Release ${version}`, href: paths.release(version) }]), ...more];
}

/** The URL of the row an id names, if its table gives rows URLs. */
export function rowHref(ref: ReleaseRef, table: string, id: string): string | undefined {
  return tableNamed(table)?.rowPath ? paths.row(ref, table, id) : undefined;
}

export function rowLinks(table: TableFacts, ref: ReleaseRef, labels: readonly LabelColumn[], row: Row): CellLinks {
  return {
    href(column, id) {
      if (column === table.rowPath) return rowHref(ref, table.name, id);
      const cited = table.references?.[column];
      return cited ? rowHref(ref, cited, id) : undefined;
    },
    name(column, _id, item) {
      const label = labels.find((l) => l.of === column);
      if (!label) return undefined;
      const cell = row[label.name];
      const value = Array.isArray(cell) ? cell[item ?? 0] : cell;
      return value === null || value === undefined || value === '' ? undefined : String(value);
    },
  };
}
