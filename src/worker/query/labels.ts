// `labels=true`: the names beside the ids a page's rows cite (src/core/labels.ts),
// each looked up by id in the cited table of the same release, through its ids
// index section and row offsets, as a row URL is: the cost follows the distinct
// ids on the page, not the size of the cited table.
import { labelColumns, type LabelColumn } from '../../core/labels.ts';
import type { Cell, Row, TableFacts } from '../../core/table-types.ts';
import type { ResolvedRelease } from '../kv/resolve.ts';
import { type Env, loadQueryIndex, loadRowsAt } from '../kv/store.ts';
import { tables } from '../table-facts.ts';
import { rowsWithId } from './sorted-strings.ts';

const EMPTY: Row = {};

/** The cited rows by id, for the ids given (absent ids map to nothing: validation keeps them out of a release). */
async function citedRows(env: Env, resolved: ResolvedRelease, resource: string, ids: Set<string>): Promise<Map<string, Row>> {
  const entry = resolved.tables.get(resource);
  if (!entry || !ids.size) return new Map();
  const index = await loadQueryIndex(env, entry.index, { ids: true });
  const wanted = [...ids];
  const positions = wanted.map((id) => rowsWithId(index.ids!, id)[0]);
  const rows = await loadRowsAt(env, entry.json, index, positions.filter((p) => p !== undefined));
  const out = new Map<string, Row>();
  let k = 0;
  wanted.forEach((id, i) => positions[i] !== undefined && out.set(id, rows[k++]!));
  return out;
}

function labelOf(row: Row | undefined, label: LabelColumn): string | number | null {
  const cell = (row ?? EMPTY)[label.field.column];
  if (cell === null || cell === undefined) return null;
  return label.field.year ? Number(String(cell).slice(0, 4)) : String(cell);
}

/** Label columns for these columns of the table (those shown), in order. */
export function shownLabels(table: TableFacts, columns: readonly string[]): LabelColumn[] {
  return labelColumns(table, tables).filter((l) => columns.includes(l.of));
}

/** Each row with its label columns right after the column each labels. */
export async function withLabels(env: Env, resolved: ResolvedRelease, labels: readonly LabelColumn[], rows: readonly Row[]): Promise<Row[]> {
  const idsOf = (cell: Cell | undefined) => (Array.isArray(cell) ? cell : cell === null || cell === undefined ? [] : [String(cell)]);
  const resources = [...new Set(labels.map((l) => l.resource))];
  const cited = new Map(
    await Promise.all(
      resources.map(async (resource) => {
        const ids = new Set(labels.filter((l) => l.resource === resource).flatMap((l) => rows.flatMap((r) => idsOf(r[l.of]))));
        return [resource, await citedRows(env, resolved, resource, ids)] as const;
      }),
    ),
  );
  return rows.map((row) => {
    const out: Row = {};
    for (const [column, cell] of Object.entries(row)) {
      out[column] = cell;
      for (const label of labels) {
        if (label.of !== column) continue;
        const byId = cited.get(label.resource)!;
        out[label.name] = Array.isArray(cell)
          ? cell.map((id) => String(labelOf(byId.get(id), label) ?? ''))
          : cell === null
            ? null
            : labelOf(byId.get(String(cell)), label);
      }
    }
    return out;
  });
}

/** What names each of these ids of a table (its first label field), for pages: `ES` → `Spain`. */
export async function namesOf(env: Env, resolved: ResolvedRelease, resource: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const field = tables.find((t) => t.name === resource)?.label?.[0];
  if (!field) return new Map();
  const rows = await citedRows(env, resolved, resource, new Set(ids));
  const out = new Map<string, string>();
  for (const [id, row] of rows) {
    const name = labelOf(row, { name: field.name, of: '', resource, field, kind: 'string' });
    if (name !== null) out.set(id, String(name));
  }
  return out;
}
