// A filter never silently misses: every value of a code or free-text column must
// be one the release holds in that column (a closed vocabulary's values are all
// documented, so one no row holds answers "none"). A country given by name (any of INTERPOL's four languages) or by
// ISO alpha-3 is taken as its alpha-2 code, and the answer says so; any other
// unknown value is a 400 that names the parameter and the closest values held.
import { badRequest, type InvalidParam } from '../../core/problem.ts';
import type { TableQuery } from '../../core/query-params.ts';
import type { Row, TableFacts } from '../../core/table-types.ts';
import type { Items, LoadedIndex } from '../kv/store.ts';

/** A column's held values, lower-cased, as a set: built once per isolate and index section, so checking costs a lookup at any size. */
const heldSets = new WeakMap<Items, Set<string>>();
function heldSet(items: Items): Set<string> {
  let set = heldSets.get(items);
  if (!set) heldSets.set(items, (set = new Set(items.lower)));
  return set;
}

/** What a release's countries are called: alias (lower case) → ISO alpha-2, and the English name of each code. */
export interface CountryNames {
  codeOf: Map<string, string>;
  nameOf: Map<string, string>;
}

export function countryNames(rows: readonly Row[]): CountryNames {
  const codeOf = new Map<string, string>();
  const nameOf = new Map<string, string>();
  for (const row of rows) {
    const code = String(row.iso2);
    nameOf.set(code, String(row.name));
    for (const alias of [row.iso3, row.name, row.name_fr, row.name_es, row.name_ar]) {
      if (typeof alias === 'string') codeOf.set(alias.toLowerCase(), code);
    }
  }
  return { codeOf, nameOf };
}

/** Whether a column holds ISO alpha-2 country codes. */
export const isCountryColumn = (table: TableFacts, column: string) => {
  const facts = table.columns.find((c) => c.name === column);
  return column === 'iso2' || facts?.references?.resource === 'countries';
};

/** Edit distance, for "did you mean": small strings only (filter values are at most 200 characters). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** At most this many values are measured for a suggestion: a bad value costs bounded work, however many values a column holds. */
const MAX_CANDIDATES = 2000;
/** Values a 400 lists as allowed; past this many it says how many there are. */
const MAX_LISTED = 200;

/** The values held that are closest to `given`: containing it first, then by edit distance. */
function closest(given: string, held: readonly string[], labelOf: (value: string) => string, count = 3): string[] {
  const g = given.toLowerCase();
  // Past the bound, only values that start like the given one are measured.
  const pool = held.length <= MAX_CANDIDATES ? held : held.filter((v) => v[0]?.toLowerCase() === g[0]).slice(0, MAX_CANDIDATES);
  return [...pool]
    .map((value) => {
      const v = labelOf(value).toLowerCase();
      const score = v.includes(g) || g.includes(v) ? -1 : Math.min(distance(g, value.toLowerCase()), distance(g, v));
      return { value, score };
    })
    .sort((x, y) => x.score - y.score || x.value.localeCompare(y.value))
    .slice(0, count)
    .map(({ value }) => labelOf(value) === value ? value : `${value} (${labelOf(value)})`);
}

export interface CheckedFilters {
  query: TableQuery;
  /** Values taken as another form of a held value, e.g. `country=Spain→ES`. */
  resolved: string[];
}

/**
 * Checks every filter value against the values the index holds. `names` is the
 * release's country names, needed only when a country column is filtered.
 */
export function checkFilters(table: TableFacts, version: string, query: TableQuery, index: LoadedIndex, names?: CountryNames): CheckedFilters {
  const invalid: InvalidParam[] = [];
  const resolved: string[] = [];
  const paramOf = (column: string) => Object.entries(table.filters).find(([, c]) => c === column)![0];
  const filters = query.filters.map(({ column, values }) => {
    // A closed vocabulary's values were checked when the query was parsed, and each is
    // documented: one no row holds is a true "none", not a mistake.
    if (table.columns.find((c) => c.name === column)?.values) return { column, values };
    const held = heldSet(index.items[column]!);
    const heldValues = index.items[column]!.values;
    const country = names && isCountryColumn(table, column);
    const labelOf = (value: string) => (country ? (names.nameOf.get(value.toUpperCase()) ?? value) : value);
    const out: string[] = [];
    for (const value of values) {
      if (held.has(value.toLowerCase())) {
        out.push(value);
        continue;
      }
      const code = country ? names.codeOf.get(value.toLowerCase()) : undefined;
      if (code && held.has(code.toLowerCase())) {
        out.push(code);
        // Percent-encoded: a header carries ASCII only, and names may not be (España).
        resolved.push(`${paramOf(column)}=${encodeURIComponent(value)} as ${code}`);
        continue;
      }
      const param = paramOf(column);
      const suggestions = closest(value, heldValues, labelOf);
      invalid.push({
        name: param,
        reason: code
          ? `${value} is ${code} (${labelOf(code)}), which no row of ${table.name} in release ${version} has in ${column}`
          : `no row of ${table.name} in release ${version} has ${column} "${value}"; did you mean ${suggestions.join(', or ')}?`,
        // Listed in full up to a bound, so an error's size does not grow with the table.
        allowed: heldValues.length <= MAX_LISTED ? heldValues : `${heldValues.length} values held, e.g. ${heldValues.slice(0, 5).join(', ')}`,
      });
    }
    return { column, values: out };
  });
  if (invalid.length) {
    throw badRequest(`No row has ${invalid.length > 1 ? 'these values' : 'this value'}: ${invalid.map((i) => i.name).join(', ')}. Use a value the release holds (listed in allowed).`, invalid.slice(0, 20));
  }
  return { query: { ...query, filters }, resolved };
}
