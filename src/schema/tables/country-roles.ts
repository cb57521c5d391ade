import * as z from 'zod';
import { iso2, slug, sourceIds, text, vocabulary } from '../fields.ts';
import { defineTable } from '../table.ts';

export const countryRole = vocabulary(
  {
    participant: 'Listed as a participating country or territory',
    coordination_unit_host: 'Hosted an operational coordination unit or centre',
    awareness_campaign: 'Ran an awareness campaign during the operation',
    case_location: 'Place of a reported case (derived from cases.countries)',
  },
  'Role the country played in the operation',
);

export const countryRoles = defineTable({
  name: 'country_roles',
  title: 'Country roles per operation',
  description:
    'One row per (operation, country, role). Source rows give the country as published; the build resolves it to ISO codes. case_location rows are derived from the cases table.',
  schema: z.object({
    operation_id: slug('The operation (operations.operation_id)'),
    iso2: iso2('The country (countries.iso2)'),
    name_as_published: text('The country name exactly as the source prints it; empty for derived rows').nullable(),
    role: countryRole,
    source_ids: sourceIds(),
  }),
  primaryKey: ['operation_id', 'iso2', 'role'],
  foreignKeys: [
    { fields: ['operation_id'], reference: { resource: 'operations', fields: ['operation_id'] } },
    { fields: ['iso2'], reference: { resource: 'countries', fields: ['iso2'] } },
  ],
  filters: { operation: 'operation_id', country: 'iso2', role: 'role' },
  search: ['name_as_published'],
  derivedColumns: ['iso2'],
});
