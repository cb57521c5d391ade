// Rules `unique-key` and `foreign-key`: keys are unique, and every reference
// (scalar or list) points at a row that exists.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineOf, problem, problemsOf, replaceInFile, withBrokenRelease } from './mutate.ts';

const ARRESTS_L3 = 'liberterra-iii,arrests_trafficking_smuggling,';
const ARRESTS_L3_SOURCES = 'Included in the 3,744 arrests.",interpol-2026-01-26;migrant-affairs-2026-01-26\n';

describe('foreign-key: list references', () => {
  it('an unknown source id in source_ids', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'metrics.csv'), ARRESTS_L3_SOURCES, 'Included in the 3,744 arrests.",interpol-2026-01-26;no-such-source\n');
    });
    expect(line).toBe(lineOf(join(dir, 'metrics.csv'), ARRESTS_L3));
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'metrics',
        line,
        key: 'liberterra-iii/arrests_trafficking_smuggling',
        field: 'source_ids',
        rule: 'foreign-key',
        message: '"no-such-source" is not a sources.source_id',
      }),
    ]);
  });

  it('an unknown source id in discrepancies.claim_source_ids', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'discrepancies.csv'), '.,gulf-today-2021,', '.,gulf-today-2012,');
    });
    expect(problemsOf(dir)).toEqual([
      problem({ table: 'discrepancies', line, key: 'l1-end-date', field: 'claim_source_ids', rule: 'foreign-key', message: '"gulf-today-2012" is not a sources.source_id' }),
    ]);
  });

  it('each unknown item of a list is reported', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'metrics.csv'), ARRESTS_L3_SOURCES, 'Included in the 3,744 arrests.",interpol-2026-01-62;migrant-affairs\n');
    });
    const where = { table: 'metrics', line, key: 'liberterra-iii/arrests_trafficking_smuggling', field: 'source_ids', rule: 'foreign-key' };
    expect(problemsOf(dir)).toEqual([
      problem({ ...where, message: '"interpol-2026-01-62" is not a sources.source_id' }),
      problem({ ...where, message: '"migrant-affairs" is not a sources.source_id' }),
    ]);
  });
});

describe('foreign-key: scalar references', () => {
  it('a metrics row for an operation that does not exist', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'metrics.csv'), ARRESTS_L3, 'liberterra-iv,arrests_trafficking_smuggling,');
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'metrics',
        line,
        key: 'liberterra-iv/arrests_trafficking_smuggling',
        field: 'operation_id',
        rule: 'foreign-key',
        message: '"liberterra-iv" is not a operations.operation_id',
      }),
    ]);
  });

  it('a case figure for a case that does not exist', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'case_figures.csv'), 'l3-myanmar-scam-compound,phones_seized,', 'l3-myanmar-scam-compund,phones_seized,');
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'case_figures',
        line,
        key: 'l3-myanmar-scam-compund/phones_seized/devices',
        field: 'case_id',
        rule: 'foreign-key',
        message: '"l3-myanmar-scam-compund" is not a cases.case_id',
      }),
    ]);
  });
});

describe('unique-key', () => {
  it('two metrics rows with the same (operation_id, metric)', () => {
    let line = 0;
    let first = 0;
    const dir = withBrokenRelease((d) => {
      const file = join(d, 'metrics.csv');
      first = lineOf(file, 'liberterra-iii,officers_deployed,');
      line = replaceInFile(file, 'liberterra-iii,investigations_opened,720,', 'liberterra-iii,officers_deployed,720,');
    });
    expect(line).toBeGreaterThan(first);
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'metrics',
        line,
        key: 'liberterra-iii/officers_deployed',
        field: 'operation_id,metric',
        rule: 'unique-key',
        message: `duplicate operation_id, metric "liberterra-iii/officers_deployed", first used on line ${first}`,
      }),
    ]);
  });

  it('a case listed twice', () => {
    let line = 0;
    let first = 0;
    const dir = withBrokenRelease((d) => {
      const file = join(d, 'cases.csv');
      first = lineOf(file, 'l3-belize-glass-factory,');
      const copy = readFileSync(file, 'utf8').split('\n')[first - 1];
      appendFileSync(file, `${copy}\n`);
      line = readFileSync(file, 'utf8').trimEnd().split('\n').length;
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'cases',
        line,
        key: 'l3-belize-glass-factory',
        field: 'case_id',
        rule: 'unique-key',
        message: `duplicate case_id "l3-belize-glass-factory", first used on line ${first}`,
      }),
    ]);
  });

  it('two published names of the same country in the same role', () => {
    let first = 0;
    let line = 0;
    const dir = withBrokenRelease((d) => {
      const file = join(d, 'country_roles.csv');
      first = lineOf(file, "liberterra-iii,Cote d'Ivoire,participant,");
      appendFileSync(file, 'liberterra-iii,Ivory Coast,participant,interpol-2026-01-26\n');
      line = readFileSync(file, 'utf8').trimEnd().split('\n').length;
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'country_roles',
        line,
        key: 'liberterra-iii/CI/participant',
        field: 'operation_id,iso2,role',
        rule: 'unique-key',
        message: `duplicate operation_id, iso2, role "liberterra-iii/CI/participant", first used on line ${first}`,
      }),
    ]);
  });
});
