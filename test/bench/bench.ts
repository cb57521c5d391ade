// `npm run bench`: the real built Worker against a baseline that returns a
// constant body of the same size, both in workerd through Miniflare, loaded by
// wrk on loopback; interleaved rounds, medians, every figure also as a ratio to
// the baseline measured in the same run. Not part of `npm test`: timings vary
// by machine; only ratios from one run are compared.
//   npm run bench -- [--seconds 2] [--rounds 3] [--connections 32] [--only metrics]
//   npm run bench -- --scale 100000   (the same on a synthetic release of that many cases)
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { kvKeys } from '../../src/core/paths.ts';
import type { Manifest, Pointer } from '../../src/core/release-types.ts';
import { type KvEntry, serializePointer } from '../../src/pipeline/render/bodies.ts';
import { buildAll } from '../../src/pipeline/build-all.ts';
import { rawGet } from '../harness/raw-get.ts';
import { builtEntries, startWorker } from '../harness/worker.ts';
import { writeSyntheticRelease } from '../harness/synthetic-release.ts';
import { type CannedResponse, requestKey, startBaseline } from './baseline.ts';
import { type LoadResult, requireWrk, runWrk } from './wrk.ts';
import { cpuSeconds, pin, rssMiB, workerdPids } from './workerd-process.ts';
import { measureStartup } from './startup.ts';
import { type FirstQuery, firstQueries } from './first-query.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
    scale: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CONNECTIONS = Number(values.connections);
// Worker on core 0, wrk on core 1, where there are two cores to give.
const [WORKER_CPU, LOAD_CPU] = cpus().length > 1 ? [0, 1] : [undefined, undefined];

/** What Chromium sends when it navigates. */
const PAGE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

interface Route {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** Budget: minimum requests/s as a fraction of the baseline's. */
  minRatio: number;
  /** Budget: most CPU ms per request beyond the baseline's. */
  maxBeyondMs?: number;
  /** Served by a bundle that empties the cache of rendered answers before each request (uncached-entry.ts). */
  uncached?: boolean;
}

function routes(): Route[] {
  const { entries, pointer } = builtEntries();
  const latest = (JSON.parse(pointer) as Pointer).latest;
  const manifestKey = (JSON.parse(pointer) as Pointer).releases.find((r) => r.version === latest)!.manifest.key;
  const manifest = JSON.parse(entries.find((e) => e.key === manifestKey)!.value) as Manifest;
  const cases = JSON.parse(entries.find((e) => e.key === manifest.tables.find((t) => t.name === 'cases')!.json.key)!.value) as { data: { case_id: string }[] };
  const firstCase = cases.data[0]!.case_id;
  const largest = [...manifest.tables].sort((a, b) => b.csv.bytes - a.csv.bytes)[0]!.name;
  const list: Route[] = [];
  for (const t of manifest.tables) {
    for (const format of ['csv', 'json']) list.push({ name: `${t.name}.${format}`, path: `/v1/${t.name}.${format}`, headers: {}, minRatio: 0.9 });
  }
  list.push(
    { name: `${largest}.csv br`, path: `/v1/${largest}.csv`, headers: { 'Accept-Encoding': 'br' }, minRatio: 0.9 },
    { name: 'pinned metrics.csv', path: '/v1/releases/1.0.0/metrics.csv', headers: {}, minRatio: 0.9 },
    { name: '304 metrics.csv', path: '/v1/metrics.csv', headers: { 'If-None-Match': '' }, minRatio: 0.9 },
    { name: 'filtered cases.json', path: '/v1/cases.json?operation=liberterra-iii&category=forced_criminality&sort=-case_id', headers: {}, minRatio: 0.7 },
    { name: 'filtered cases.json, uncached', path: '/v1/cases.json?operation=liberterra-iii&category=forced_criminality&sort=-case_id', headers: {}, minRatio: 0.7, uncached: true },
    { name: 'one case by id, uncached', path: `/v1/cases/${firstCase}.json`, headers: {}, minRatio: 0.9, uncached: true },
    { name: 'landing page', path: '/', headers: {}, minRatio: 0.9 },
    // The pages the Worker renders, as a browser asks for them, cached as their JSON is.
    { name: 'table page, faceted', path: '/v1/cases?operation=liberterra-iii&category=forced_criminality', headers: { Accept: PAGE_ACCEPT }, minRatio: 0.9 },
    { name: 'row page (operation, map)', path: '/v1/operations/liberterra-iii', headers: { Accept: PAGE_ACCEPT }, minRatio: 0.9 },
    { name: 'row page (source)', path: '/v1/sources/interpol-2026-01-26', headers: { Accept: PAGE_ACCEPT }, minRatio: 0.9 },
    { name: 'diff page', path: `/v1/releases/1.1.0/diff/${latest}.html`, headers: {}, minRatio: 0.9 },
    { name: 'releases feed', path: '/v1/releases.atom', headers: {}, minRatio: 0.9 },
  );
  return values.only ? list.filter((r) => r.name.includes(values.only!)) : list;
}

type Measured = LoadResult & { cpuMsPerRequest: number; userMsPerRequest: number; systemMsPerRequest: number };

async function measure(origin: string, pid: number | undefined, route: Route, connections: number): Promise<Measured> {
  const before = pid ? cpuSeconds(pid) : { user: NaN, system: NaN };
  const result = await runWrk(`${origin}${route.path}`, { seconds: SECONDS, connections, headers: route.headers, cpu: LOAD_CPU });
  const after = pid ? cpuSeconds(pid) : { user: NaN, system: NaN };
  const perRequest = (seconds: number) => (seconds * 1000) / result.requests;
  const user = perRequest(after.user - before.user);
  const system = perRequest(after.system - before.system);
  return { ...result, cpuMsPerRequest: user + system, userMsPerRequest: user, systemMsPerRequest: system };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startPinned<T>(start: () => Promise<T>): Promise<{ value: T; pid: number | undefined }> {
  const before = workerdPids();
  const value = await start();
  const pid = [...workerdPids()].find((p) => !before.has(p));
  if (pid !== undefined && WORKER_CPU !== undefined) pin(pid, WORKER_CPU);
  return { value, pid };
}

type Seed = { entries: KvEntry[]; pointer: string };

/**
 * Routes of the synthetic release: its full export streamed, compressed, and
 * queried; queries uncached, so each request filters, searches or sorts all
 * 100,000 rows, as the first request for a URL in an isolate does (what an
 * isolate keeps across URLs, the query index and the sort orders, stays kept).
 */
function scaleRoutes(): Route[] {
  const uncached = { headers: {}, uncached: true };
  return [
    { name: 'cases.csv full export', path: '/v1/cases.csv', headers: {}, minRatio: 0.9 },
    { name: 'cases.json full export', path: '/v1/cases.json', headers: {}, minRatio: 0.9 },
    { name: 'cases.csv br', path: '/v1/cases.csv', headers: { 'Accept-Encoding': 'br' }, minRatio: 0.9 },
    { name: 'one case by id', path: '/v1/cases/syn-054321.json', ...uncached, minRatio: 0.9 },
    { name: 'filtered cases.json', path: '/v1/cases.json?operation=liberterra-iii&category=forced_criminality&limit=100', ...uncached, minRatio: 0.7, maxBeyondMs: 2 },
    { name: 'faceted cases.json', path: '/v1/cases.json?operation=liberterra-ii&facet=category,country&limit=50', ...uncached, minRatio: 0.7, maxBeyondMs: 2 },
    { name: 'ranged case_figures.json', path: '/v1/case_figures.json?value_gt=4000&facet=figure&limit=50', ...uncached, minRatio: 0.7, maxBeyondMs: 2 },
    { name: 'searched cases.json', path: '/v1/cases.json?q=raided&limit=50', ...uncached, minRatio: 0.7, maxBeyondMs: 1 },
    { name: 'two words cases.json', path: '/v1/cases.json?q=raided%20border&limit=50', ...uncached, minRatio: 0.7, maxBeyondMs: 1 },
    { name: 'by relevance cases.json', path: '/v1/cases.json?q=raided%20border&sort=relevance&limit=50', ...uncached, minRatio: 0.7 },
    { name: 'sorted cases.json', path: '/v1/cases.json?sort=-title&offset=50000&limit=50', ...uncached, minRatio: 0.7 },
    { name: 'metrics.csv', path: '/v1/metrics.csv', headers: {}, minRatio: 0.9 },
  ];
}

/** Queries whose first run in an isolate the scale benchmark times (first-query.ts). */
const FIRST_QUERIES: FirstQuery[] = [
  { name: 'cases: operation and category', table: 'cases', search: 'operation=liberterra-iii&category=forced_criminality&limit=100' },
  { name: 'cases: two words', table: 'cases', search: 'q=raided border&limit=50' },
  { name: 'cases: two words by relevance', table: 'cases', search: 'q=raided border&sort=relevance&limit=50' },
  { name: 'cases: a quoted phrase', table: 'cases', search: 'q="criminal network"&limit=50' },
  { name: 'cases: facets', table: 'cases', search: 'operation=liberterra-ii&facet=category,country&limit=50' },
  { name: 'cases: sorted by title', table: 'cases', search: 'sort=-title&offset=50000&limit=50' },
  { name: 'cases: one row by id', table: 'cases', id: 'syn-054321' },
  { name: 'case_figures: range and facet', table: 'case_figures', search: 'value_gt=4000&facet=figure&limit=50' },
];

async function kvReadsPerRequest(list: Route[], seed?: Seed): Promise<Map<string, { cold: number; warm: number }>> {
  const out = new Map<string, { cold: number; warm: number }>();
  for (const route of list) {
    // A fresh isolate per route, so "cold" is this route's own first request.
    const worker = await startWorker({ scriptPath: `${ROOT}.build/bench-counting/counting-entry.js`, ...(seed ? { seed } : {}) });
    const reads = async () => Number(await (await worker.fetch('/__bench/kv-reads')).text());
    await rawGet(`${worker.origin}${route.path}`, route.headers);
    const cold = await reads();
    for (let i = 0; i < 1000; i++) await rawGet(`${worker.origin}${route.path}`, route.headers);
    out.set(route.name, { cold, warm: (await reads()) - cold });
    await worker.dispose();
  }
  return out;
}

async function runSuite(title: string, list: Route[], connections: number, seed?: Seed): Promise<string[]> {
  const real = await startPinned(() => startWorker(seed ? { seed } : {}));
  const uncached = list.some((r) => r.uncached)
    ? await startPinned(() => startWorker({ scriptPath: `${ROOT}.build/bench-uncached/uncached-entry.js`, ...(seed ? { seed } : {}) }))
    : undefined;
  // What each route answers, so the baseline can answer the same size, and the
  // 304 route can send the real ETag.
  const canned: Record<string, CannedResponse> = {};
  for (const route of list) {
    const url = `${real.value.origin}${route.path}`;
    if ('If-None-Match' in route.headers) route.headers['If-None-Match'] = String((await rawGet(url, {})).headers.etag);
    const res = await rawGet(url, route.headers);
    // Hop-by-hop and per-response headers are the runtime's to write.
    const headers = Object.entries(res.headers)
      .filter(([name]) => !['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(name))
      .map(([name, value]) => [name, String(value)] as [string, string]);
    canned[requestKey(route.path, route.headers)] = { status: res.status, headers, bytes: res.body.length };
  }
  const baseline = await startPinned(() => startBaseline(canned));
  let maxRss = 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, real.pid ? rssMiB(real.pid) : 0)), 250);

  const rows = [];
  for (const route of list) {
    const runs = { real: [] as Measured[], base: [] as Measured[] };
    const worker = route.uncached ? uncached! : real;
    for (let round = 0; round < ROUNDS; round++) {
      runs.real.push(await measure(worker.value.origin, worker.pid, route, connections));
      runs.base.push(await measure(baseline.value.origin, baseline.pid, route, connections));
    }
    const m = (side: 'real' | 'base', key: keyof Measured) => median(runs[side].map((r) => r[key] as number));
    const row = {
      route: route.name,
      rps: m('real', 'rps'),
      rpsRatio: m('real', 'rps') / m('base', 'rps'),
      p50ms: m('real', 'p50ms'),
      p99ms: m('real', 'p99ms'),
      cpuMs: m('real', 'cpuMsPerRequest'),
      cpuRatio: m('real', 'cpuMsPerRequest') / m('base', 'cpuMsPerRequest'),
      userMs: m('real', 'userMsPerRequest'),
      systemMs: m('real', 'systemMsPerRequest'),
      // What the Worker costs beyond sending the same bytes: its own work, by difference.
      beyondMs: m('real', 'cpuMsPerRequest') - m('base', 'cpuMsPerRequest'),
      bytes: m('real', 'bytesPerRequest'),
      errors: runs.real.reduce((n, r) => n + r.errors, 0),
      minRatio: route.minRatio,
      maxBeyondMs: route.maxBeyondMs,
    };
    rows.push(row);
    console.log(
      `${row.route.padEnd(26)} ${row.rps.toFixed(0).padStart(6)} req/s  ${row.rpsRatio.toFixed(2)}x  cpu ${row.cpuMs.toFixed(3)} ms (${row.cpuRatio.toFixed(2)}x, ` +
        `user ${row.userMs.toFixed(3)} + sys ${row.systemMs.toFixed(3)}, ${row.beyondMs >= 0 ? '+' : ''}${row.beyondMs.toFixed(3)} ms beyond baseline)`,
    );
  }
  clearInterval(sampler);
  await real.value.dispose();
  await uncached?.value.dispose();
  await baseline.value.dispose();

  const kv = await kvReadsPerRequest(list, seed);
  return [
    `## ${title}`,
    '',
    `wrk -t1 -c${connections}, ${SECONDS} s per run, ${ROUNDS} interleaved rounds, medians. workerd RSS peaked at ${maxRss.toFixed(0)} MiB.`,
    '',
    'CPU is workerd\'s, per request: user (workerd and the Worker\'s JavaScript) + system (the kernel, mostly sockets); "beyond" is the Worker\'s CPU minus the baseline\'s, what it costs beyond sending the same bytes.',
    '',
    '| route | req/s | × baseline | budget | p50 ms | p99 ms | CPU ms/req | × baseline | user + sys ms | beyond baseline ms | bytes/resp | KV reads cold | KV reads /1000 warm | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const reads = kv.get(r.route)!;
      const ok = r.rpsRatio >= r.minRatio ? '' : ' ✗';
      const beyond = r.maxBeyondMs === undefined ? '' : `, ≤ ${r.maxBeyondMs} ms beyond${r.beyondMs <= r.maxBeyondMs ? '' : ' ✗'}`;
      return `| ${r.route} | ${r.rps.toFixed(0)} | ${r.rpsRatio.toFixed(2)}${ok} | ≥ ${r.minRatio}${beyond} | ${r.p50ms.toFixed(2)} | ${r.p99ms.toFixed(2)} | ${r.cpuMs.toFixed(3)} | ${r.cpuRatio.toFixed(2)} | ${r.userMs.toFixed(3)} + ${r.systemMs.toFixed(3)} | ${r.beyondMs.toFixed(3)} | ${r.bytes.toFixed(0)} | ${reads.cold} | ${reads.warm} | ${r.errors} |`;
    }),
    '',
  ];
}

async function main(): Promise<void> {
  requireWrk();
  for (const entry of ['counting', 'uncached']) {
    execFileSync(process.execPath, [`${ROOT}node_modules/wrangler/bin/wrangler.js`, 'deploy', '--dry-run', '--outdir', `${ROOT}.build/bench-${entry}`, `${ROOT}test/bench/${entry}-entry.ts`], {
      stdio: 'ignore',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
  }
  const date = new Date().toISOString().slice(0, 10);
  const machine = `${cpus().length}× ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  const pinned = WORKER_CPU !== undefined ? `workerd pinned to core ${WORKER_CPU}, wrk to core ${LOAD_CPU}` : 'one core: nothing pinned';
  const lines = [
    `# Benchmark, ${date}`,
    '',
    `Machine: ${machine}; ${pinned}.`,
    'Ratios are to the baseline Worker (same harness, a constant response of the same size: status, headers and body length) in the same run.',
    '',
  ];
  let file = 'bench.md';
  if (values.scale) {
    const rows = Number(values.scale);
    console.log(`generating and building a synthetic release of ${rows} cases…`);
    const build = buildAll({ releasesDir: writeSyntheticRelease(rows), hashes: {} });
    const seed = { entries: build.entries, pointer: serializePointer(build.pointer) };
    const tables = build.releases.at(-1)!.manifest.tables;
    const { first, held } = firstQueries(build.entries, tables, FIRST_QUERIES);
    lines.push(
      `Held per isolate after a filtered query on cases (V8 heap and array buffers, Node ${process.version}): its query index sections and the body parts its rows came from, ${held.indexMiB.toFixed(1)} MiB; ` +
        `the rows parsed whole, as before the index, ${held.rowsMiB.toFixed(1)} MiB.`,
      '',
    );
    console.log(lines.at(-2));
    lines.push(
      `An isolate's first query on cases reads, verifies and prepares only the index sections it touches, then the rows of its page ` +
        `(Node ${process.version} in a process holding only the KV values, median of 7, each from an empty memo; KV reads cost nothing here). Budget ≤ 10 ms:`,
      '',
      '| first query | ms | MB read | budget |',
      '|---|---:|---:|---|',
      ...first.map((f) => `| ${f.name} | ${f.ms.toFixed(1)} | ${f.mbRead.toFixed(1)} | ${f.ms <= 10 ? '≤ 10 ✓' : '≤ 10 ✗'} |`),
      '',
    );
    console.log(lines.slice(-first.length - 1).join('\n'));
    lines.push(...(await runSuite(`Synthetic release: ${rows} cases`, values.only ? scaleRoutes().filter((r) => r.name.includes(values.only!)) : scaleRoutes(), 4, seed)));
    file = 'bench-scale.md';
  } else {
    const startup = measureStartup(`${ROOT}.build/worker/index.js`);
    lines.push(
      '## Global-scope startup',
      '',
      `Load, compile and evaluate .build/worker/index.js in a fresh Node ${process.version} process (V8, as workerd), median of 15: ` +
        `**${startup.bundleMs.toFixed(1)} ms**, against ${startup.baselineMs.toFixed(1)} ms for a Worker that returns a constant response ` +
        `(${(startup.bundleMs - startup.baselineMs).toFixed(1)} ms more).`,
      '',
    );
    console.log(lines.at(-2));
    lines.push(...(await runSuite('Real data, latest release', routes(), CONNECTIONS)));
  }
  mkdirSync(`${ROOT}test/.output`, { recursive: true });
  writeFileSync(`${ROOT}test/.output/${file}`, lines.join('\n'));
  console.log(`\n${lines.join('\n')}\nwritten to test/.output/${file}`);
}

await main();
