// What the client tests compare against: each cell as a CSV reader should see it,
// and those values written as R literals.
import type { Cell } from '../../src/core/table-types.ts';

export type Expected = string | number | null;

/** A cell as the API's JSON has it, a list as the CSV joins it, empty as null. */
export const asRead = (cell: Cell | undefined): Expected =>
  cell === null || cell === undefined || (Array.isArray(cell) && !cell.length) ? null : Array.isArray(cell) ? cell.join(';') : cell;

/** An R literal: strings with \u escapes (so the script's own encoding does not matter), NA for null. */
export function rVector(kind: string, values: Expected[]): string {
  const one = (v: Expected) =>
    v === null ? 'NA' : typeof v === 'number' ? String(v) : `"${[...v].map((ch) => (ch === '"' || ch === '\\' ? `\\${ch}` : ch.charCodeAt(0) < 128 ? ch : `\\u{${ch.codePointAt(0)!.toString(16)}}`)).join('')}"`;
  const items = `c(${values.map(one).join(', ')})`;
  return kind === 'integer' || kind === 'number' ? `as.numeric(${items})` : `as.character(${items})`;
}
