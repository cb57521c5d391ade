// Runs the bundle that `wrangler deploy` would ship (.build/worker/index.js,
// made by `npm run bundle`) in workerd through Miniflare, on a loopback port,
// with KV seeded from the real build. Used by the interop and browser tests
// and the benchmarks, which need a real HTTP server rather than vitest's pool.
import { readFileSync } from 'node:fs';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import type { KvEntry } from '../../src/pipeline/render/bodies.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface RunningWorker {
  /** Origin on loopback, no trailing slash: `http://127.0.0.1:PORT`. */
  origin: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
}

export function builtEntries(): { entries: KvEntry[]; pointer: string } {
  return {
    entries: JSON.parse(readFileSync(`${ROOT}.build/kv.json`, 'utf8')) as KvEntry[],
    pointer: readFileSync(`${ROOT}.build/pointer.json`, 'utf8'),
  };
}

export interface StartOptions {
  port?: number;
  /** Another bundle of the same Worker (e.g. the benchmark's KV-counting entry); default the shipped one. */
  scriptPath?: string;
  /**
   * Serve the KV that `wrangler kv … --local --persist-to <dir>` wrote, instead
   * of seeding from the build: pass that <dir>.
   */
  wranglerState?: string;
  /** KV entries and pointer to seed instead of the build's (e.g. a synthetic release). */
  seed?: { entries: KvEntry[]; pointer: string };
}

export async function startWorker(options: StartOptions = {}): Promise<RunningWorker> {
  const config = unstable_readConfig({ config: `${ROOT}wrangler.toml` });
  // Miniflare 5 takes a new options shape; the v4 one is still the documented one.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
    workers: [
      {
        name: config.name,
        modules: true,
        scriptPath: options.scriptPath ?? `${ROOT}.build/worker/index.js`,
        compatibilityDate: config.compatibility_date,
        compatibilityFlags: config.compatibility_flags,
        // wrangler.toml's vars, as `wrangler dev` gives them (CONTACT_EMAIL, PUBLIC_ORIGIN).
        bindings: config.vars as Record<string, string>,
        // By id, as wrangler stores local KV, so a --persist-to folder is readable here.
        kvNamespaces: Object.fromEntries(config.kv_namespaces.map((ns: { binding: string; id?: string }) => [ns.binding, ns.id ?? ns.binding])),
      },
    ],
    host: '127.0.0.1',
    port: options.port ?? 0,
    ...(options.wranglerState ? { resourcePersistencePath: `${options.wranglerState}/v3` } : {}),
  }),
  );
  const url = await mf.ready;
  if (!options.wranglerState) {
    const kv = await mf.getKVNamespace('DATA');
    const { entries, pointer } = options.seed ?? builtEntries();
    for (const { key, value, base64 } of entries) await kv.put(key, base64 ? Buffer.from(value, 'base64') : value);
    // The pointer last, as a publish does.
    await kv.put('pointer', pointer);
  }
  const origin = url.origin;
  return {
    origin,
    fetch: (path, init) => fetch(`${origin}${path}`, init),
    dispose: () => mf.dispose(),
  };
}
