// Tables and columns the build derives: ISO codes for published country
// names, case_location roles from cases, and the countries table itself.
import type { Row } from '../../core/table-types.ts';
import type { RowOf } from '../../schema/registry.ts';
import { countries } from '../../schema/tables/countries.ts';
import { tableAsOf } from '../../schema/table.ts';
import type { CountryResolver } from './countries.ts';
import type { DataProblem } from './data-problem.ts';
import { type TypedTable, validRows } from './rows.ts';

export function deriveCountryTables(
  release: string,
  tables: Map<string, TypedTable>,
  resolver: CountryResolver,
  problems: DataProblem[],
): void {
  const roles = tables.get('country_roles');
  const cases = tables.get('cases');
  if (!roles) return;

  // Resolve published names; keep column order as the schema gives it.
  const resolved: Row[] = [];
  const lines: number[] = [];
  roles.rows.forEach((row, i) => {
    const name = String(row.name_as_published ?? '');
    const iso2 = resolver.resolve(name);
    if (!iso2) {
      problems.push({
        release,
        table: 'country_roles',
        line: roles.lines[i],
        field: 'name_as_published',
        rule: 'country-name',
        message: `unknown country name ${JSON.stringify(name)}: neither i18n-iso-countries nor data/country-aliases.csv knows it`,
      });
      return;
    }
    resolved.push(withColumns(roles.table.columns.map((c) => c.name), { ...row, iso2 }));
    lines.push(roles.lines[i] ?? 0);
  });

  // Every country a case names must be a real ISO code; where it took place becomes a role.
  const caseRoles = new Map<string, RowOf<'country_roles'>>();
  const caseRows = validRows(cases, 'cases');
  // Where the release says which sources name each country of a case, a role cites only those.
  const namedBy = new Map(validRows(tables.get('case_countries'), 'case_countries').filter((r) => r.role === 'location').map((r) => [`${r.case_id}/${r.iso2}`, r.source_ids]));
  for (const [i, row] of caseRows.entries()) {
    for (const field of ['countries', 'linked_countries'] as const) {
      for (const code of row[field]) {
        if (!resolver.isCode(code)) {
          problems.push({
            release,
            table: 'cases',
            line: cases?.lines[i],
            key: String(row.case_id),
            field,
            rule: 'iso-code',
            message: `${JSON.stringify(code)} is not an ISO 3166-1 alpha-2 code with a UN M49 entry`,
          });
        }
      }
    }
    for (const code of row.countries) {
      if (!resolver.isCode(code)) continue;
      const key = `${row.operation_id}/${code}`;
      const seen = caseRoles.get(key);
      const cited = tables.has('case_countries') ? (namedBy.get(`${row.case_id}/${code}`) ?? []) : row.source_ids;
      const sources = [...new Set([...(seen?.source_ids ?? []), ...cited])];
      caseRoles.set(key, { operation_id: row.operation_id, iso2: code, role: 'case_location', name_as_published: null, source_ids: sources });
    }
  }
  const derived = [...caseRoles.values()].sort((a, b) => `${a.operation_id}/${a.iso2}`.localeCompare(`${b.operation_id}/${b.iso2}`));
  tables.set('country_roles', { table: roles.table, rows: [...resolved, ...derived], lines: [...lines, ...derived.map(() => 0)] });

  const codes = new Set<string>();
  for (const row of [...resolved, ...derived]) codes.add(String(row.iso2));
  for (const row of caseRows) {
    for (const code of [...row.countries, ...row.linked_countries]) {
      if (resolver.isCode(code)) codes.add(code);
    }
  }
  const countryRows = [...codes].map((code) => resolver.record(code)).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  // As this release has the table: a frozen release keeps the columns it was published with.
  const table = tableAsOf(countries, release);
  const columns = table.columns.map((c) => c.name);
  const rows = countryRows.map((row) => withColumns(columns, row));
  tables.set('countries', { table, rows, lines: rows.map(() => 0) });
}

function withColumns(columns: string[], row: Row): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}
