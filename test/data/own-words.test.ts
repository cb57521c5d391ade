// Rule `own-words`: from release 1.2.0 on, no text cell shares a run of 8 or
// more consecutive words with a source text in ../shared/seeds/. The seeds are
// present in CI and on every developer machine: without them this test fails.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeeds } from '../../src/pipeline/read/seeds.ts';
import { SEEDS_DIR } from '../../src/pipeline/repo.ts';
import { checkOwnWords, seedRuns, sharedRun, words } from '../../src/pipeline/validate/own-words.ts';
import { buildRelease } from '../../src/pipeline/validate/release.ts';
import { RELEASES_DIR } from '../../src/pipeline/read/source.ts';
import { LATEST, PREVIOUS } from '../releases.ts';
import { lineOf, problemsOf, replaceInFile, withBrokenRelease } from './mutate.ts';

const seeds = readSeeds();

it(`finds the source texts at ${SEEDS_DIR}`, () => {
  expect(existsSync(SEEDS_DIR), `${SEEDS_DIR} is missing: put ../shared beside the checkout`).toBe(true);
  expect(seeds!.map((s) => s.file)).toEqual(['000_7b8f293782f6f38b.txt', '001_257da5c6b2b6f10c.txt', '002_26a65be40f52853f.txt', '003_c9cdd02b08922e2e.txt', '004_13be78ce4cd06d68.txt']);
});

const runs = seedRuns(seeds ?? []);

describe('words as compared', () => {
  it('fold case, accents and width, and join digit groups', () => {
    expect(words("Côte d’Ivoire: 4,414 VICTIMS, ＩＮＴＥＲＰＯＬ")).toEqual(['cote', 'd', 'ivoire', '4414', 'victims', 'interpol']);
  });

  it('find the longest shared run, not only its first 8 words', () => {
    const found = sharedRun('As reported, a young girl sold to a 73-year old man in El Salvador was found.', runs);
    expect(found).toEqual({ run: 'a young girl sold to a 73 year old man in el salvador', seed: '002_26a65be40f52853f.txt' });
  });

  it('let 7 shared words pass', () => {
    expect(sharedRun('Children working in a glass factory in a town.', runs)).toBeUndefined();
  });
});

describe('the data', () => {
  it(`${LATEST} has no text cell in a source's words`, () => {
    expect(() => buildRelease(join(RELEASES_DIR, LATEST), { seedRuns: runs })).not.toThrow();
  });

  it(`is checked from 1.2.0 on: ${PREVIOUS}, published before the rule, still holds what the fact-check found`, () => {
    const built = buildRelease(join(RELEASES_DIR, PREVIOUS));
    const found = checkOwnWords(PREVIOUS, built.tables, runs).map((p) => `${p.table}/${p.key}/${p.field}`);
    expect(found).toEqual([
      'cases/l3-west-central-africa-pyramid-networks/summary',
      'cases/l3-belize-glass-factory/title',
      'cases/l3-el-salvador-girl-sold/title',
      'cases/l3-spain-salons-massage-parlours/title',
      'cases/l3-spain-salons-massage-parlours/summary',
      'cases/l3-further-sea-interceptions/summary',
      'cases/l3-algeria-inflatable-boat/summary',
      'cases/l3-brazil-smuggling-network/summary',
    ]);
  });

  it('refuses a copied run, naming the row, the field, the run and the source text', () => {
    let line = 0;
    const dir = withBrokenRelease(
      (d) => {
        line = replaceInFile(
          join(d, 'cases.csv'),
          'Authorities in Mali identified 47 women from Nigeria who had been brought into the country to be sexually exploited.',
          'Authorities in Mali identified 47 Nigerian women who had been trafficked into the country for sexual exploitation.',
        );
      },
      { version: LATEST },
    );
    expect(line).toBe(lineOf(join(dir, 'cases.csv'), 'l3-mali-nigerian-women,'));
    expect(problemsOf(dir, { seedRuns: runs })).toEqual([
      {
        release: LATEST,
        table: 'cases',
        line,
        key: 'l3-mali-nigerian-women',
        field: 'summary',
        rule: 'own-words',
        message:
          'shares 17 consecutive words with the source text 002_26a65be40f52853f.txt: "authorities in mali identified 47 nigerian women who had been trafficked into the country for sexual exploitation". Say it in other words (facts carry over, sentences do not).',
      },
    ]);
  });

  it('leaves names and titles as published alone (a citation must quote them)', () => {
    const built = buildRelease(join(RELEASES_DIR, LATEST));
    const sources = built.tables.find((t) => t.table.name === 'sources')!;
    const title = sources.rows.find((r) => r.source_id === 'news-summary-2026-01-26')!.title as string;
    expect(sharedRun(title, runs)?.seed).toBe('001_257da5c6b2b6f10c.txt');
    expect(checkOwnWords(LATEST, built.tables, runs)).toEqual([]);
  });
});
