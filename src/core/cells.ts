// How cells compare, match and read as text: one definition for the build, which
// ranks and folds them into each table's query index, and the Worker, which
// answers queries from that index. Plain code, so the Worker carries no zod.
import type { Cell } from './table-types.ts';

/** A cell as text: lists joined by spaces, empty as "". */
export const cellText = (cell: Cell | undefined) => (cell === null || cell === undefined ? '' : Array.isArray(cell) ? cell.join(' ') : String(cell));

/** An empty cell: null, or a list with no items (an empty cell in CSV too). Empty cells sort last. */
export const isEmpty = (cell: Cell | undefined) => cell === null || cell === undefined || (Array.isArray(cell) && cell.length === 0);

/** Numbers numerically, text by code unit. */
export function compareCells(a: Cell, b: Cell): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = cellText(a);
  const sb = cellText(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** What a filter matches in a cell: a list's items, or the cell itself. */
export const cellItems = (cell: Cell | undefined): string[] =>
  cell === null || cell === undefined ? [] : Array.isArray(cell) ? cell : [String(cell)];

/**
 * Case-, accent- and width-insensitive form for search: "cote" and "ＣＯＴＥ" find
 * "Côte d'Ivoire". NFKD splits accents off (and maps compatibility forms such as
 * fullwidth letters); only the combining marks go, so "^" stays a character.
 */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
