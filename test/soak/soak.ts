// `npm run soak`: a bounded soak against `npm start` on loopback. Pass 1 runs
// wrk at full speed over every kind of URL for --seconds; pass 2 repeats with
// If-None-Match on each. Passes when every response is 200 or 304, nothing
// errs, and workerd's memory is flat (sampled each second from /proc) once
// the first pass has warmed it up.
//   npm run soak -- [--seconds 60] [--connections 32]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Manifest, Pointer } from '../../src/core/release-types.ts';
import { tables } from '../../src/schema/registry.ts';
import { rawGet } from '../harness/raw-get.ts';
import { builtEntries } from '../harness/worker.ts';
import { rssMiB, workerdPids } from '../bench/workerd-process.ts';
import { tableKey } from '../built.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const ORIGIN = 'http://127.0.0.1:8787';
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '32' } } });

/** Every kind of URL the API has, from the build: tables, filters, rows, pins, diffs, documents. */
function urls(): string[] {
  const { entries, pointer } = builtEntries();
  const p = JSON.parse(pointer) as Pointer;
  const list = ['/', '/v1', '/v1/releases', '/v1/releases.csv', '/v1/datapackage.json', '/v1/catalog.jsonld', '/v1/openapi.json'];
  for (const { version } of p.releases) {
    const manifest = JSON.parse(entries.find((e) => e.key === p.releases.find((r) => r.version === version)!.manifest.key)!.value) as Manifest;
    list.push(`/v1/releases/${version}`, `/v1/releases/${version}/datapackage.json`);
    for (const t of manifest.tables) {
      list.push(`/v1/releases/${version}/${t.name}.csv`, `/v1/releases/${version}/${t.name}.json`, `/v1/releases/${version}/schemas/${t.name}.json`);
    }
  }
  for (const table of tables) {
    list.push(`/v1/${table.name}.csv`, `/v1/${table.name}.json`, `/v1/${table.name}.json?limit=5&offset=2`);
    // Filter on a value the latest release really has, so the answer is a real 200.
    const rows = (JSON.parse(entries.find((e) => e.key === tableKey(p.latest, table.name, 'json'))!.value) as { data: Record<string, unknown>[] }).data;
    for (const [param, column] of Object.entries(table.filters)) {
      const value = [rows[0]?.[column]].flat()[0];
      if (typeof value === 'string') list.push(`/v1/${table.name}.csv?${param}=${encodeURIComponent(value)}`);
    }
    if (table.search.length) list.push(`/v1/${table.name}.json?q=victims`);
  }
  list.push('/v1/operations/liberterra-iii', '/v1/sources/interpol-2026-01-26.csv');
  const [a, b] = [p.releases[0]!.version, p.releases.at(-1)!.version];
  if (a !== b) list.push(`/v1/releases/${a}/diff/${b}.csv`, `/v1/releases/${a}/diff/${b}.json`);
  return list;
}

async function head(path: string): Promise<{ status: number; etag: string | undefined }> {
  const res = await rawGet(`${ORIGIN}${path}`);
  return { status: res.status, etag: res.headers.etag as string | undefined };
}

async function waitForServer(server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}`);
    try {
      if ((await head('/v1')).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('npm start did not answer within 120 s');
}


function luaScript(requests: { path: string; etag?: string }[]): string {
  const rows = requests.map((r) => `{ ${JSON.stringify(r.path)}, ${r.etag ? JSON.stringify(r.etag) : 'nil'} }`).join(',\n');
  return `local requests = {\n${rows}\n}
local i = 0
request = function()
  i = i % #requests + 1
  local r = requests[i]
  if r[2] then return wrk.format("GET", r[1], { ["If-None-Match"] = r[2] }) end
  return wrk.format("GET", r[1])
end
local bad = 0
response = function(status) if status ~= 200 and status ~= 304 then bad = bad + 1 end end
done = function() io.write(string.format("not 200/304: %d\\n", bad)) end
`;
}

async function pass(name: string, requests: { path: string; etag?: string }[], pid: number) {
  const dir = mkdtempSync(join(tmpdir(), 'liberterra-soak-'));
  writeFileSync(join(dir, 'soak.lua'), luaScript(requests));
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMiB(pid)), 1000);
  const output = await new Promise<string>((resolve, reject) => {
    const wrk = spawn('wrk', ['-t1', `-c${values.connections}`, `-d${values.seconds}s`, '-s', join(dir, 'soak.lua'), ORIGIN]);
    let out = '';
    wrk.stdout.on('data', (c) => (out += c));
    wrk.stderr.on('data', (c) => (out += c));
    wrk.on('error', reject);
    wrk.on('close', () => resolve(out));
  });
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
  const requestsServed = Number(/(\d+) requests in/.exec(output)?.[1] ?? NaN);
  const bad = Number(/not 200\/304: (\d+)/.exec(output)?.[1] ?? NaN);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0;
  const [first, last, max] = [samples[0]!, samples.at(-1)!, Math.max(...samples)];
  console.log(
    `${name}: ${requestsServed} requests in ${values.seconds} s (${(requestsServed / Number(values.seconds)).toFixed(0)}/s), not 200/304: ${bad}, socket errors: ${errors}; workerd RSS ${first.toFixed(0)} → ${last.toFixed(0)} MiB, max ${max.toFixed(0)}`,
  );
  return { ok: bad === 0 && errors === 0 && requestsServed > 0, rss: last };
}

async function main(): Promise<boolean> {
  const server = spawn('npm', ['start'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], detached: true, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  try {
    await waitForServer(server);
    const [pid] = workerdPids(server.pid);
    if (pid === undefined) throw new Error('cannot find the workerd process of npm start');
    const list = urls();
    const probes = await Promise.all(list.map(async (path) => ({ path, ...(await head(path)) })));
    const broken = probes.filter((p) => p.status !== 200);
    if (broken.length) throw new Error(`not 200 before the soak: ${broken.map((b) => `${b.path} ${b.status}`).join(', ')}`);
    console.log(`soaking ${list.length} URLs against npm start (${ORIGIN}), ${values.connections} connections`);
    const plain = await pass('pass 1 (GET)', list.map((path) => ({ path })), pid);
    const conditional = await pass('pass 2 (If-None-Match)', probes.map((p) => ({ path: p.path, etag: p.etag })), pid);
    // workerd's heap grows in the first seconds under load (a Worker that returns
    // a constant body does the same), then levels off. Flat: a whole second pass
    // of sustained load adds less than 5% to what the first pass ended with.
    const flat = conditional.rss <= plain.rss * 1.05;
    console.log(`memory: ${plain.rss.toFixed(0)} MiB after pass 1, ${conditional.rss.toFixed(0)} MiB after pass 2: ${flat ? 'flat' : 'GROWING'}`);
    return plain.ok && conditional.ok && flat;
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
}

const ok = await main();
console.log(ok ? 'soak passed' : 'soak FAILED');
process.exit(ok ? 0 : 1);
