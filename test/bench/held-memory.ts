// What an isolate holds to answer filtered queries on a table: its query index
// as the Worker prepares it (src/worker/kv/query-index.ts loadQueryIndex), against the
// table's rows parsed whole, which the Worker held before the index. Measured in
// this process's V8 heap (run with --expose-gc), the engine workerd runs too;
// and what loading that index costs the first query of a table in an isolate.
import type { KvEntry } from '../../src/pipeline/render/bodies.ts';
import type { BodyRef } from '../../src/core/release-types.ts';
import { clearStoreMemo, type Env, loadBody, loadQueryIndex } from '../../src/worker/kv/store.ts';

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** A store over built entries in memory, bytes decoded up front so that reads cost what KV's do: nothing here. */
function memoryEnv(entries: KvEntry[]): Env {
  const values = new Map(entries.map((e) => [e.key, e.base64 ? Buffer.from(e.value, 'base64') : Buffer.from(e.value, 'utf8')]));
  return {
    DATA: {
      async get(key: string) {
        const bytes = values.get(key);
        return bytes ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : null;
      },
    } as unknown as KVNamespace,
  };
}

/** Milliseconds (median of 5) to read, verify and prepare a table's query index, as an isolate's first query on it does. */
export async function indexLoadMs(entries: KvEntry[], index: BodyRef): Promise<number> {
  const env = memoryEnv(entries);
  const times = [];
  for (let i = 0; i < 5; i++) {
    clearStoreMemo();
    const start = performance.now();
    await loadQueryIndex(env, index);
    times.push(performance.now() - start);
  }
  clearStoreMemo();
  return times.sort((a, b) => a - b)[2]!;
}

/** MiB of heap held by each, or undefined without --expose-gc. */
export async function heldMemory(entries: KvEntry[], index: BodyRef, json: BodyRef): Promise<{ indexMiB: number; rowsMiB: number } | undefined> {
  if (!gc) return undefined;
  const env = memoryEnv(entries);
  const mib = (bytes: number) => bytes / (1024 * 1024);
  clearStoreMemo();
  let before = heapAfterGc();
  const loaded = await loadQueryIndex(env, index);
  const indexMiB = mib(heapAfterGc() - before);
  clearStoreMemo();
  before = heapAfterGc();
  const rows = (JSON.parse(await loadBody(env, json)) as { data: unknown[] }).data;
  const rowsMiB = mib(heapAfterGc() - before);
  // Both must still be alive when measured.
  if (!loaded.rows || !rows.length) throw new Error('nothing loaded');
  return { indexMiB, rowsMiB };
}
