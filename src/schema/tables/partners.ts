import * as z from 'zod';
import { slug, sourceIds, text, vocabulary } from '../fields.ts';
import { defineTable } from '../table.ts';

export const partnerRole = vocabulary(
  {
    lead_funder: 'Funded the operation',
    additional_funder: 'Gave additional financial support',
    operational_partner: 'Named as an operational partner organisation',
    supporting_unit: 'Supporting unit of the organiser',
  },
  'What the organisation did for the operation',
);

export const partners = defineTable({
  name: 'partners',
  title: 'Funders and partners',
  description: 'Organisations named as funders or partners of an operation: one row per (operation, organisation, role).',
  schema: z.object({
    operation_id: slug('The operation (operations.operation_id)'),
    organisation: text('Organisation name as published'),
    role: partnerRole,
    source_ids: sourceIds(),
  }),
  primaryKey: ['operation_id', 'organisation', 'role'],
  foreignKeys: [{ fields: ['operation_id'], reference: { resource: 'operations', fields: ['operation_id'] } }],
  filters: { operation: 'operation_id', role: 'role' },
  search: ['organisation'],
});
