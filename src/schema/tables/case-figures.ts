import * as z from 'zod';
import { amount, qualifier, slug, sourceIds, text, vocabulary } from '../fields.ts';
import { defineTable } from '../table.ts';

export const caseFigure = vocabulary(
  {
    victims: 'Victims identified, rescued or safeguarded',
    workers_found: 'Workers found on the premises',
    migrants: 'Migrants intercepted or smuggled',
    minors: 'Minors among the people above',
    arrests: 'People arrested',
    detained: 'People detained',
    suspects: 'Suspected facilitators identified',
    repatriated: 'Victims screened for repatriation',
    phones_seized: 'Mobile phones seized',
    computers_seized: 'Computers seized',
    assets_frozen: 'Value of assets frozen',
    debt_per_victim: 'Debt imposed on each victim (releases 1.0.0 and 1.1.0; from 1.2.0, debt_imposed)',
    debt_imposed: 'Debt the victims were made to repay, as the source states it',
    documents_seized: 'Forged or stolen documents seized',
    groups_dismantled: 'Criminal groups dismantled',
  },
  'What the number counts',
);

export const caseFigures = defineTable({
  name: 'case_figures',
  title: 'Case figures',
  description:
    'Numbers reported for a case: one row per (case, figure, unit). Money has its ISO 4217 currency as unit; a source giving two currencies gives two rows.',
  schema: z.object({
    case_id: slug('The case (cases.case_id)'),
    figure: caseFigure,
    value: amount('The number as published, without its qualifier'),
    qualifier,
    unit: z
      .string()
      .regex(/^(people|devices|documents|groups|[A-Z]{3})$/, 'must be people, devices, documents, groups or an ISO 4217 currency code')
      .meta({ description: 'people, devices, documents, groups, or an ISO 4217 currency code for money' }),
    notes: text('What else a reader should know about this figure').nullable(),
    source_ids: sourceIds(),
  }),
  primaryKey: ['case_id', 'figure', 'unit'],
  foreignKeys: [{ fields: ['case_id'], reference: { resource: 'cases', fields: ['case_id'] } }],
  filters: { case: 'case_id', figure: 'figure', unit: 'unit' },
  search: ['notes'],
});
