// Rows are typed from their schemas (RowOf in src/schema/registry.ts), so a
// field read needs no cast: `op.start_date as string` would hide a renamed column.
import { expect, it } from 'vitest';
import { ROOT } from '../../src/pipeline/repo.ts';
import { sourceFiles } from './imports.ts';

/** A member read cast to a cell's type: `row.x as string`, `row[field] as string[]`, `(o.value as number)`. */
const CAST = /\b([A-Za-z_]\w*)(?:\??\.\w+|\[[^\]]+\])+\)?\s+as\s+(?:string|number|boolean|Cell)\b/g;
/** Reads that are not rows: a table's spec, a zod node, parsed query parameters. */
const NOT_ROWS = new Set(['spec', 'inner', 'parsed']);

const castsIn = (source: string) => [...source.matchAll(CAST)].filter((m) => !NOT_ROWS.has(m[1]!)).map((m) => m[0]);

it('finds the casts it is meant to find', () => {
  expect(castsIn("const a = o.start_date as string; for (const c of row[field] as string[]) {} f((m.value as number) / 2); spec.rowPath as string")).toEqual([
    'o.start_date as string',
    'row[field] as string',
    'm.value as number',
  ]);
});

it('finds no cast on a row field in src/', () => {
  const found = Object.entries(sourceFiles(ROOT)).flatMap(([file, source]) => castsIn(source).map((cast) => `${file}: ${cast}`));
  expect(found).toEqual([]);
});
