// A source a reader can open: from release 1.2.0 on, a source without a title,
// date or URL says why (missing_note), never a silent blank, and says whether it
// is a primary source or which primary sources it retells.
import { compareVersions } from '../../core/semver.ts';
import type { DataProblem } from './data-problem.ts';
import { type TypedTable, validRows } from './rows.ts';

export const SOURCE_RECORDS_FROM = '1.2.0';

const FIELDS = { title: 'title', published_date: 'date', url: 'URL' } as const;

export function checkSourceRecords(release: string, tables: Map<string, TypedTable>): DataProblem[] {
  const sources = tables.get('sources');
  if (!sources || compareVersions(release, SOURCE_RECORDS_FROM) < 0) return [];
  const problems: DataProblem[] = [];
  validRows(sources, 'sources').forEach((row, i) => {
    const line = sources.lines[i];
    const at = { release, table: 'sources', ...(line ? { line } : {}), key: row.source_id };
    const missing = (Object.keys(FIELDS) as (keyof typeof FIELDS)[]).filter((field) => row[field] === null);
    if (missing.length > 0 && row.missing_note === null) {
      problems.push({ ...at, field: 'missing_note', rule: 'source-missing-note', message: `has no ${missing.map((f) => FIELDS[f]).join(', ')}: say in missing_note what was looked for and why it is not recorded` });
    }
    if (missing.length === 0 && row.missing_note !== null) {
      problems.push({ ...at, field: 'missing_note', rule: 'source-missing-note', message: 'title, date and URL are all recorded: empty missing_note' });
    }
    if (row.standing === 'retelling' && row.retells.length === 0) {
      problems.push({ ...at, field: 'retells', rule: 'source-standing', message: 'a retelling names the primary sources it retells (source_id values in retells)' });
    }
    if (row.standing !== 'retelling' && row.retells.length > 0) {
      problems.push({ ...at, field: 'retells', rule: 'source-standing', message: `only a retelling lists what it retells; this source's standing is ${row.standing}` });
    }
  });
  return problems;
}
