// The pandas and R lines a table page shows under "Download this view" are run,
// as the page shows them, in Debian's pandas and R against the shipped bundle:
// for filtered, searched, sorted and narrowed views each reads exactly the rows
// and columns of that view, as the view's JSON has them (Namibia's `NA` kept,
// M49 zeros kept, numbers numeric, dates dates).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/table-types.ts';
import { tables } from '../../src/schema/registry.ts';
import { tableAsOf } from '../../src/schema/table.ts';
import { type RunningWorker, startWorker } from '../harness/worker.ts';
import { LATEST } from '../releases.ts';
import { asRead, rVector } from './cells-as-read.ts';

const PYTHON = '/usr/bin/python3';
const RSCRIPT = '/usr/bin/Rscript';

/** Views whose cells hold what naive readers break, each with a filter, range, search, sort or fields. */
const VIEWS = [
  { table: 'countries', query: 'region=Africa&fields=iso2,m49,name,subregion', holds: (rows: Row[]) => rows.some((r) => r.iso2 === 'NA') && rows.some((r) => /^0/.test(String(r.m49))) },
  { table: 'operations', query: 'start_date_gte=2024-01-01&sort=-start_date', holds: (rows: Row[]) => rows.length === 2 },
  { table: 'cases', query: 'q=smuggling&operation=liberterra-iii', holds: (rows: Row[]) => rows.length > 1 },
  { table: 'metrics', query: 'metric=arrests,victims_safeguarded&sort=-value', holds: (rows: Row[]) => rows.every((r) => typeof r.value === 'number') },
];
type Row = Record<string, Cell>;

let worker: RunningWorker;
beforeAll(async () => {
  for (const tool of [PYTHON, RSCRIPT]) if (!existsSync(tool)) throw new Error(`No ${tool}: apt-get install python3-pandas r-base-core`);
  worker = await startWorker();
});
afterAll(() => worker?.dispose());

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The page's snippets by tool name, as a reader would copy them. */
async function snippetsOf(path: string): Promise<Map<string, string>> {
  const res = await worker.fetch(path);
  expect(res.status, path).toBe(200);
  const page = await res.text();
  const section = page.slice(page.indexOf('<section id="download"'));
  return new Map([...section.matchAll(/<h4>([^<]+)<\/h4><pre tabindex="0"><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => [unescape(m[1]!), unescape(m[2]!)]));
}

function run(command: string, script: string, suffix: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'liberterra-page-snippets-')), `check${suffix}`);
  writeFileSync(file, script);
  return execFileSync(command, [file], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' }, maxBuffer: 1 << 24 });
}

describe.each(VIEWS)('the $table page for ?$query', ({ table, query, holds }) => {
  let snippets: Map<string, string>;
  let columns: { name: string; kind: string }[];
  let want: Record<string, (string | number | null)[]>;
  beforeAll(async () => {
    snippets = await snippetsOf(`/v1/${table}.html?${query}`);
    const body = (await (await worker.fetch(`/v1/${table}.json?${query}&limit=10000`)).json()) as { data: Row[] };
    expect(holds(body.data), 'the view holds what it is chosen for').toBe(true);
    const names = Object.keys(body.data[0]!);
    const all = tableAsOf(tables.find((t) => t.name === table)!, LATEST).columns;
    columns = names.map((n) => ({ name: n, kind: all.find((c) => c.name === n)!.kind }));
    want = Object.fromEntries(names.map((n) => [n, body.data.map((r) => asRead(r[n]))]));
  });

  it('shows a Sheets, two pandas and an R line, each for this view', () => {
    expect([...snippets.keys()]).toEqual(['Google Sheets', 'Python (pandas), CSV', 'Python (pandas), JSON', 'R']);
    const [, url] = /^=IMPORTDATA\("([^"]+)"\)$/.exec(snippets.get('Google Sheets')!)!;
    const sheet = new URL(url!);
    expect(`${sheet.origin}${sheet.pathname}`).toBe(`${worker.origin}/v1/${table}.csv`);
    expect([...sheet.searchParams]).toEqual([...new URLSearchParams(query)]);
  });

  it("reads the view's rows and columns with the pandas CSV line, and as many with the JSON line", () => {
    const kinds = JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, c.kind])));
    const script = [
      'import json',
      snippets.get('Python (pandas), CSV')!,
      `csv_frame = ${table}`,
      snippets.get('Python (pandas), JSON')!.replace('import pandas as pd\n\n', ''),
      `kinds, want = json.loads(${JSON.stringify(kinds)}), json.loads(${JSON.stringify(JSON.stringify(want))})`,
      'def plain(kind, v):',
      '    if v is None or (not isinstance(v, str) and pd.isna(v)): return None',
      "    if kind == 'date': return v.strftime('%Y-%m-%d')",
      "    if kind in ('integer', 'number'): return float(v)",
      '    return v',
      'assert list(csv_frame.columns) == list(want), list(csv_frame.columns)',
      `assert list(${table}.columns) == list(want) and len(${table}) == len(csv_frame), (list(${table}.columns), len(${table}))`,
      'for col, values in want.items():',
      '    kind = kinds[col]',
      "    if kind == 'date': assert str(csv_frame[col].dtype).startswith('datetime64'), (col, csv_frame[col].dtype)",
      "    elif kind in ('integer', 'number'): assert pd.api.types.is_numeric_dtype(csv_frame[col]), (col, csv_frame[col].dtype)",
      '    else: assert csv_frame[col].dtype == object, (col, csv_frame[col].dtype)',
      '    got = [plain(kind, v) for v in csv_frame[col]]',
      '    values = [plain(kind, v) if kind in ("integer", "number") else v for v in values]',
      '    assert got == values, (col, [(g, w) for g, w in zip(got, values) if g != w][:3])',
      "print('ok', len(csv_frame))",
    ].join('\n');
    expect(run(PYTHON, script, '.py').trim()).toBe(`ok ${want[columns[0]!.name]!.length}`);
  });

  it("reads the view's rows and columns with the R line", () => {
    const script = [
      snippets.get('R')!,
      `stopifnot(identical(names(${table}), c(${columns.map((c) => `"${c.name}"`).join(', ')})))`,
      ...columns.map((c) => {
        const got = `${table}$${c.name}`;
        const typed = c.kind === 'date' ? `{ stopifnot(inherits(${got}, "Date")); format(${got}) }` : c.kind === 'integer' || c.kind === 'number' ? `{ stopifnot(is.numeric(${got})); as.numeric(${got}) }` : `{ stopifnot(is.character(${got})); ${got} }`;
        return `if (!identical(${typed}, ${rVector(c.kind, want[c.name]!)})) stop("mismatch in ${c.name}")`;
      }),
      `cat("ok", nrow(${table}))`,
    ].join('\n');
    expect(run(RSCRIPT, script, '.R').trim()).toBe(`ok ${want[columns[0]!.name]!.length}`);
  });
});
