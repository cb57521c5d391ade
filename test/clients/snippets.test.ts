// The snippets the landing page and the README show run in the real clients
// (Debian's python3-pandas and r-base-core, apt in .ci/run) against the shipped
// bundle, for every table of the latest release: every cell reads back as the
// API's JSON has it. Text stays text (Namibia's `NA` is not missing, M49 `004`
// keeps its zeros), numbers are numbers, dates are dates, empty is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asRead, rVector } from './cells-as-read.ts';
import { pandasCsv, pandasJson, rCsv } from '../../src/core/snippets.ts';
import { tables } from '../../src/schema/registry.ts';
import { tableAsOf } from '../../src/schema/table.ts';
import { builtRows } from '../built.ts';
import { type RunningWorker, startWorker } from '../harness/worker.ts';
import { LATEST } from '../releases.ts';

const PYTHON = '/usr/bin/python3';
const RSCRIPT = '/usr/bin/Rscript';
const README = new URL('../../README.md', import.meta.url).pathname;
const latest = tables.map((t) => tableAsOf(t, LATEST));

let worker: RunningWorker;
beforeAll(async () => {
  // Fail loudly, never skip: without the clients this test would prove nothing.
  for (const tool of [PYTHON, RSCRIPT]) if (!existsSync(tool)) throw new Error(`No ${tool}: apt-get install python3-pandas r-base-core`);
  worker = await startWorker();
});
afterAll(() => worker?.dispose());

/** Each column's values as the API's JSON has them, a list as the CSV joins it, empty as null. */
function expected(table: string): Record<string, (string | number | null)[]> {
  const rows = builtRows(table);
  const columns = latest.find((t) => t.name === table)!.columns;
  return Object.fromEntries(columns.map((c) => [c.name, rows.map((r) => asRead(r[c.name]))]));
}

/** Runs a script file in a client; scripts hold every table's values, too long for a command line. */
function run(command: string, script: string, suffix: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'liberterra-snippets-')), `check${suffix}`);
  writeFileSync(file, script);
  return execFileSync(command, [file], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' }, maxBuffer: 1 << 24 });
}

it('reads every table with the pandas line, as the JSON has it', () => {
  const script = [
    'import json, math, sys',
    'import pandas as pd',
    'def plain(kind, v):',
    '    if v is None or (not isinstance(v, str) and pd.isna(v)): return None',
    "    if kind == 'date': return v.strftime('%Y-%m-%d')",
    "    if kind in ('integer', 'number'): return float(v)",
    '    return v',
    'def check(name, df, kinds, expected):',
    '    assert list(df.columns) == list(expected), (name, list(df.columns))',
    '    for col, want in expected.items():',
    '        kind = kinds[col]',
    "        if kind == 'date': assert str(df[col].dtype).startswith('datetime64'), (name, col, df[col].dtype)",
    "        elif kind in ('integer', 'number'): assert pd.api.types.is_numeric_dtype(df[col]), (name, col, df[col].dtype)",
    "        else: assert df[col].dtype == object, (name, col, df[col].dtype)",
    '        got = [plain(kind, v) for v in df[col]]',
    '        want = [plain(kind, v) if kind in ("integer", "number") else v for v in want]',
    '        assert got == want, (name, col, [(g, w) for g, w in zip(got, want) if g != w][:3])',
    ...latest.flatMap((t) => {
      const kinds = JSON.stringify(Object.fromEntries(t.columns.map((c) => [c.name, c.kind])));
      const want = JSON.stringify(JSON.stringify(expected(t.name)));
      return [
        pandasCsv(t, `${worker.origin}/v1/${t.name}.csv`),
        `check(${JSON.stringify(`${t.name}.csv`)}, ${t.name}, json.loads(${JSON.stringify(kinds)}), json.loads(${want}))`,
        pandasJson(t, `${worker.origin}/v1/${t.name}.json?shape=array`),
      ];
    }),
    "print('ok')",
  ].join('\n');
  expect(run(PYTHON, script, '.py').trim()).toBe('ok');
});

it('reads every table with the R line, as the JSON has it', () => {
  const script = [
    'check <- function(name, got, kind, want) {',
    "  if (kind == 'date') { stopifnot(inherits(got, 'Date')); got <- format(got) }",
    "  else if (kind %in% c('integer', 'number')) { stopifnot(is.numeric(got)); got <- as.numeric(got) }",
    '  else stopifnot(is.character(got))',
    '  if (!identical(got, want)) stop(paste("mismatch in", name, ":", paste(head(got[!(got %in% want)], 3), collapse = " | ")))',
    '}',
    ...latest.flatMap((t) => {
      const want = expected(t.name);
      return [
        rCsv(t, `${worker.origin}/v1/${t.name}.csv`),
        `stopifnot(identical(names(${t.name}), c(${t.columns.map((c) => `"${c.name}"`).join(', ')})))`,
        ...t.columns.map((c) => `check("${t.name}.${c.name}", ${t.name}$${c.name}, "${c.kind}", ${rVector(c.kind, want[c.name]!)})`),
      ];
    }),
    "cat('ok')",
  ].join('\n');
  expect(run(RSCRIPT, script, '.R').trim()).toBe('ok');
});

it('shows in the README exactly the lines these runs checked', () => {
  const readme = readFileSync(README, 'utf8');
  for (const t of latest) {
    expect(readme, t.name).toContain(pandasCsv(t, `https://…/v1/${t.name}.csv`));
    expect(readme, t.name).toContain(rCsv(t, `https://…/v1/${t.name}.csv`));
  }
  expect(readme).toContain(pandasJson(latest.find((t) => t.name === 'metrics')!, 'https://…/v1/metrics.json?shape=array'));
});

it('runs on data that holds what naive readers break: Namibia\'s NA, M49 codes with leading zeros', () => {
  const countries = builtRows('countries');
  expect(countries.some((c) => c.iso2 === 'NA')).toBe(true);
  expect(countries.some((c) => /^0/.test(c.m49))).toBe(true);
});
