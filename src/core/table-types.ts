// What a table is on the wire: its cells and rows, and the facts about it that
// the Worker and the documents need. The zod schemas (src/schema/) produce
// these shapes; this file names them without zod, so the Worker can use them.

/** One cell as JSON holds it: lists are arrays of text, empty is null. */
export type Cell = string | number | null | string[];
/** A row of any table, by column name. Each table's own row type is in src/schema/registry.ts. */
export type Row = Record<string, Cell>;

export type ColumnKind = 'string' | 'integer' | 'number' | 'date' | 'list';

export interface Column {
  name: string;
  kind: ColumnKind;
  nullable: boolean;
  /** Allowed values, for closed vocabularies. */
  values?: readonly string[];
  /** Human labels of those values, where the vocabulary has them (not in the Worker's copy). */
  labels?: Readonly<Record<string, string>>;
  /** For list columns: the column each item must match, e.g. sources.source_id. */
  references?: { resource: string; field: string };
  /** What the column holds (the documents show it; the Worker's copy leaves it out). */
  description?: string;
  /** The first release with this column; earlier releases were published without it and stay so. */
  since?: string;
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

/** What names a row beside its id where another table cites it (`labels=true`): a column, or the year of a date column. */
export interface LabelField {
  name: string;
  column: string;
  year?: true;
}

/**
 * What the Worker needs of a table, as plain data. The build derives it from the
 * zod schema (src/pipeline/render/table-facts.ts), so the Worker carries no zod.
 */
export interface TableFacts {
  name: string;
  title: string;
  description: string;
  primaryKey: readonly string[];
  rowPath?: string;
  /** Query parameter → column it matches exactly (list columns match any item). */
  filters: Record<string, string>;
  /** Columns searched by `?q=`. */
  search: readonly string[];
  columns: Column[];
  /** Column → the table whose row path its values are (foreign keys, and list items' references). */
  references?: Record<string, string>;
  /** What `labels=true` puts beside an id of this table where another table cites it. */
  label?: readonly LabelField[];
}
