import * as z from 'zod';
import { countryList, slug, sourceIds, text, vocabulary } from '../fields.ts';
import { defineTable } from '../table.ts';

export const caseCategory = vocabulary(
  {
    forced_criminality: 'Forced criminality, including trafficking-fuelled scam centres',
    sexual_exploitation: 'Trafficking for sexual exploitation',
    forced_labour: 'Trafficking for forced labour',
    child_trafficking: 'Sale or trafficking of a child',
    organ_removal: 'Trafficking for organ removal',
    pyramid_recruitment: 'Pyramid-style recruitment into trafficking',
    migrant_smuggling: 'Migrant smuggling',
    arms_smuggling: 'Smuggling of weapons along migration routes',
    prevention: 'Prevention and outreach work with the private sector or public',
    document_fraud: 'Forged or stolen identity and travel documents',
    fugitive_arrest: 'Arrest of people wanted by another country, e.g. on an INTERPOL Red Notice',
    child_exploitation: 'Exploitation of children other than their sale or trafficking',
    human_trafficking: 'Human trafficking whose form of exploitation the source does not state',
  },
  'Kind of crime or action',
);

export const cases = defineTable({
  name: 'cases',
  title: 'Reported cases and actions',
  description:
    'Cases and actions reported for an operation, summarised in our own words. Figures for each case are in case_figures.',
  schema: z.object({
    case_id: slug('Identifier of the case'),
    operation_id: slug('The operation (operations.operation_id)'),
    title: text('Short title'),
    category: caseCategory,
    countries: countryList('Where the case or action took place'),
    linked_countries: countryList(
      'Other countries named in the case: where victims or migrants came from or were headed, and other links',
    ),
    summary: text('What happened, in our own words'),
    source_ids: sourceIds(),
  }),
  primaryKey: ['case_id'],
  rowPath: 'case_id',
  label: [{ name: 'title', column: 'title' }],
  foreignKeys: [{ fields: ['operation_id'], reference: { resource: 'operations', fields: ['operation_id'] } }],
  filters: { operation: 'operation_id', country: 'countries', linked_country: 'linked_countries', category: 'category' },
  search: ['title', 'summary'],
});
