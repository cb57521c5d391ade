// Our text is in our own words: no text cell may share a run of RUN_WORDS or
// more consecutive words with a source text. Facts carry over; sentences do not.
import { fold } from '../../core/cells.ts';
import type { Row } from '../../core/table-types.ts';
import type { Table } from '../../schema/table.ts';
import type { RowOf, TableName } from '../../schema/registry.ts';
import type { SeedText } from '../read/seeds.ts';
import type { DataProblem } from './data-problem.ts';

export const RUN_WORDS = 8;

/** 1.0.0 and 1.1.0 were published before this rule and are frozen as they are; it holds from 1.2.0 on. */
export const OWN_WORDS_FROM = '1.2.0';

/**
 * Words as compared: case, accents and width folded (NFKD), digit groups
 * joined ("4,414" is one word), everything that is not a letter or digit a gap.
 */
export function words(text: string): string[] {
  const folded = fold(text).replace(/(\d)[,.](?=\d{3}\b)/g, '$1');
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Every run of RUN_WORDS words in the seeds, with the first seed it is found in. */
export function seedRuns(seeds: readonly SeedText[]): Map<string, string> {
  const runs = new Map<string, string>();
  for (const seed of seeds) {
    const w = words(seed.text);
    for (let i = 0; i + RUN_WORDS <= w.length; i++) {
      const run = w.slice(i, i + RUN_WORDS).join(' ');
      if (!runs.has(run)) runs.set(run, seed.file);
    }
  }
  return runs;
}

/** The longest run a text shares with the seeds (at least RUN_WORDS words), or undefined. */
export function sharedRun(text: string, runs: ReadonlyMap<string, string>): { run: string; seed: string } | undefined {
  const w = words(text);
  let found: { start: number; end: number; seed: string } | undefined;
  for (let i = 0; i + RUN_WORDS <= w.length; i++) {
    const seed = runs.get(w.slice(i, i + RUN_WORDS).join(' '));
    if (!seed) continue;
    // Extend while the next window is also shared: report the whole run once.
    let end = i + RUN_WORDS;
    while (end < w.length && runs.has(w.slice(end - RUN_WORDS + 1, end + 1).join(' '))) end++;
    if (!found || end - i > found.end - found.start) found = { start: i, end, seed };
    i = end - RUN_WORDS;
  }
  return found && { run: w.slice(found.start, found.end).join(' '), seed: found.seed };
}

/**
 * Cells that quote on purpose: a publication's publisher and title, and an
 * organisation's or a country's name as published. A citation must give them
 * exactly as the source does, so they are not our words to change.
 */
export const QUOTED: { [N in TableName]?: readonly (keyof RowOf<N> & string)[] } = {
  sources: ['publisher', 'title'],
  partners: ['organisation'],
  country_roles: ['name_as_published'],
};

/** Every text cell (lists as their joined items) but the quoted ones that shares a run with a seed. */
export function checkOwnWords(
  release: string,
  tables: readonly { table: Table; rows: readonly Row[]; lines?: readonly number[] }[],
  runs: ReadonlyMap<string, string>,
): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const { table, rows, lines } of tables) {
    const quoted: readonly string[] = QUOTED[table.name as TableName] ?? [];
    const texts = table.columns.filter((c) => (c.kind === 'string' || c.kind === 'list') && !quoted.includes(c.name));
    rows.forEach((row, i) => {
      for (const column of texts) {
        const cell = row[column.name];
        const text = Array.isArray(cell) ? cell.join(', ') : typeof cell === 'string' ? cell : '';
        const shared = sharedRun(text, runs);
        if (!shared) continue;
        const line = lines?.[i];
        problems.push({
          release,
          table: table.name,
          ...(line ? { line } : {}),
          key: table.primaryKey.map((k) => String(row[k] ?? '')).join('/'),
          field: column.name,
          rule: 'own-words',
          message: `shares ${words(shared.run).length} consecutive words with the source text ${shared.seed}: "${shared.run}". Say it in other words (facts carry over, sentences do not).`,
        });
      }
    });
  }
  return problems;
}
