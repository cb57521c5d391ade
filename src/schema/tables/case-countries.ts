import * as z from 'zod';
import { iso2, slug, sourceIds, vocabulary } from '../fields.ts';
import { defineTable } from '../table.ts';

export const caseCountryRole = vocabulary(
  {
    location: 'Where the case or action took place (cases.countries)',
    linked: 'Named in the case as where people came from or were headed, or another link (cases.linked_countries)',
  },
  'How the country figures in the case',
);

export const caseCountries = defineTable({
  name: 'case_countries',
  title: 'Countries of each case',
  description:
    'One row per (case, country, role), citing only the sources that name that country for that case. It lists exactly the countries of cases.countries and cases.linked_countries; the case_location roles of country_roles cite these sources.',
  schema: z.object({
    case_id: slug('The case (cases.case_id)'),
    iso2: iso2('The country (countries.iso2)'),
    role: caseCountryRole,
    source_ids: sourceIds('Sources that name this country for this case, as source_id values'),
  }),
  primaryKey: ['case_id', 'iso2', 'role'],
  foreignKeys: [
    { fields: ['case_id'], reference: { resource: 'cases', fields: ['case_id'] } },
    { fields: ['iso2'], reference: { resource: 'countries', fields: ['iso2'] } },
  ],
  filters: { case: 'case_id', country: 'iso2', role: 'role' },
});
