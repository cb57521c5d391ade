// Turns raw source cells into typed rows and validates each against its zod schema.
import { LIST_DELIMITER } from '../../core/list-delimiter.ts';
import type { Column, Row } from '../../core/table-types.ts';
import type { Table } from '../../schema/table.ts';
import type { RowOf, TableName } from '../../schema/registry.ts';
import type { DataProblem } from './data-problem.ts';
import type { SourceTable } from '../read/source.ts';

export interface TypedTable {
  table: Table;
  rows: Row[];
  /** Source line of each row, for messages; 0 for rows the build derived. */
  lines: number[];
}

/** Columns a source file must have: the table's, less those the build derives. */
/**
 * Rows of the table `name` with their own type (RowOf). The one place the
 * generic rows are taken as a table's type: the build keeps only rows that
 * table's schema accepted, and derives the rest in that schema's shape.
 */
export function rowsAs<Name extends TableName>(rows: readonly Row[], _name: Name): readonly RowOf<Name>[] {
  return rows as readonly RowOf<Name>[];
}

/** A validated table's rows with their own type; none if the release lacks it. */
export const validRows = <Name extends TableName>(typed: TypedTable | undefined, name: Name) => rowsAs(typed?.rows ?? [], name);

export function sourceColumns(table: Table): string[] {
  return table.columns.map((c) => c.name).filter((name) => !table.derivedColumns.includes(name));
}

export function typedRows(release: string, table: Table, source: SourceTable, problems: DataProblem[]): TypedTable {
  const expected = sourceColumns(table);
  const where = { release, table: table.name };
  if (source.header.join(',') !== expected.join(',')) {
    const missing = expected.filter((c) => !source.header.includes(c));
    const unknown = source.header.filter((c) => !expected.includes(c));
    problems.push({
      ...where,
      line: 1,
      rule: 'header',
      message:
        `header must be exactly "${expected.join(',')}"` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown: ${unknown.join(', ')}` : '') +
        (!missing.length && !unknown.length ? '; the order differs' : ''),
    });
    return { table, rows: [], lines: [] };
  }
  const columns = table.columns.filter((c) => expected.includes(c.name));
  const rows: Row[] = [];
  const lines: number[] = [];
  for (const record of source.records) {
    if (record.width !== expected.length) {
      problems.push({ ...where, line: record.line, rule: 'row-width', message: `has ${record.width} cells, the header has ${expected.length}` });
      continue;
    }
    const row = Object.fromEntries(columns.map((c) => [c.name, typedCell(c, record.cells[c.name] ?? '')]));
    const key = table.primaryKey.map((k) => String(row[k] ?? '')).join('/');
    const parsed = table.schema.omit(Object.fromEntries(table.derivedColumns.map((c) => [c, true]))).safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const cell = record.cells[field];
        problems.push({
          ...where,
          line: record.line,
          key,
          field,
          rule: 'schema',
          message: `${issue.message}${cell === undefined ? '' : ` (cell: ${JSON.stringify(cell)})`}`,
        });
      }
      continue;
    }
    rows.push(row);
    lines.push(record.line);
  }
  return { table, rows, lines };
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Empty is null (or an empty list); numbers must be plain digits so "1,800" is refused, not misread. */
function typedCell(column: Column, cell: string): Row[string] {
  if (column.kind === 'list') return cell === '' ? [] : cell.split(LIST_DELIMITER);
  if (cell === '') return null;
  if ((column.kind === 'integer' || column.kind === 'number') && NUMBER.test(cell)) return Number(cell);
  return cell;
}
