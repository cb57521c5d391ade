// What changed between two releases, row by row (matched on primary key), rendered as JSON and CSV.
import { LIST_DELIMITER } from '../../core/list-delimiter.ts';
import { paths } from '../../core/paths.ts';
import { renderCsv } from '../../core/render/csv.ts';
import type { Cell, Row } from '../../core/table-types.ts';
import { type BuiltRelease, builtTable } from '../validate/release.ts';

export interface RowChange {
  table: string;
  key: string;
  change: 'added' | 'removed' | 'changed';
  fields: string[];
  old: Row | null;
  new: Row | null;
}

export function diffReleases(from: BuiltRelease, to: BuiltRelease): RowChange[] {
  const changes: RowChange[] = [];
  const names = [...new Set([...from.tables, ...to.tables].map((t) => t.table.name))];
  for (const name of names) {
    const before = builtTable(from, name);
    const after = builtTable(to, name);
    const table = (after ?? before)!.table;
    const keyed = (rows: Row[] = []) => new Map(rows.map((r) => [table.primaryKey.map((k) => String(r[k])).join('/'), r]));
    const old = keyed(before?.rows);
    const now = keyed(after?.rows);
    for (const [key, row] of old) {
      const next = now.get(key);
      if (!next) changes.push({ table: name, key, change: 'removed', fields: Object.keys(row), old: row, new: null });
      else {
        const fields = Object.keys({ ...row, ...next }).filter((f) => JSON.stringify(row[f]) !== JSON.stringify(next[f]));
        if (fields.length) changes.push({ table: name, key, change: 'changed', fields, old: row, new: next });
      }
    }
    for (const [key, row] of now) {
      if (!old.has(key)) changes.push({ table: name, key, change: 'added', fields: Object.keys(row), old: null, new: row });
    }
  }
  return changes;
}

export function renderDiffJson(from: string, to: string, changes: RowChange[]): string {
  const counts: Record<string, { added: number; removed: number; changed: number }> = {};
  for (const c of changes) {
    counts[c.table] ??= { added: 0, removed: 0, changed: 0 };
    counts[c.table]![c.change] += 1;
  }
  return JSON.stringify({
    data: changes,
    meta: { from, to, rows: changes.length, counts, links: { self: paths.diff(from, to, 'json'), csv: paths.diff(from, to, 'csv') } },
  });
}

export const DIFF_CSV_COLUMNS = ['table', 'key', 'change', 'field', 'old_value', 'new_value'];

/** Long form: one line per field that differs (every field of an added or removed row). */
export function renderDiffCsv(changes: RowChange[]): string {
  const lines: Row[] = changes.flatMap((c) =>
    c.fields.map((field) => ({
      table: c.table,
      key: c.key,
      change: c.change,
      field,
      old_value: asText(c.old?.[field]),
      new_value: asText(c.new?.[field]),
    })),
  );
  return renderCsv(DIFF_CSV_COLUMNS, lines);
}

function asText(cell: Cell | undefined): string | number | null {
  if (cell === undefined || cell === null) return null;
  return Array.isArray(cell) ? cell.join(LIST_DELIMITER) : cell;
}
