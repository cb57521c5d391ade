// Citations at the grain of the fact: a country's part in a case cites only the
// sources that name that country for that case (case_countries), and those must
// be among the sources of the case itself. The data cannot read the texts, so
// that is as far as it can check; which source names which country was read by hand.
import { compareVersions } from '../../core/semver.ts';
import type { DataProblem } from './data-problem.ts';
import { type TypedTable, validRows } from './rows.ts';

/** From this release on, every release with cases lists each case's countries with their own sources. */
export const CASE_COUNTRIES_FROM = '1.2.0';

export function checkCaseCountries(release: string, tables: Map<string, TypedTable>): DataProblem[] {
  const cases = tables.get('cases');
  const listed = tables.get('case_countries');
  if (!cases) return [];
  if (!listed) {
    return compareVersions(release, CASE_COUNTRIES_FROM) >= 0
      ? [{ release, table: 'case_countries', rule: 'missing-table', message: `from release ${CASE_COUNTRIES_FROM} on, a release with cases.csv needs case_countries.csv: one row per case, country and role, citing the sources that name that country for that case` }]
      : [];
  }
  const problems: DataProblem[] = [];
  const caseRows = validRows(cases, 'cases');
  const byId = new Map(caseRows.map((c) => [c.case_id, c]));
  const expected = new Set(caseRows.flatMap((c) => [...c.countries.map((iso) => `${c.case_id}/${iso}/location`), ...c.linked_countries.map((iso) => `${c.case_id}/${iso}/linked`)]));
  const seen = new Set<string>();
  validRows(listed, 'case_countries').forEach((row, i) => {
    const key = `${row.case_id}/${row.iso2}/${row.role}`;
    seen.add(key);
    const line = listed.lines[i];
    const where = { release, table: 'case_countries', ...(line ? { line } : {}), key };
    const field = row.role === 'location' ? 'countries' : 'linked_countries';
    if (!expected.has(key)) {
      problems.push({ ...where, field: 'iso2', rule: 'case-country', message: `case ${row.case_id} does not list ${row.iso2} in ${field}: add it there or remove this row` });
    }
    const caseSources = new Set(byId.get(row.case_id)?.source_ids ?? []);
    for (const source of row.source_ids) {
      if (!caseSources.has(source)) {
        problems.push({ ...where, field: 'source_ids', rule: 'case-country-source', message: `cites ${source}, which is not a source of case ${row.case_id}: a country's part in a case can only come from a source that reports the case` });
      }
    }
  });
  for (const key of expected) {
    if (seen.has(key)) continue;
    const [caseId, iso2, role] = key.split('/');
    const line = cases.lines[caseRows.findIndex((c) => c.case_id === caseId)];
    problems.push({
      release,
      table: 'cases',
      ...(line ? { line } : {}),
      key: caseId!,
      field: role === 'location' ? 'countries' : 'linked_countries',
      rule: 'case-country',
      message: `${iso2} has no row in case_countries.csv (case_id ${caseId}, role ${role}) saying which sources name it for this case`,
    });
  }
  return problems;
}
