// A table as one release has it: columns added later (Column.since) are left
// out, so a frozen release keeps the columns, and the bytes, it was published with.
import type { Column, TableFacts } from './table-types.ts';
import { compareVersions } from './semver.ts';

export function inRelease(column: Pick<Column, 'since'>, version: string): boolean {
  return !column.since || compareVersions(version, column.since) >= 0;
}

/** The columns a release of the table has, in table order. */
export function columnsAsOf<C extends Pick<Column, 'since'>>(columns: readonly C[], version: string): C[] {
  return columns.filter((c) => inRelease(c, version));
}

/** The table's facts as one release has it: its columns, and the filters and searched columns among them. */
export function factsAsOf(table: TableFacts, version: string): TableFacts {
  const columns = columnsAsOf(table.columns, version);
  if (columns.length === table.columns.length) return table;
  const kept = new Set(columns.map((c) => c.name));
  return {
    ...table,
    columns,
    filters: Object.fromEntries(Object.entries(table.filters).filter(([, column]) => kept.has(column))),
    search: table.search.filter((column) => kept.has(column)),
  };
}
