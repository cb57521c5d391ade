// Renders a table's query index (src/core/query-index.ts) from its rows and
// the JSON body they were rendered into: one section per purpose and column.
import { dateNumber, SECTION, type Section, smallest } from '../../core/query-index.ts';
import { cellItems, cellText, compareCells, fold, isEmpty } from '../../core/cells.ts';
import { words } from '../../core/words.ts';
import type { Cell, Row } from '../../core/table-types.ts';
import { type Table, tableFacts } from '../../schema/table.ts';

/** Columns that take ranges (`value_gt=100`, `start_date_gte=2024-01-01`). */
const RANGED = ['integer', 'number', 'date'];

/** Where the rows begin in every table's JSON body: `{"data":[` (src/core/render/envelope.ts). */
const DATA_START = '{"data":[';

const utf8 = new TextEncoder();

export function renderQueryIndex(table: Table, rows: readonly Row[], jsonBody: string): Record<string, Section> {
  const sections: Record<string, Section> = { [SECTION.offsets]: { arrays: { offsets: Int32Array.from(rowOffsets(rows, jsonBody)) } } };
  for (const c of table.columns) sections[SECTION.ranks(c.name)] = { arrays: { ranks: Int32Array.from(ranks(rows.map((r) => r[c.name]))) } };
  // Filters match on these; so do row pages, finding every row that cites theirs (src/worker/routes/table-pages.ts).
  const matched = new Set([...Object.values(table.filters), ...Object.keys(tableFacts(table).references ?? {})]);
  for (const column of matched) sections[SECTION.items(column)] = items(rows.map((r) => r[column]));
  for (const c of table.columns.filter((c) => RANGED.includes(c.kind))) {
    const value = (cell: Cell | undefined) => (isEmpty(cell) ? NaN : c.kind === 'date' ? dateNumber(String(cell)) : Number(cell));
    sections[SECTION.bounds(c.name)] = { arrays: { values: Float64Array.from(rows, (r) => value(r[c.name])) } };
  }
  if (table.rowPath) sections[SECTION.ids] = ids(rows.map((r) => String(r[table.rowPath!])));
  if (table.search.length) {
    const texts = rows.map((row) => table.search.map((c) => cellText(row[c])).join('\n'));
    Object.assign(sections, wordIndex(texts));
    sections[SECTION.text] = joined(texts.map(fold));
  }
  return sections;
}

/** Strings as one UTF-8 run and where each starts (n + 1 byte offsets). */
function joined(strings: readonly string[]): Section {
  const encoded = strings.map((s) => utf8.encode(s));
  const starts = new Int32Array(encoded.length + 1);
  encoded.forEach((e, i) => (starts[i + 1] = starts[i]! + e.length));
  const text = new Uint8Array(starts[encoded.length]!);
  encoded.forEach((e, i) => text.set(e, starts[i]));
  return { arrays: { text, starts } };
}

/** In UTF-8 byte order, as the Worker's binary search compares them; each key encoded once, ties kept in order (sort is stable). */
function byBytes<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, bytes: Buffer.from(key(item)) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map((e) => e.item);
}

function ids(values: readonly string[]): Section {
  const order = byBytes(values.map((v, row) => ({ id: v.toLowerCase(), row })), (o) => o.id);
  const { arrays } = joined(order.map((o) => o.id));
  return { arrays: { ...arrays, rows: Int32Array.from(order, (o) => o.row) } };
}

/** A block of postings holds terms until it is at least this many bytes (4 a row, 1 a count). */
const POSTING_BLOCK_BYTES = 64 * 1024;

/**
 * Every word of each row's searched text and the rows it is in, with counts:
 * the inverted index word search and relevance read. The dictionary is one
 * section; the postings are blocks of terms, each its own section, so a query
 * reads the blocks of the words it asks, not every posting.
 */
function wordIndex(texts: readonly string[]): Record<string, Section> {
  const postings = new Map<string, { rows: number[]; counts: number[] }>();
  const lengths = texts.map((text, row) => {
    const all = words(text);
    const count = new Map<string, number>();
    for (const w of all) count.set(w, (count.get(w) ?? 0) + 1);
    for (const [w, n] of count) {
      let list = postings.get(w);
      if (!list) postings.set(w, (list = { rows: [], counts: [] }));
      list.rows.push(row);
      list.counts.push(Math.min(n, 255));
    }
    return all.length;
  });
  const terms = byBytes([...postings.keys()], (t) => t);
  const postingStarts = new Int32Array(terms.length + 1);
  terms.forEach((t, i) => (postingStarts[i + 1] = postingStarts[i]! + postings.get(t)!.rows.length));
  const blockStarts = [0];
  for (let t = 0; t < terms.length; t++) {
    if ((postingStarts[t + 1]! - postingStarts[blockStarts.at(-1)!]!) * 5 >= POSTING_BLOCK_BYTES || t === terms.length - 1) blockStarts.push(t + 1);
  }
  const sections: Record<string, Section> = {
    [SECTION.words]: { arrays: { ...joined(terms).arrays, postingStarts, blockStarts: Int32Array.from(blockStarts), lengths: smallest(lengths) } },
  };
  for (let b = 0; b + 1 < blockStarts.length; b++) {
    const inBlock = terms.slice(blockStarts[b], blockStarts[b + 1]).map((t) => postings.get(t)!);
    sections[SECTION.postings(b)] = { arrays: { rows: Int32Array.from(inBlock.flatMap((p) => p.rows)), counts: Uint8Array.from(inBlock.flatMap((p) => p.counts)) } };
  }
  return sections;
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

/** A column's distinct items and each row's codes; `starts` only where some row holds other than exactly one item. */
function items(cells: (Cell | undefined)[]): Section {
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
  const single = starts.every((s, i) => s === i);
  return { meta: values, arrays: { codes: smallest(codes), ...(single ? {} : { starts: Int32Array.from(starts) }) } };
}
