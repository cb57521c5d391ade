// Small modules with one job each: none over MAX_LINES unless its first comment says why.
import { expect, it } from 'vitest';
import { ROOT } from '../../src/pipeline/repo.ts';
import { sourceFiles } from './imports.ts';

const MAX_LINES = 250;
/** The phrase a long module's opening comment explains itself with. */
const REASON = `Over ${MAX_LINES} lines because`;

const openingComment = (source: string) => /^(?:\s*\/\/.*\n)+/.exec(source)?.[0] ?? '';

it(`keeps every module of src/ within ${MAX_LINES} lines, or says why in its first comment`, () => {
  const long = Object.entries(sourceFiles(ROOT))
    .filter(([, source]) => source.split('\n').length > MAX_LINES && !openingComment(source).includes(REASON))
    .map(([file, source]) => `${file}: ${source.split('\n').length} lines`);
  expect(long).toEqual([]);
});
