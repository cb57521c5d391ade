import * as z from 'zod';
import { count, isoDate, slug, sourceIds, text } from '../fields.ts';
import { defineTable } from '../table.ts';

export const operations = defineTable({
  name: 'operations',
  title: 'Operations',
  description: 'One row per Liberterra operation: who ran it, when, and how many countries took part.',
  schema: z.object({
    operation_id: slug('Identifier of the operation, e.g. liberterra-iii'),
    name: text('Name as published, e.g. "Operation Liberterra III"'),
    edition: count('Edition number: 1 for Liberterra (I), 2 for II, 3 for III'),
    organiser: text('Organisation that coordinated the operation'),
    start_date: isoDate('First day of the operation (ISO 8601)'),
    end_date: isoDate('Last day of the operation (ISO 8601)'),
    announced_date: isoDate('Date the results were announced (ISO 8601)'),
    announced_from: text('Dateline of the announcement').nullable(),
    participant_count: count('Number of participating countries and territories, as published'),
    notes: text('What else a reader should know about this row').nullable(),
    source_ids: sourceIds(),
  }),
  primaryKey: ['operation_id'],
  rowPath: 'operation_id',
  label: [
    { name: 'name', column: 'name' },
    { name: 'year', column: 'start_date', year: true },
  ],
  filters: {},
  search: ['name', 'notes'],
});
