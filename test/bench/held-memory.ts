// What an isolate holds to answer filtered queries on a table: its query index
// as the Worker prepares it (src/worker/store.ts loadQueryIndex), against the
// table's rows parsed whole, which the Worker held before the index. Measured in
// this process's V8 heap (run with --expose-gc), the engine workerd runs too.
import type { KvEntry } from '../../src/build/bodies.ts';
import type { BodyRef } from '../../src/schema/release.ts';
import { clearStoreMemo, type Env, loadBody, loadQueryIndex } from '../../src/worker/store.ts';

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** MiB of heap held by each, or undefined without --expose-gc. */
export async function heldMemory(entries: KvEntry[], index: BodyRef, json: BodyRef): Promise<{ indexMiB: number; rowsMiB: number } | undefined> {
  if (!gc) return undefined;
  const values = new Map(entries.map((e) => [e.key, e]));
  const env: Env = {
    DATA: {
      async get(key: string) {
        const entry = values.get(key);
        if (!entry) return null;
        const bytes = entry.base64 ? Buffer.from(entry.value, 'base64') : Buffer.from(entry.value, 'utf8');
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      },
    } as unknown as KVNamespace,
  };
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
