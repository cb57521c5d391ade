import * as z from 'zod';
import { slug, sourceIds, text } from '../fields.ts';
import { defineTable } from '../table.ts';

export const discrepancies = defineTable({
  name: 'discrepancies',
  title: 'Discrepancies between sources',
  description:
    'Where sources disagree or misattribute a figure: what was claimed and by whom, the value this dataset adopts, from which sources, and why.',
  schema: z.object({
    discrepancy_id: slug('Identifier of the discrepancy'),
    operation_id: slug('The operation concerned (operations.operation_id)'),
    topic: text('The fact in question, e.g. "Victims safeguarded"'),
    claim: text('What the disagreeing sources say'),
    claim_source_ids: sourceIds('Sources that make the claim'),
    adopted: text('What this dataset adopts instead'),
    source_ids: sourceIds('Sources for the adopted value'),
    explanation: text('Why the adopted value is preferred'),
  }),
  primaryKey: ['discrepancy_id'],
  rowPath: 'discrepancy_id',
  foreignKeys: [{ fields: ['operation_id'], reference: { resource: 'operations', fields: ['operation_id'] } }],
  filters: { operation: 'operation_id' },
  search: ['topic', 'claim', 'adopted', 'explanation'],
});
