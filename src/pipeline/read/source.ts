// Reads one release's source files from data/releases/<version>/ as raw text cells.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_DIR } from '../repo.ts';
import { releaseSource } from '../../schema/release.ts';
import type { ReleaseSource } from '../../core/release-types.ts';
import type { DataProblem } from '../validate/data-problem.ts';

export interface SourceTable {
  name: string;
  header: string[];
  /** Raw cells per record, with the line each record starts on. */
  records: { line: number; width: number; cells: Record<string, string> }[];
}

export interface ReleaseSourceFiles {
  dir: string;
  release: ReleaseSource;
  tables: Map<string, SourceTable>;
}

export { DATA_DIR };
export const RELEASES_DIR = join(DATA_DIR, 'releases');

/** Versions present under data/releases/, in no particular order. */
export function listReleaseDirs(root = RELEASES_DIR): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}

export function readReleaseSource(dir: string): { source?: ReleaseSourceFiles; problems: DataProblem[] } {
  const version = dir.split('/').at(-1) ?? dir;
  const problems: DataProblem[] = [];
  const metaPath = join(dir, 'release.json');
  if (!existsSync(metaPath)) {
    return { problems: [{ release: version, table: 'release', rule: 'release-file', message: `missing ${metaPath}` }] };
  }
  const meta = releaseSource.safeParse(JSON.parse(readFileSync(metaPath, 'utf8')));
  if (!meta.success) {
    for (const issue of meta.error.issues) {
      problems.push({ release: version, table: 'release', field: issue.path.join('.'), rule: 'schema', message: issue.message });
    }
    return { problems };
  }
  if (meta.data.version !== version) {
    problems.push({
      release: version,
      table: 'release',
      field: 'version',
      rule: 'release-file',
      message: `release.json says ${meta.data.version} but its folder is ${version}`,
    });
  }
  const tables = new Map<string, SourceTable>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const name = file.slice(0, -'.csv'.length);
    tables.set(name, parseCsv(name, readFileSync(join(dir, file), 'utf8')));
  }
  return { source: { dir, release: meta.data, tables }, problems };
}

function parseCsv(name: string, text: string): SourceTable {
  const parsed = parse(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as unknown as { record: string[]; info: { lines: number; empty_lines: number } }[];
  const [head, ...rest] = parsed;
  const header = head?.record ?? [];
  // csv-parse reports the line a record ends on; a quoted line break makes it differ from where it starts.
  let previous = head?.info ?? { lines: 0, empty_lines: 0 };
  const records = rest.map(({ record, info }) => ({
    line: startLine(previous, (previous = info)),
    cells: Object.fromEntries(header.map((column, i) => [column, record[i] ?? ''])),
    width: record.length,
  }));
  return { name, header, records };
}

function startLine(before: { lines: number; empty_lines: number }, at: { lines: number; empty_lines: number }): number {
  return before.lines + 1 + (at.empty_lines - before.empty_lines);
}
