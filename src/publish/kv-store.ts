// The KV namespace an environment publishes to, reached through `wrangler kv`:
// the same commands for local storage (--local, what `wrangler dev` reads) and
// for Cloudflare's (--remote), so the local tests exercise the real path.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WRANGLER_BIN as WRANGLER } from '../pipeline/repo.ts';

const run = promisify(execFile);

export type { KvEntry } from '../pipeline/render/bodies.ts';
import type { KvEntry } from '../pipeline/render/bodies.ts';

export interface KvStore {
  /** Says where, for progress messages: "local KV", "production KV". */
  readonly label: string;
  keys(prefix?: string): Promise<Set<string>>;
  /** The value of a key known to exist (list first: `wrangler kv key get` cannot tell absent from a value). */
  get(key: string): Promise<string>;
  putMany(entries: KvEntry[]): Promise<void>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const BULK_BYTES = 50 * 1024 * 1024;

/** Consecutive groups of entries whose values add up to at most `limit` bytes (one larger entry goes alone). */
function batches(entries: KvEntry[], limit: number): KvEntry[][] {
  const out: KvEntry[][] = [];
  let current: KvEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    if (current.length && size + entry.value.length > limit) {
      out.push(current);
      [current, size] = [[], 0];
    }
    current.push(entry);
    size += entry.value.length;
  }
  if (current.length) out.push(current);
  return out;
}

export interface WranglerKvOptions {
  env?: string;
  local: boolean;
  /** Local storage folder (wrangler's --persist-to); default .wrangler/state. */
  persistTo?: string;
}

export function wranglerKv(options: WranglerKvOptions): KvStore {
  const target = [
    '--binding',
    'DATA',
    ...(options.env ? ['--env', options.env] : []),
    options.local ? '--local' : '--remote',
    ...(options.persistTo ? ['--persist-to', options.persistTo] : []),
  ];
  const wrangler = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [WRANGLER, ...args, ...target], {
      maxBuffer: 1 << 30,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
    return stdout;
  };
  const viaFile = async (name: string, content: string, use: (path: string) => Promise<unknown>) => {
    const dir = mkdtempSync(join(tmpdir(), 'liberterra-kv-'));
    try {
      writeFileSync(join(dir, name), content);
      await use(join(dir, name));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    label: `${options.local ? 'local' : 'remote'} ${options.env ?? 'default'} KV`,
    async keys(prefix) {
      const out = await wrangler('kv', 'key', 'list', ...(prefix ? ['--prefix', prefix] : []));
      return new Set((JSON.parse(out) as { name: string }[]).map((k) => k.name));
    },
    // `kv key get --text` prints the value and a newline of its own.
    get: async (key) => (await wrangler('kv', 'key', 'get', key, '--text')).replace(/\n$/, ''),
    async putMany(entries) {
      // Cloudflare's bulk API takes at most 100 MB a request; wrangler splits only by key count.
      for (const batch of batches(entries, BULK_BYTES)) {
        await viaFile('bulk.json', JSON.stringify(batch), (path) => wrangler('kv', 'bulk', 'put', path));
      }
    },
    // Through a file: values can be larger than a command line allows.
    put: (key, value) => viaFile('value', value, (path) => wrangler('kv', 'key', 'put', key, '--path', path)),
    delete: async (key) => void (await wrangler('kv', 'key', 'delete', key)),
  };
}
