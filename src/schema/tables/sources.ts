import * as z from 'zod';
import { isoDate, since, slug, text, url, vocabulary } from '../fields.ts';
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
    standing: since(
      '1.2.0',
      vocabulary(
        {
          primary: "The organiser's own account: an INTERPOL release",
          retelling: 'Retells a primary source, adding little or nothing of its own',
          independent: "A partner's, a government's or a reporter's own statement beyond the organiser's releases",
        },
        'Whether this is a primary source or retells one',
      ),
    ),
    retells: since('1.2.0', z.array(slug('A source_id')).meta({ description: 'The primary sources this one retells, as source_id values; empty for the others', references: { resource: 'sources', field: 'source_id' } })),
    missing_note: since('1.2.0', text('Why the title, date or URL is empty: what was looked for and not found. Empty when all three are known').nullable()),
    notes: text('What a reader should know about this source').nullable(),
  }),
  primaryKey: ['source_id'],
  rowPath: 'source_id',
  // A source without a title still has its publisher.
  label: [
    { name: 'title', column: 'title' },
    { name: 'publisher', column: 'publisher' },
  ],
  filters: { kind: 'kind', publisher: 'publisher', standing: 'standing' },
  search: ['publisher', 'title', 'notes'],
});
