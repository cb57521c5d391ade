// Rules on countries: `country-name` (published names must resolve), `iso-code`
// (case codes must be ISO 3166-1 alpha-2), `participant-count` and `host-participates`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIASES_FILE, countryResolver } from '../../src/pipeline/validate/countries.ts';
import { DataError } from '../../src/pipeline/validate/data-problem.ts';
import { buildRelease } from '../../src/pipeline/validate/release.ts';
import { lineOf, problem, problemsOf, replaceInFile, withBrokenRelease } from './mutate.ts';

const L3_OPERATION = 'liberterra-iii,Operation Liberterra III,';

describe('country-name', () => {
  it('a published name no one knows is refused', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'country_roles.csv'), 'liberterra-iii,Kuwait,awareness_campaign,', 'liberterra-iii,Kuwiat,awareness_campaign,');
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'country_roles',
        line,
        field: 'name_as_published',
        rule: 'country-name',
        message: 'unknown country name "Kuwiat": neither i18n-iso-countries nor data/country-aliases.csv knows it',
      }),
    ]);
  });

  it('names are matched regardless of case, accents and punctuation', () => {
    const dir = withBrokenRelease((d) => {
      replaceInFile(join(d, 'country_roles.csv'), 'liberterra-iii,Kuwait,awareness_campaign,', 'liberterra-iii,KUWAIT,awareness_campaign,');
    });
    const roles = buildRelease(dir).tables.find((t) => t.table.name === 'country_roles')!.rows;
    expect(roles.find((r) => r.name_as_published === 'KUWAIT')?.iso2).toBe('KW');
  });

  it('"Congo" is ambiguous in the package and resolves only through data/country-aliases.csv', () => {
    const aliases = readFileSync(ALIASES_FILE, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('Congo,'))
      .join('\n');
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = lineOf(join(d, 'country_roles.csv'), 'liberterra-iii,Congo,participant,');
    });
    let thrown: unknown;
    try {
      buildRelease(dir, { resolver: countryResolver(aliases) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DataError);
    const problems = (thrown as DataError).problems;
    expect(problems).toContainEqual(
      problem({
        table: 'country_roles',
        line,
        field: 'name_as_published',
        rule: 'country-name',
        message: 'unknown country name "Congo": neither i18n-iso-countries nor data/country-aliases.csv knows it',
      }),
    );
    // With one participant fewer the published count no longer matches; nothing else breaks.
    expect(problems.map((p) => p.rule).sort()).toEqual(['country-name', 'participant-count']);
  });
});

describe('iso-code', () => {
  it('a case country that is not an ISO 3166-1 alpha-2 code ("UK" for GB)', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'cases.csv'), ',forced_labour,BZ,,', ',forced_labour,UK,,');
    });
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(
      problem({ table: 'cases', line, key: 'l3-belize-glass-factory', field: 'countries', rule: 'iso-code', message: '"UK" is not an ISO 3166-1 alpha-2 code with a UN M49 entry' }),
    );
    // The same cell may also fail its reference to countries.iso2, but nothing else may break.
    for (const p of problems) expect(p).toMatchObject({ table: 'cases', line, key: 'l3-belize-glass-factory', field: 'countries' });
  });

  it('a linked country that is not an ISO code ("EU")', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'cases.csv'), ',forced_criminality,,IN,', ',forced_criminality,,EU,');
    });
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(
      problem({ table: 'cases', line, key: 'l3-scam-victim-repatriation', field: 'linked_countries', rule: 'iso-code', message: '"EU" is not an ISO 3166-1 alpha-2 code with a UN M49 entry' }),
    );
    for (const p of problems) expect(p).toMatchObject({ table: 'cases', line, key: 'l3-scam-victim-repatriation', field: 'linked_countries' });
  });

  it('a code that is not two capital letters fails the schema first', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'cases.csv'), ',forced_labour,BZ,,', ',forced_labour,bz,,');
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'cases',
        line,
        key: 'l3-belize-glass-factory',
        field: 'countries',
        rule: 'schema',
        message: 'must be an ISO 3166-1 alpha-2 code (two capital letters) (cell: "bz")',
      }),
    ]);
  });

  // BUG (src/pipeline/validate/countries.ts): isCode() accepts XK (Kosovo, which i18n-iso-countries
  // lists) but record() has no UN M49 entry for it and throws a plain Error, so one
  // plausible cell crashes the whole build instead of being reported as a DataProblem.
  it('Kosovo (XK) as a case country is reported as a data problem, not a crash', () => {
    const dir = withBrokenRelease((d) => {
      replaceInFile(join(d, 'cases.csv'), ',forced_labour,BZ,,', ',forced_labour,XK,,');
    });
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({ table: 'cases', key: 'l3-belize-glass-factory', field: 'countries', rule: 'iso-code', message: '"XK" is not an ISO 3166-1 alpha-2 code with a UN M49 entry' }),
    );
  });
});

describe('participant-count', () => {
  it('a participant list one short of the published count', () => {
    const dir = withBrokenRelease((d) => {
      replaceInFile(join(d, 'country_roles.csv'), 'liberterra-iii,Albania,participant,interpol-2026-01-26\n', '');
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'operations',
        line: lineOf(join(dir, 'operations.csv'), L3_OPERATION),
        key: 'liberterra-iii',
        field: 'participant_count',
        rule: 'participant-count',
        message: 'says 119 participants but country_roles lists 118',
      }),
    ]);
  });

  it('a published count that disagrees with the list', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'operations.csv'), ',Lyon,119,', ',Lyon,120,');
    });
    expect(line).toBe(lineOf(join(dir, 'operations.csv'), L3_OPERATION));
    expect(problemsOf(dir)).toEqual([
      problem({ table: 'operations', line, key: 'liberterra-iii', field: 'participant_count', rule: 'participant-count', message: 'says 120 participants but country_roles lists 119' }),
    ]);
  });

  it('an operation without a participant list is not checked', () => {
    const dir = withBrokenRelease((d) => {
      replaceInFile(join(d, 'operations.csv'), ',Glasgow,116,', ',Glasgow,117,');
    });
    expect(() => buildRelease(dir)).not.toThrow();
  });
});

describe('host-participates', () => {
  it('a coordination-unit host missing from the participant list', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'country_roles.csv'), 'liberterra-iii,Algeria,coordination_unit_host,', 'liberterra-iii,Japan,coordination_unit_host,');
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'country_roles',
        line,
        key: 'liberterra-iii/JP/coordination_unit_host',
        field: 'iso2',
        rule: 'host-participates',
        message: 'JP hosts a coordination unit of liberterra-iii but is not listed as a participant',
      }),
    ]);
  });

  it('is not checked for an operation without a participant list', () => {
    const dir = withBrokenRelease((d) => {
      replaceInFile(join(d, 'country_roles.csv'), 'liberterra-ii,Argentina,coordination_unit_host,', 'liberterra-ii,Japan,coordination_unit_host,');
    });
    expect(() => buildRelease(dir)).not.toThrow();
  });
});
