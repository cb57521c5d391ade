// The registry: adding a table means writing its schema file and listing it here.
import { caseFigures } from './tables/case-figures.ts';
import { cases } from './tables/cases.ts';
import { countries } from './tables/countries.ts';
import { countryRoles } from './tables/country-roles.ts';
import { discrepancies } from './tables/discrepancies.ts';
import { metrics } from './tables/metrics.ts';
import { operations } from './tables/operations.ts';
import { partners } from './tables/partners.ts';
import { sources } from './tables/sources.ts';
import type { Table } from './table.ts';

/** Every table, in the order indexes and documents list them. */
export const tables: readonly Table[] = [
  operations,
  metrics,
  partners,
  countries,
  countryRoles,
  cases,
  caseFigures,
  discrepancies,
  sources,
];

const byName = new Map(tables.map((t) => [t.name, t]));

export function tableNamed(name: string): Table | undefined {
  return byName.get(name);
}
