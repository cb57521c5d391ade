// Rules `case-country`, `case-country-source`, `source-missing-note` and
// `source-standing` (from release 1.2.0 on): a country's part in a case cites
// only the sources that name it there, and every source says what is missing.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRelease } from '../../src/pipeline/validate/release.ts';
import { RELEASES_DIR } from '../../src/pipeline/read/source.ts';
import { LATEST } from '../releases.ts';
import { problemsOf, replaceInFile, withBrokenRelease } from './mutate.ts';

const latest = (edit: (dir: string) => void) => withBrokenRelease(edit, { version: LATEST });
const at = { release: LATEST };

describe('case countries', () => {
  it('a case_location role cites only the sources that name the country for that case', () => {
    const roles = buildRelease(join(RELEASES_DIR, LATEST)).tables.find((t) => t.table.name === 'country_roles')!.rows;
    const role = (iso2: string) => roles.find((r) => r.operation_id === 'liberterra-iii' && r.iso2 === iso2 && r.role === 'case_location')?.source_ids;
    // Congo: only INTERPOL names it among the pyramid-scheme countries (fact-check, point 2).
    expect(role('CG')).toEqual(['interpol-2026-01-26']);
    // Burkina Faso: INTERPOL and the two retellings that list it, not Migrant Affairs.
    expect(role('BF')).toEqual(['interpol-2026-01-26', 'news-summary-2026-01-26', 'global-operation-article-undated']);
  });

  it('refuses a row citing a source that does not report the case', () => {
    let line = 0;
    const dir = latest((d) => {
      line = replaceInFile(join(d, 'case_countries.csv'), 'l3-west-central-africa-pyramid-networks,CG,location,interpol-2026-01-26', 'l3-west-central-africa-pyramid-networks,CG,location,interpol-2026-01-26;club-of-mozambique-undated');
    });
    expect(problemsOf(dir)).toEqual([
      {
        ...at,
        table: 'case_countries',
        line,
        key: 'l3-west-central-africa-pyramid-networks/CG/location',
        field: 'source_ids',
        rule: 'case-country-source',
        message: "cites club-of-mozambique-undated, which is not a source of case l3-west-central-africa-pyramid-networks: a country's part in a case can only come from a source that reports the case",
      },
    ]);
  });

  it('refuses a case country with no row saying who names it, and a row for a country the case does not list', () => {
    let line = 0;
    const dir = latest((d) => {
      line = replaceInFile(join(d, 'case_countries.csv'), 'l3-mali-nigerian-women,NG,linked,', 'l3-mali-nigerian-women,GH,linked,');
    });
    const problems = problemsOf(dir);
    expect(problems).toEqual([
      { ...at, table: 'case_countries', line, key: 'l3-mali-nigerian-women/GH/linked', field: 'iso2', rule: 'case-country', message: 'case l3-mali-nigerian-women does not list GH in linked_countries: add it there or remove this row' },
      {
        ...at,
        table: 'cases',
        line: expect.any(Number),
        key: 'l3-mali-nigerian-women',
        field: 'linked_countries',
        rule: 'case-country',
        message: 'NG has no row in case_countries.csv (case_id l3-mali-nigerian-women, role linked) saying which sources name it for this case',
      },
    ]);
  });

  it(`requires case_countries.csv from 1.2.0 on`, () => {
    const dir = latest((d) => rmSync(join(d, 'case_countries.csv')));
    expect(problemsOf(dir)).toContainEqual({
      ...at,
      table: 'case_countries',
      rule: 'missing-table',
      message: 'from release 1.2.0 on, a release with cases.csv needs case_countries.csv: one row per case, country and role, citing the sources that name that country for that case',
    });
  });
});

describe('source records', () => {
  it('refuses a source without a title, date or URL that does not say why', () => {
    let line = 0;
    const dir = latest((d) => {
      const file = join(d, 'sources.csv');
      const note = /"No page of the ministry[^"]*"/.exec(readFileSync(file, 'utf8'))![0];
      line = replaceInFile(file, `independent,,${note},`, 'independent,,,');
    });
    expect(problemsOf(dir)).toEqual([
      { ...at, table: 'sources', line, key: 'tt-ministry-national-security-undated', field: 'missing_note', rule: 'source-missing-note', message: 'has no title, date, URL: say in missing_note what was looked for and why it is not recorded' },
    ]);
  });

  it('refuses a retelling that does not say what it retells', () => {
    let line = 0;
    const dir = latest((d) => {
      line = replaceInFile(join(d, 'sources.csv'), 'megaoperativo,news_report,retelling,interpol-2026-01-26,', 'megaoperativo,news_report,retelling,,');
    });
    expect(problemsOf(dir)).toEqual([
      { ...at, table: 'sources', line, key: 'radio-nicaragua-undated', field: 'retells', rule: 'source-standing', message: 'a retelling names the primary sources it retells (source_id values in retells)' },
    ]);
  });
});
