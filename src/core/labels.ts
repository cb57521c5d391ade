// Labels (`labels=true`): beside each id a row cites, what names it, so a reader
// need not join tables by hand: `operation_id` → `operation_id_name`,
// `operation_id_year`; `iso2` → `iso2_name`, `iso2_region`; `source_ids` →
// `source_ids_title`, `source_ids_publisher` (lists, item for item). Derived
// from the tables' references and the cited tables' label fields, so the
// Worker, the OpenAPI document and the README say the same.
import type { ColumnKind, LabelField, TableFacts } from './table-types.ts';

export interface LabelColumn {
  /** The label's column: the citing column, then the label field. */
  name: string;
  /** The citing column it stands beside. */
  of: string;
  /** The cited table. */
  resource: string;
  field: LabelField;
  /** A list column's labels are a list, item for item. */
  kind: ColumnKind;
}

/** Label columns a table can add, in its column order, from the tables it cites that have labels. */
export function labelColumns(table: TableFacts, tables: readonly TableFacts[]): LabelColumn[] {
  return table.columns.flatMap((column) => {
    const resource = table.references?.[column.name];
    const cited = resource ? tables.find((t) => t.name === resource) : undefined;
    if (!cited?.label) return [];
    return cited.label.map((field) => ({
      name: `${column.name}_${field.name}`,
      of: column.name,
      resource: cited.name,
      field,
      kind: column.kind === 'list' ? ('list' as const) : field.year ? ('integer' as const) : ('string' as const),
    }));
  });
}

/** `columns` with the label columns of each inserted right after it. */
export function withLabelColumns(columns: readonly string[], labels: readonly LabelColumn[]): string[] {
  return columns.flatMap((c) => [c, ...labels.filter((l) => l.of === c).map((l) => l.name)]);
}
