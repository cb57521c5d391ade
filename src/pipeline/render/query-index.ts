// Renders a table's query index (src/core/query-index.ts) from its rows and
// the JSON body they were rendered into.
import type { QueryIndex } from '../../core/query-index.ts';
import { cellItems, cellText, compareCells, fold, isEmpty } from '../../core/cells.ts';
import { words } from '../../core/words.ts';
import type { Cell, Row } from '../../core/table-types.ts';
import type { Table } from '../../schema/table.ts';

/** Columns that take ranges (`value_gt=100`, `start_date_gte=2024-01-01`). */
const RANGED = ['integer', 'number', 'date'];

/** Where the rows begin in every table's JSON body: `{"data":[` (src/core/render/envelope.ts). */
const DATA_START = '{"data":[';

export function renderQueryIndex(table: Table, rows: readonly Row[], jsonBody: string): QueryIndex {
  return {
    rowOffsets: rowOffsets(rows, jsonBody),
    ranks: Object.fromEntries(table.columns.map((c) => [c.name, ranks(rows.map((r) => r[c.name]))])),
    items: Object.fromEntries(Object.values(table.filters).map((column) => [column, items(rows.map((r) => r[column]))])),
    ...(table.rowPath ? { ids: rows.map((r) => String(r[table.rowPath!])) } : {}),
    ...(table.search.length ? { search: searchText(rows, table.search), words: wordIndex(rows, table.search) } : {}),
    bounds: Object.fromEntries(table.columns.filter((c) => RANGED.includes(c.kind)).map((c) => [c.name, rows.map((r) => (r[c.name] ?? null) as number | string | null)])),
  };
}

/** Every word of the searched columns and the rows it is in: the inverted index word search reads. */
function wordIndex(rows: readonly Row[], columns: readonly string[]): NonNullable<QueryIndex['words']> {
  const rowsOf = new Map<string, number[]>();
  rows.forEach((row, i) => {
    for (const word of new Set(words(columns.map((c) => cellText(row[c])).join('\n')))) {
      const list = rowsOf.get(word);
      if (list) list.push(i);
      else rowsOf.set(word, [i]);
    }
  });
  const terms = [...rowsOf.keys()].sort();
  return { terms, postings: terms.map((t) => rowsOf.get(t)!) };
}

/** Byte offsets of each row in the body, checked against the body itself: a wrong offset would serve the wrong row. */
function rowOffsets(rows: readonly Row[], jsonBody: string): number[] {
  const body = Buffer.from(jsonBody, 'utf8');
  if (!jsonBody.startsWith(DATA_START)) throw new Error(`a table's JSON body must start with ${DATA_START}`);
  const offsets = [Buffer.byteLength(DATA_START)];
  for (const row of rows) {
    const start = offsets.at(-1)!;
    const text = JSON.stringify(row);
    const end = start + Buffer.byteLength(text);
    if (body.subarray(start, end).toString('utf8') !== text) throw new Error(`row ${offsets.length} is not where the query index puts it`);
    offsets.push(end + 1);
  }
  return offsets;
}

/** Equal cells share a rank, so a stable sort by rank keeps their order, as sorting the cells would. */
function ranks(cells: (Cell | undefined)[]): number[] {
  const key = (cell: Cell) => (typeof cell === 'number' ? cell : cellText(cell));
  const distinct = [...new Map(cells.filter((c) => !isEmpty(c)).map((c) => [key(c!), c!])).values()].sort(compareCells);
  const rank = new Map(distinct.map((cell, i) => [key(cell), i]));
  return cells.map((c) => (isEmpty(c) ? -1 : rank.get(key(c!))!));
}

function items(cells: (Cell | undefined)[]): QueryIndex['items'][string] {
  const values: string[] = [];
  const code = new Map<string, number>();
  const starts = [0];
  const codes: number[] = [];
  for (const cell of cells) {
    for (const item of cellItems(cell)) {
      if (!code.has(item)) code.set(item, values.push(item) - 1);
      codes.push(code.get(item)!);
    }
    starts.push(codes.length);
  }
  return { values, starts, codes };
}

function searchText(rows: readonly Row[], columns: readonly string[]): NonNullable<QueryIndex['search']> {
  const texts = rows.map((row) => fold(columns.map((c) => cellText(row[c])).join('\n')));
  const starts = [0];
  for (const text of texts) starts.push(starts.at(-1)! + text.length);
  return { text: texts.join(''), starts };
}
