import * as z from 'zod';
import { slug, sourceIds, text, vocabulary } from '../fields.ts';
import { defineTable } from '../table.ts';

export const findingTheme = vocabulary(
  {
    scam_centres: 'Scam centres run with trafficked workers',
    forms_of_exploitation: 'Which forms of exploitation are reported, and which are growing',
    victim_flows: 'Where victims come from and where they are taken',
    migration_routes: 'How migration routes over land are changing',
    maritime_routes: 'Pressure on sea routes',
    detection: 'How authorities find and follow networks',
    linked_crimes: 'Other crimes tied to trafficking and smuggling',
  },
  'What the finding is about',
);

export const findings = defineTable({
  name: 'findings',
  title: 'Findings of an operation',
  description:
    'The trends an operation\'s organiser reported as its major findings, one row each, summarised in our own words, with the regions each concerns.',
  schema: z.object({
    finding_id: slug('Identifier of the finding'),
    operation_id: slug('The operation (operations.operation_id)'),
    theme: findingTheme,
    regions: z.array(text('A region')).meta({ description: 'UN M49 regions or sub-regions the finding concerns, as the source names them; empty where it names none' }),
    summary: text('The finding, in our own words'),
    source_ids: sourceIds(),
  }),
  primaryKey: ['finding_id'],
  rowPath: 'finding_id',
  foreignKeys: [{ fields: ['operation_id'], reference: { resource: 'operations', fields: ['operation_id'] } }],
  filters: { operation: 'operation_id', theme: 'theme', region: 'regions' },
  search: ['summary'],
});
