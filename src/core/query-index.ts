// The query index: built once per table and release (src/pipeline/render/query-index.ts),
// read by the Worker (src/worker/query/select.ts) to filter, search, sort and page
// without parsing the table's rows. Only the rows a page shows are parsed, from
// byte ranges of the table's JSON body. Verified by SHA-256 like every body.

export interface QueryIndex {
  /** Row i's JSON is bytes [rowOffsets[i], rowOffsets[i + 1] - 1) of the table's JSON body (n + 1 offsets). */
  rowOffsets: number[];
  /** Per column: each row's rank in the column's sort order; -1 for an empty cell, which sorts last. */
  ranks: Record<string, number[]>;
  /** Per filtered column: its distinct items, and each row's as indexes into them (row i's: codes[starts[i]] up to codes[starts[i + 1]]). */
  items: Record<string, { values: string[]; starts: number[]; codes: number[] }>;
  /** The row-path column's value per row, for /v1/{table}/{id}. */
  ids?: string[];
  /** Search: every row's folded text (src/core/cells.ts fold) in row order, and where each starts (n + 1 offsets). */
  search?: { text: string; starts: number[] };
  /**
   * Word search: every word of the searched columns (src/core/words.ts), sorted,
   * and the rows each is in, ascending. A query's cost follows the words it asks for.
   */
  words?: { terms: string[]; postings: number[][] };
  /** Ranges: each row's value of every number and date column (null where empty). */
  bounds?: Record<string, (number | string | null)[]>;
}
