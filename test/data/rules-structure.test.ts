// Rules on the shape of a release folder and its files: `header`, `row-width`,
// `unknown-table`, `missing-table` and `release-file`.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRelease } from '../../src/pipeline/validate/release.ts';
import { BASE_VERSION, problem, problemsOf, replaceInFile, withBrokenRelease } from './mutate.ts';

const METRICS_HEADER = 'operation_id,metric,value,qualifier,unit,notes,source_ids';
const EXPECTED_HEADER = `header must be exactly "${METRICS_HEADER}"`;
const L1_VICTIMS = 'liberterra-i,victims_safeguarded,430,approximately,people,,interpol-2021-07-26\n';

describe('header', () => {
  it.each([
    ['a missing column', 'operation_id,metric,value,qualifier,unit,source_ids', `${EXPECTED_HEADER}; missing: notes`],
    ['a renamed column', 'operation_id,metric,value,qualifier,unit,note,source_ids', `${EXPECTED_HEADER}; missing: notes; unknown: note`],
    ['an extra column', `${METRICS_HEADER},comment`, `${EXPECTED_HEADER}; unknown: comment`],
    ['columns out of order', 'operation_id,metric,qualifier,value,unit,notes,source_ids', `${EXPECTED_HEADER}; the order differs`],
  ])('%s', (_, header, message) => {
    const dir = withBrokenRelease((d) => {
      replaceInFile(join(d, 'metrics.csv'), `${METRICS_HEADER}\n`, `${header}\n`);
    });
    expect(problemsOf(dir)).toEqual([problem({ table: 'metrics', line: 1, rule: 'header', message })]);
  });

  it('a source file must leave out the columns the build derives (country_roles.iso2)', () => {
    const dir = withBrokenRelease((d) => {
      const file = join(d, 'country_roles.csv');
      const [head, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
      // A consistent file with an iso2 column: every row gets a (here meaningless) code.
      writeFileSync(file, [head!.replace('operation_id,', 'operation_id,iso2,'), ...rows.map((r) => r.replace(/^([^,]+),/, '$1,XX,'))].join('\n') + '\n');
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'country_roles',
        line: 1,
        rule: 'header',
        message: 'header must be exactly "operation_id,name_as_published,role,source_ids"; unknown: iso2',
      }),
    ]);
  });
});

describe('row-width', () => {
  it('a row with one cell too many', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'metrics.csv'), L1_VICTIMS, L1_VICTIMS.replace('\n', ',extra\n'));
    });
    expect(problemsOf(dir)).toEqual([problem({ table: 'metrics', line, rule: 'row-width', message: 'has 8 cells, the header has 7' })]);
  });

  it('a row with one cell too few', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'metrics.csv'), L1_VICTIMS, 'liberterra-i,victims_safeguarded,430,approximately,people,interpol-2021-07-26\n');
    });
    expect(problemsOf(dir)).toEqual([problem({ table: 'metrics', line, rule: 'row-width', message: 'has 6 cells, the header has 7' })]);
  });

  it('an unquoted comma in a text cell', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'metrics.csv'), '"Included in the 3,744 arrests."', 'Included in the 3,744 arrests.');
    });
    expect(problemsOf(dir)).toEqual([problem({ table: 'metrics', line, rule: 'row-width', message: 'has 8 cells, the header has 7' })]);
  });
});

describe('unknown-table', () => {
  const KNOWN = 'operations.csv, metrics.csv, partners.csv, country_roles.csv, cases.csv, case_countries.csv, case_figures.csv, findings.csv, discrepancies.csv, sources.csv';

  it('a CSV file that is no table', () => {
    const dir = withBrokenRelease((d) => writeFileSync(join(d, 'victims.csv'), 'case_id,count\nl3-belize-glass-factory,3\n'));
    expect(problemsOf(dir)).toEqual([problem({ table: 'victims', rule: 'unknown-table', message: `unknown file victims.csv; expected one of ${KNOWN}` })]);
  });

  it('a CSV file for a table the build derives (countries)', () => {
    const dir = withBrokenRelease((d) => writeFileSync(join(d, 'countries.csv'), 'iso2\nCI\n'));
    expect(problemsOf(dir)).toEqual([problem({ table: 'countries', rule: 'unknown-table', message: `unknown file countries.csv; expected one of ${KNOWN}` })]);
  });

  it('files that are not CSV are ignored', () => {
    const dir = withBrokenRelease((d) => writeFileSync(join(d, 'README.md'), '# notes\n'));
    expect(() => buildRelease(dir)).not.toThrow();
  });
});

describe('missing-table', () => {
  it('a release without sources.csv', () => {
    const dir = withBrokenRelease((d) => rmSync(join(d, 'sources.csv')));
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(problem({ table: 'sources', rule: 'missing-table', message: 'every release needs sources.csv' }));
    // Everything else is a consequence: rows citing sources that are not there.
    const rest = problems.filter((p) => p.rule !== 'missing-table');
    for (const p of rest) {
      expect(p).toMatchObject({ rule: 'foreign-key', message: expect.stringMatching(/ is not a sources\.source_id$/) });
    }
  });

  it('a release without operations.csv', () => {
    const dir = withBrokenRelease((d) => rmSync(join(d, 'operations.csv')));
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(problem({ table: 'operations', rule: 'missing-table', message: 'every release needs operations.csv' }));
    for (const p of problems.filter((p) => p.rule !== 'missing-table')) {
      expect(p).toMatchObject({ rule: 'foreign-key', field: 'operation_id', message: expect.stringMatching(/ is not a operations\.operation_id$/) });
    }
  });

  it('optional tables may be left out (discrepancies.csv)', () => {
    const dir = withBrokenRelease((d) => rmSync(join(d, 'discrepancies.csv')));
    expect(buildRelease(dir).tables.map((t) => t.table.name)).not.toContain('discrepancies');
  });
});

describe('release-file', () => {
  it('a folder without release.json', () => {
    const dir = withBrokenRelease((d) => rmSync(join(d, 'release.json')));
    expect(problemsOf(dir)).toEqual([problem({ table: 'release', rule: 'release-file', message: `missing ${join(dir, 'release.json')}` })]);
  });

  it('release.json naming another version than its folder', () => {
    const dir = withBrokenRelease(() => {}, { folder: '1.0.1' });
    expect(problemsOf(dir)).toEqual([
      { release: '1.0.1', table: 'release', field: 'version', rule: 'release-file', message: `release.json says ${BASE_VERSION} but its folder is 1.0.1` },
    ]);
  });

  it('release.json that fails its schema', () => {
    const dir = withBrokenRelease((d) => {
      replaceInFile(join(d, 'release.json'), '"date": "2026-11-23"', '"date": "23 November 2026"');
    });
    expect(problemsOf(dir)).toEqual([problem({ table: 'release', field: 'date', rule: 'schema', message: 'Invalid ISO date' })]);
  });

  it.each([
    ['title', '"title": "=HYPERLINK(\\"http://x\\")"'],
    ['notes', '"notes": "Two lines\\nin one note."'],
  ])('release.json whose %s a spreadsheet would run as a formula, or that breaks a line', (field, replacement) => {
    const dir = withBrokenRelease((d) => {
      const file = join(d, 'release.json');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace(new RegExp(`"${field}": "[^"]*"`), replacement));
    });
    expect(problemsOf(dir)).toEqual([
      problem({ table: 'release', field, rule: 'schema', message: 'must not be empty, start with = + - @ tab or CR (spreadsheet formula), or contain a line break' }),
    ]);
  });
});
