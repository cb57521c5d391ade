import * as z from 'zod';
import { isoDate, slug, text, url, vocabulary } from '../fields.ts';
import { defineTable } from '../table.ts';

export const sources = defineTable({
  name: 'sources',
  title: 'Sources',
  description: 'Every document the dataset cites, by publisher, title and date.',
  schema: z.object({
    source_id: slug('Identifier of the source'),
    publisher: text('Who published it'),
    title: text('Title as published; empty where the copy we hold has none').nullable(),
    published_date: isoDate('Publication date (ISO 8601); empty where unknown').nullable(),
    url: url('Address of the document, where known').nullable(),
    kind: vocabulary(
      {
        press_release: 'Press release by the organiser',
        official_statement: 'Page or statement of a government or international body',
        news_report: 'News article',
        news_summary: 'News summary compiled from several reports',
      },
      'Kind of document',
    ),
    notes: text('What a reader should know about this source').nullable(),
  }),
  primaryKey: ['source_id'],
  rowPath: 'source_id',
  filters: { kind: 'kind', publisher: 'publisher' },
  search: ['publisher', 'title'],
});
