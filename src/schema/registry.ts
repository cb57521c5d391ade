// The registry: adding a table means writing its schema file and listing it here.
import { caseCountries } from './tables/case-countries.ts';
import { caseFigures } from './tables/case-figures.ts';
import { cases } from './tables/cases.ts';
import { countries } from './tables/countries.ts';
import { countryRoles } from './tables/country-roles.ts';
import { discrepancies } from './tables/discrepancies.ts';
import { findings } from './tables/findings.ts';
import { metrics } from './tables/metrics.ts';
import { operations } from './tables/operations.ts';
import { partners } from './tables/partners.ts';
import { sources } from './tables/sources.ts';
import type * as z from 'zod';
import type { Table } from './table.ts';

/** Every table, in the order indexes and documents list them. */
const registry = [
  operations,
  metrics,
  partners,
  countries,
  countryRoles,
  cases,
  caseCountries,
  caseFigures,
  findings,
  discrepancies,
  sources,
] as const;

export const tables: readonly Table[] = registry;

export type TableName = (typeof registry)[number]['name'];
/** A table's own row type, inferred from its zod schema: a renamed column is a compile error wherever it is read. */
export type RowOf<Name extends TableName> = z.output<Extract<(typeof registry)[number], { name: Name }>['schema']>;

const byName = new Map(tables.map((t) => [t.name, t]));

export function tableNamed(name: string): Table | undefined {
  return byName.get(name);
}
