// The query index: built once per table and release (src/pipeline/render/query-index.ts),
// read by the Worker (src/worker/kv/query-index.ts, src/worker/query/select.ts) to
// filter, search, sort and page without parsing the table's rows.
//
// It is a set of binary sections, one per purpose and column (the row offsets;
// each column's sort ranks, filter items and range values; the words; the search
// text; the row ids), so a query reads, verifies and prepares only the sections
// it touches: its cost follows the columns asked, not the width or length of the
// table. Arrays are stored as they sit in memory (little-endian, as every V8
// platform is), so preparing one is a view over the bytes read, not a parse.

import type { BodyRef } from './release-types.ts';

/** Where a section lives: bytes [offset, offset + bytes) of one of the index's stored bodies. */
export interface IndexSection {
  body: number;
  offset: number;
  bytes: number;
}

/**
 * A table's query index as the manifest names it: its stored bodies (small
 * sections share one; a large section has its own, parted if it must be),
 * and where each section is in them.
 */
export interface QueryIndexRef {
  rows: number;
  bodies: BodyRef[];
  sections: Record<string, IndexSection>;
}

/** Section names: one of each per table, or per column (or block). */
export const SECTION = {
  /** Row i's JSON is bytes [offsets[i], offsets[i + 1] - 1) of the table's JSON body (n + 1 offsets). */
  offsets: 'offsets',
  /** Each row's rank in the column's sort order; -1 for an empty cell, which sorts last. */
  ranks: (column: string) => `ranks/${column}`,
  /** The column's distinct items (meta), and each row's as indexes into them (`codes`; with `starts` where a row may hold other than one). */
  items: (column: string) => `items/${column}`,
  /** Each row's value of a number or date column (dates as YYYYMMDD), NaN where empty, for ranges. */
  bounds: (column: string) => `bounds/${column}`,
  /** The row-path column's values lower-cased, sorted (`text`, `starts`), and each one's row (`rows`), for /v1/{table}/{id}. */
  ids: 'ids',
  /**
   * Word search's dictionary: every word of the searched columns (src/core/words.ts)
   * sorted by bytes (`text`, `starts`); where each one's rows begin among all
   * postings (`postingStarts`); the first term of each postings block (`blockStarts`,
   * blocks + 1); and each row's word count (`lengths`), for relevance.
   */
  words: 'words',
  /** Block b of the postings: the rows each of its terms is in, ascending (`rows`), and how often (`counts`). */
  postings: (block: number) => `postings/${block}`,
  /** Every row's folded text (src/core/cells.ts fold) as UTF-8 (`text`, byte `starts`), for phrases and text without words. */
  text: 'text',
  /**
   * Only where the table's JSON body is stored in parts: the SHA-256 of each
   * BLOCK_BYTES of it (`hashes`, 32 bytes each), so reading a row verifies its
   * block, not the whole part it is in.
   */
  blocks: 'blocks',
} as const;

/** The span of the JSON body each `blocks` hash covers; parts are a whole number of blocks. */
export const BLOCK_BYTES = 64 * 1024;

/** A date cell or bound as a number that orders as the date does: 2024-05-31 → 20240531. */
export const dateNumber = (iso: string): number => Number(iso.replaceAll('-', ''));

export type IndexArray = Uint8Array | Uint16Array | Int32Array | Float64Array;
type ArrayType = 'u8' | 'u16' | 'i32' | 'f64';
const CONSTRUCTORS = { u8: Uint8Array, u16: Uint16Array, i32: Int32Array, f64: Float64Array } as const;
const typeOf = (array: IndexArray): ArrayType =>
  array instanceof Uint8Array ? 'u8' : array instanceof Uint16Array ? 'u16' : array instanceof Int32Array ? 'i32' : 'f64';

/** A section: JSON metadata and named typed arrays. */
export interface Section {
  meta?: unknown;
  arrays: Record<string, IndexArray>;
}

/** Every array starts at a multiple of this, so a view over the section's bytes needs no copy. */
export const ALIGN = 8;
const padded = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** The smallest unsigned array that holds every value (all >= 0). */
export function smallest(values: ArrayLike<number>): Uint8Array | Uint16Array | Int32Array {
  let top = 0;
  for (let i = 0; i < values.length; i++) top = Math.max(top, values[i]!);
  return top < 256 ? Uint8Array.from(values) : top < 65536 ? Uint16Array.from(values) : Int32Array.from(values);
}

/**
 * [header length: u32][header: JSON {meta, arrays: [name, type, length][]}], then each
 * array at the next multiple of 8. Its length is a multiple of 8 too, so sections
 * can follow one another in a body and stay aligned.
 */
export function encodeSection(section: Section): Uint8Array {
  const entries = Object.entries(section.arrays);
  const header = new TextEncoder().encode(JSON.stringify({ meta: section.meta, arrays: entries.map(([name, a]) => [name, typeOf(a), a.length]) }));
  let size = padded(4 + header.length);
  const starts = entries.map(([, a]) => {
    const at = size;
    size += padded(a.byteLength);
    return at;
  });
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  entries.forEach(([, a], i) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), starts[i]));
  return out;
}

/** Views over a section's bytes (copied once if they are not aligned for them). */
export function decodeSection(bytes: Uint8Array): Section {
  if (bytes.byteOffset % ALIGN) bytes = bytes.slice();
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as { meta?: unknown; arrays: [string, ArrayType, number][] };
  let at = padded(4 + length);
  const arrays: Record<string, IndexArray> = {};
  for (const [name, type, count] of header.arrays) {
    const make = CONSTRUCTORS[type];
    arrays[name] = new make(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, count);
    at += padded(count * make.BYTES_PER_ELEMENT);
  }
  if (at !== bytes.length) throw new Error('a query index section is not the length its header says');
  return { meta: header.meta, arrays };
}

/** Byte order of UTF-8, which is code point order: how ids and words are sorted, and searched. */
export function compareBytes(a: Uint8Array, aFrom: number, aTo: number, b: Uint8Array): number {
  const n = Math.min(aTo - aFrom, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[aFrom + i]! - b[i]!;
    if (d) return d;
  }
  return aTo - aFrom - b.length;
}
