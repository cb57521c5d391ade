// What an isolate's first query on a large table costs: reading, verifying and
// preparing the sections of its query index the query touches (src/worker/kv/
// query-index.ts), selecting, and reading the rows of its page; and what the
// isolate then holds for it, against the table's rows parsed whole (what the
// Worker held before the index). In this process's V8 (run with --expose-gc),
// the engine workerd runs too; KV reads cost nothing here, so this is the
// Worker's own CPU.
import type { KvEntry } from '../../src/pipeline/render/bodies.ts';
import type { ManifestTable } from '../../src/core/release-types.ts';
import { parseTableQuery } from '../../src/core/query-params.ts';
import { clearStoreMemo, type Env, loadBody, loadQueryIndex, loadRowsAt } from '../../src/worker/kv/store.ts';
import { facetCounts, indexNeeds, selectRows } from '../../src/worker/query/select.ts';
import { rowsWithId } from '../../src/worker/query/sorted-strings.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableFacts } from '../../src/core/table-types.ts';

/** The table facts the Worker bundles (src/worker/table-facts.ts imports them as JSON, which Node would need an attribute for). */
const facts = JSON.parse(readFileSync(new URL('../../.build/tables.json', import.meta.url).pathname, 'utf8')) as TableFacts[];
const tableNamed = (name: string) => facts.find((t) => t.name === name);

const gc = (globalThis as { gc?: () => void }).gc;

/** The V8 heap and the ArrayBuffers outside it, where the index sections' typed arrays live. */
function heapAfterGc(): number {
  gc!();
  gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** KV values as bytes, decoded up front so that reads cost what KV's do: nothing here. */
const bytesByKey = (entries: KvEntry[]) => new Map(entries.map((e) => [e.key, e.base64 ? Buffer.from(e.value, 'base64') : Buffer.from(e.value, 'utf8')]));

/** A store over KV values in memory that counts the bytes read. */
function memoryEnv(values: Map<string, Buffer>): Env & { bytesRead: number } {
  const env = {
    bytesRead: 0,
    DATA: {
      async get(key: string) {
        const bytes = values.get(key);
        if (bytes) env.bytesRead += bytes.length;
        return bytes ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : null;
      },
    } as unknown as KVNamespace,
  };
  return env;
}

/** A query on a table, as its URL's query string; `id` asks for one row instead. */
export interface FirstQuery {
  name: string;
  table: string;
  search?: string;
  id?: string;
}

/** The Worker's path for one query, from parsed parameters to the rows of its page. */
async function answer(env: Env, tables: ManifestTable[], query: FirstQuery): Promise<number> {
  const entry = tables.find((t) => t.name === query.table)!;
  const table = tableNamed(entry.name)!;
  if (query.id !== undefined) {
    const index = await loadQueryIndex(env, entry.index, { ids: true });
    return (await loadRowsAt(env, entry.json, index, rowsWithId(index.ids!, query.id))).length;
  }
  const parsed = parseTableQuery(table, 'json', new URLSearchParams(query.search));
  const index = await loadQueryIndex(env, entry.index, indexNeeds(parsed, table.search.length > 0));
  const selection = selectRows(index, parsed);
  if (parsed.facets.length) facetCounts(index, parsed, selection);
  return (await loadRowsAt(env, entry.json, index, selection.positions)).length;
}

/** Per query: milliseconds (median of 7, each in a fresh "isolate") and MB read, as an isolate's first query costs. */
async function measureFirstQueries(values: Map<string, Buffer>, tables: ManifestTable[], queries: FirstQuery[]): Promise<{ name: string; ms: number; mbRead: number }[]> {
  const out = [];
  for (const query of queries) {
    const env = memoryEnv(values);
    const times = [];
    for (let i = 0; i < 7; i++) {
      clearStoreMemo();
      env.bytesRead = 0;
      // A collection now, not during the query: this process also holds the whole synthetic build.
      gc?.();
      const start = performance.now();
      if (!(await answer(env, tables, query))) throw new Error(`${query.name}: no rows`);
      times.push(performance.now() - start);
    }
    out.push({ name: query.name, ms: times.sort((a, b) => a - b)[3]!, mbRead: env.bytesRead / 1e6 });
  }
  clearStoreMemo();
  return out;
}

/** MiB of heap held after one query (its index sections and the body parts its rows came from), and by the rows parsed whole; undefined without --expose-gc. */
async function heldMemory(values: Map<string, Buffer>, tables: ManifestTable[], query: FirstQuery): Promise<{ indexMiB: number; rowsMiB: number }> {
  const env = memoryEnv(values);
  const mib = (bytes: number) => bytes / (1024 * 1024);
  clearStoreMemo();
  let before = heapAfterGc();
  await answer(env, tables, query);
  const indexMiB = mib(heapAfterGc() - before);
  clearStoreMemo();
  before = heapAfterGc();
  const rows = (JSON.parse(await loadBody(env, tables.find((t) => t.name === query.table)!.json)) as { data: unknown[] }).data;
  const rowsMiB = mib(heapAfterGc() - before);
  if (!rows.length) throw new Error('nothing loaded');
  return { indexMiB, rowsMiB };
}

/**
 * The same, in a child process that holds only the KV values: in the process
 * that built the synthetic release, a heap of a gigabyte made every large
 * allocation a long collection, and that is not what an isolate pays.
 */
export interface FirstQueries {
  first: { name: string; ms: number; mbRead: number }[];
  /** After the first query: MiB held for it, against the rows parsed whole. */
  held: { indexMiB: number; rowsMiB: number };
}

export function firstQueries(entries: KvEntry[], tables: ManifestTable[], queries: FirstQuery[]): FirstQueries {
  const dir = mkdtempSync(join(tmpdir(), 'liberterra-first-query-'));
  writeFileSync(join(dir, 'entries.ndjson'), entries.map((e) => JSON.stringify(e)).join('\n'));
  writeFileSync(join(dir, 'job.json'), JSON.stringify({ tables, queries }));
  const out = execFileSync(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  rmSync(dir, { recursive: true });
  return JSON.parse(out) as FirstQueries;
}

if (process.argv[1] === new URL(import.meta.url).pathname && process.argv[2]) {
  const dir = process.argv[2];
  const { tables, queries } = JSON.parse(readFileSync(join(dir, 'job.json'), 'utf8')) as { tables: ManifestTable[]; queries: FirstQuery[] };
  const values = bytesByKey(readFileSync(join(dir, 'entries.ndjson'), 'utf8').split('\n').map((line) => JSON.parse(line) as KvEntry));
  const result: FirstQueries = { first: await measureFirstQueries(values, tables, queries), held: await heldMemory(values, tables, queries[0]!) };
  process.stdout.write(JSON.stringify(result));
}
