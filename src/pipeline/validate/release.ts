// Builds one release from its source folder: read → type and validate rows →
// derive country tables → cross-table rules. Throws DataError listing every problem.
import type { ReleaseInfo } from '../../core/release-types.ts';
import { citationFor, LICENCE } from '../../core/dataset.ts';
import type { Row } from '../../core/table-types.ts';
import { type Table, tableAsOf } from '../../schema/table.ts';
import { type RowOf, type TableName, tableNamed, tables as allTables } from '../../schema/registry.ts';
import { type CountryResolver, countryResolver } from './countries.ts';
import { deriveCountryTables } from './derive.ts';
import { DataError, type DataProblem } from './data-problem.ts';
import { rowsAs, type TypedTable, typedRows } from './rows.ts';
import { checkRules } from './rules.ts';
import { checkCaseCountries } from './citations.ts';
import { checkSourceRecords } from './source-records.ts';
import { checkOwnWords, OWN_WORDS_FROM } from './own-words.ts';
import { compareVersions } from '../../core/semver.ts';
import { readReleaseSource } from '../read/source.ts';

export interface BuiltRelease {
  info: ReleaseInfo;
  /** Tables in registry order, each with its validated rows. */
  tables: { table: Table; rows: Row[] }[];
}

/**
 * A table's rows with their own type (RowOf): every row was validated against
 * that table's schema, so the generic rows are that type. Empty if the release
 * has no such table.
 */
export function rowsOf<Name extends TableName>(built: BuiltRelease, name: Name): readonly RowOf<Name>[] {
  return rowsAs(builtTable(built, name)?.rows ?? [], name);
}

/** A table of the release with its rows, if the release has it. */
export function builtTable(built: BuiltRelease, name: string): BuiltRelease['tables'][number] | undefined {
  return built.tables.find((t) => t.table.name === name);
}

const REQUIRED = ['operations', 'sources'];

export interface ReleaseChecks {
  resolver?: CountryResolver;
  /** The source texts' word runs (own-words.ts seedRuns); without them the own-words rule is not run. */
  seedRuns?: ReadonlyMap<string, string>;
}

export function buildRelease(dir: string, checks: ReleaseChecks = {}): BuiltRelease {
  const resolver = checks.resolver ?? countryResolver();
  const { source, problems } = readReleaseSource(dir);
  if (!source) throw new DataError(problems);
  const version = source.release.version;
  const typed = new Map<string, TypedTable>();
  for (const [name, file] of source.tables) {
    const named = tableNamed(name);
    const table = named && tableAsOf(named, version);
    if (!table || table.derived) {
      const known = allTables.filter((t) => !t.derived).map((t) => `${t.name}.csv`);
      problems.push({ release: version, table: name, rule: 'unknown-table', message: `unknown file ${name}.csv; expected one of ${known.join(', ')}` });
      continue;
    }
    typed.set(name, typedRows(version, table, file, problems));
  }
  for (const name of REQUIRED) {
    if (!typed.has(name)) problems.push({ release: version, table: name, rule: 'missing-table', message: `every release needs ${name}.csv` });
  }
  deriveCountryTables(version, typed, resolver, problems);
  problems.push(...checkRules(version, typed), ...checkCaseCountries(version, typed), ...checkSourceRecords(version, typed));
  if (checks.seedRuns && compareVersions(version, OWN_WORDS_FROM) >= 0) problems.push(...checkOwnWords(version, [...typed.values()], checks.seedRuns));
  if (problems.length) throw new DataError(sortProblems(problems));
  return {
    info: { ...source.release, licence: { ...LICENCE }, citation: citationFor(source.release) },
    tables: allTables.filter((t) => typed.has(t.name)).map((t) => ({ table: typed.get(t.name)!.table, rows: typed.get(t.name)!.rows })),
  };
}

function sortProblems(problems: DataProblem[]): DataProblem[] {
  return problems.sort((a, b) => a.table.localeCompare(b.table) || (a.line ?? 0) - (b.line ?? 0));
}
