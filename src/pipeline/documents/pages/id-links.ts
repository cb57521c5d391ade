// Links from the ids in a build-time page to the row pages of one release.
import type { CellLinks } from '../../../core/pages/cells.ts';
import { paths } from '../../../core/paths.ts';
import { tableFacts } from '../../../schema/table.ts';
import { tableNamed, tables } from '../../../schema/registry.ts';

const facts = new Map(tables.map((t) => [t.name, tableFacts(t)]));

/** Ids of this table's row path and references, as links to `version`'s row pages. */
export function idLinks(table: string, version: string): CellLinks {
  const own = facts.get(table);
  const rowsOf = (name: string | undefined) => (name && tableNamed(name) && facts.get(name)?.rowPath ? name : undefined);
  return {
    href(column, id) {
      const target = column === own?.rowPath ? table : rowsOf(own?.references?.[column]);
      return target && rowsOf(target) ? paths.row({ version }, target, id) : undefined;
    },
    name: () => undefined,
  };
}

/** A table's columns as pages render them. */
export const pageColumns = (table: string) => facts.get(table)!.columns;
