import * as z from 'zod';
import { amount, qualifier, slug, sourceIds, text, vocabulary } from '../fields.ts';
import { defineTable } from '../table.ts';

export const metricName = vocabulary(
  {
    victims_safeguarded: 'Potential victims of trafficking safeguarded or rescued',
    irregular_migrants_detected: 'Irregular migrants detected or identified',
    migrant_nationalities: 'Nationalities among the irregular migrants detected',
    arrests: 'Arrests, all offences',
    arrests_trafficking_smuggling: 'Arrests for human trafficking or migrant smuggling offences',
    officers_deployed: 'Law enforcement officers mobilised',
    investigations_opened: 'New investigations opened',
    flights_monitored: 'Flights monitored',
    database_checks: 'Checks against INTERPOL databases',
    inspections: 'Inspections at checkpoints and airports',
    criminal_groups_dismantled: 'Criminal groups dismantled',
    specialized_units_supporting: 'Specialized units of the organiser that supported the operation',
  },
  'What is counted',
);

export const metrics = defineTable({
  name: 'metrics',
  title: 'Headline metrics',
  description:
    'Tidy headline figures: one row per (operation, metric), with the number, how the source qualifies it and who states it.',
  schema: z.object({
    operation_id: slug('The operation (operations.operation_id)'),
    metric: metricName,
    value: amount('The number as published, without its qualifier'),
    qualifier,
    unit: vocabulary(
      {
        people: 'People',
        arrests: 'Arrests',
        officers: 'Officers',
        investigations: 'Investigations',
        flights: 'Flights',
        checks: 'Database checks',
        inspections: 'Inspections',
        groups: 'Criminal groups',
        nationalities: 'Nationalities',
        units: 'Organisational units',
      },
      'Unit of the value',
    ),
    notes: text('What else a reader should know about this figure').nullable(),
    source_ids: sourceIds(),
  }),
  primaryKey: ['operation_id', 'metric'],
  foreignKeys: [{ fields: ['operation_id'], reference: { resource: 'operations', fields: ['operation_id'] } }],
  filters: { operation: 'operation_id', metric: 'metric', qualifier: 'qualifier' },
  search: ['notes'],
});
