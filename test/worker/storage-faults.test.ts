// Storage faults: a KV binding that throws, hangs, loses keys, truncates or flips
// a byte, chosen per key by fast-check. Whatever KV does, the Worker answers 503
// (Retry-After, problem+json, CORS) or serves a correct release, never corrupt or
// truncated bytes, and answers correctly again by itself once KV heals.
// The Worker's handler is called directly with the faulty binding, so every
// request of a case shares this test's context and its (fake) timers.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import entries from '../../.build/kv.json';
import builtPointer from '../../.build/pointer.json';
import type { Manifest, Pointer } from '../../src/core/release-types.ts';
import { manifest as manifestSchema, pointer as pointerSchema } from '../../src/schema/release.ts';
import { pointerBody, withChecksum } from '../../src/core/pointer-text.ts';
import { compareVersions } from '../../src/core/semver.ts';
import worker from '../../src/worker/index.ts';
import { clearRenderedCache } from '../../src/worker/http/rendered-cache.ts';
import { clearStoreMemo, KV_DEADLINE_MS, sha256 as sha256Hex } from '../../src/worker/kv/store.ts';
import { BASE } from './fetch.ts';
import { tableKey } from '../built.ts';
import { kvKeys } from '../../src/core/paths.ts';

const SEED = 20260127;
const NUM_RUNS = 1500;

/**
 * Defects this property found. `true`: still open, pinned by an `it.fails` below
 * and kept out of the property; `false`: fixed, so the property covers it again.
 */
const KNOWN_DEFECTS = {
  /** A binding that throws synchronously from get() is a 500, not a 503 (readBytes awaits get() outside its try). */
  syncThrowIs500: false,
  /** Nothing verifies the manifest: a corrupt one that still parses is served, and memoised for the isolate's life. */
  unverifiedManifest: false,
  /** Nothing verifies the pointer: a corrupt one that still parses is served for up to its 30 s TTL. */
  unverifiedPointer: false,
  /** Nothing verifies diffs: corrupt or truncated diff bytes are served as data, and memoised for the isolate's life. */
  unverifiedDiff: false,
  /** A diff not readable yet is a 404 "not published", not a 503. */
  missingDiffIs404: false,
  /** Latest falling back to an older release that lacks the table, row or schema answers 404, not 503. */
  fallbackWithoutResourceIs404: false,
};

// ---- The KV: as built, plus a release whose metrics bodies are in parts -----

type Entry = { key: string; value: string; base64?: boolean };
const built = builtPointer as Pointer;
/** Where the build put a release's manifest: named by its hash, as the pointer says. */
const manifestKeyOf = (version: string) => built.releases.find((r) => r.version === version)!.manifest.key;
const LATEST = built.latest;
const OLDEST = built.releases[0]!.version;
/** The release before latest: where latest falls back to first. */
const PREVIOUS = built.releases.at(-2)!.version;
const encoder = new TextEncoder();
/** What the build wrote, as the test setup seeded it. */
const PRISTINE = new Map<string, Uint8Array>([
  ...(entries as Entry[]).map((e): [string, Uint8Array] => [e.key, e.base64 ? Uint8Array.from(atob(e.value), (c) => c.charCodeAt(0)) : encoder.encode(e.value)]),
  ['pointer', encoder.encode(JSON.stringify(built))],
]);

/**
 * A copy of the latest release published after it but not latest (as after a
 * rollback), whose metrics bodies are stored in three parts, as the build stores
 * bodies over 4 MiB: pinned URLs stream it; latest must never fall forward to it.
 */
const PARTED = LATEST.replace(/\d+$/, (patch) => String(Number(patch) + 1));
const pointer: Pointer = { latest: LATEST, releases: [...built.releases, { ...built.releases.at(-1)!, version: PARTED }] };
const VERSIONS = pointer.releases.map((r) => r.version);
/** Every value the faulty KV serves when healthy: the build, the parted release, the pointer naming it. */
const STORE = new Map(PRISTINE);
const storeText = (key: string) => new TextDecoder().decode(STORE.get(key)!);

/** The pointer as the build and publish store it: its JSON, then the SHA-256 of that JSON as a last key. */
async function storedPointer(p: Pointer): Promise<Uint8Array> {
  const body = pointerBody(p);
  return encoder.encode(withChecksum(body, await sha256Hex(encoder.encode(body))));
}
const pointerWithLatest = (version: string) => storedPointer({ ...pointer, latest: version });

async function addPartedRelease(): Promise<void> {
  const source = JSON.parse(storeText(manifestKeyOf(LATEST))) as Manifest;
  const tables = await Promise.all(
    source.tables.map(async (t) => {
      if (t.name !== 'metrics') return t;
      const inParts = async (format: 'csv' | 'json') => {
        const bytes = STORE.get(t[format].key)!;
        const key = kvKeys.table(PARTED, 'metrics', format, t[format].sha256);
        const cuts = [0, Math.floor(bytes.length / 3) + 1, Math.floor((2 * bytes.length) / 3), bytes.length];
        const parts = [];
        for (let i = 0; i < 3; i++) {
          const slice = bytes.slice(cuts[i], cuts[i + 1]);
          STORE.set(`${key}.part${i}`, slice);
          parts.push({ key: `${key}.part${i}`, sha256: await sha256Hex(slice), bytes: slice.length });
        }
        return { ...t[format], key, parts };
      };
      return { ...t, csv: await inParts('csv'), json: await inParts('json') };
    }),
  );
  const manifest = encoder.encode(JSON.stringify({ ...source, version: PARTED, tables }));
  const manifestHash = await sha256Hex(manifest);
  const manifestKey = `releases/${PARTED}/manifests/${manifestHash.slice(0, 16)}.json`;
  STORE.set(manifestKey, manifest);
  // The pointer names the parted release's own manifest, by hash.
  pointer.releases.at(-1)!.manifest = { key: manifestKey, sha256: manifestHash, bytes: manifest.length };
  STORE.set('pointer', await storedPointer(pointer));
}

// ---- Faults -----------------------------------------------------------------

type Fault =
  | { kind: 'reject' }
  | { kind: 'throw' }
  | { kind: 'hang' }
  | { kind: 'missing' }
  | { kind: 'truncate'; fraction: number }
  | { kind: 'flip'; at: number; mask: number };

interface KeyFault {
  key: string;
  fault: Fault;
  /** How many reads fail before the key reads normally again; `always` until healed. */
  times: number | 'always';
}

function describeFault({ key, fault, times }: KeyFault): string {
  const what =
    fault.kind === 'truncate'
      ? `truncate to ${(fault.fraction * 100).toFixed(1)}%`
      : fault.kind === 'flip'
        ? `flip byte ${fault.at % Math.max(1, STORE.get(key)?.length ?? 1)} ^0x${fault.mask.toString(16)}`
        : fault.kind;
  return `${key}: ${what} (${times === 'always' ? 'every read' : `${times} read${times > 1 ? 's' : ''}`})`;
}

/** The bytes a corrupting fault produces, or undefined for faults that give no bytes. */
function corrupted(bytes: Uint8Array, fault: Fault): Uint8Array | undefined {
  if (fault.kind === 'truncate') return bytes.slice(0, Math.floor(bytes.length * fault.fraction));
  if (fault.kind !== 'flip' || bytes.length === 0) return undefined;
  const copy = bytes.slice();
  const at = fault.at % copy.length;
  copy[at] = copy[at]! ^ fault.mask;
  return copy;
}

type ValueType = 'text' | 'json' | 'arrayBuffer' | 'stream';

/** A KV binding over a fixed set of entries that fails as told, counting what it does. */
class FaultyKv {
  private faults = new Map<string, { fault: Fault; left: number }>();
  readonly keysRead = new Set<string>();
  injected = 0;
  readonly injectedByKind: Record<Fault['kind'], number> = { reject: 0, throw: 0, hang: 0, missing: 0, truncate: 0, flip: 0 };

  private readonly values: Map<string, Uint8Array>;

  constructor(values: Map<string, Uint8Array>) {
    this.values = values;
  }

  inject(faults: readonly KeyFault[]): void {
    this.faults = new Map(faults.map((f) => [f.key, { fault: f.fault, left: f.times === 'always' ? Infinity : f.times }]));
  }

  heal(): void {
    this.faults.clear();
  }

  get(key: string, options?: ValueType | { type?: ValueType }): Promise<unknown> {
    const type = (typeof options === 'string' ? options : options?.type) ?? 'text';
    this.keysRead.add(key);
    let bytes = this.values.get(key) ?? null;
    const planned = this.faults.get(key);
    if (planned && planned.left > 0) {
      planned.left--;
      this.injected++;
      this.injectedByKind[planned.fault.kind]++;
      switch (planned.fault.kind) {
        case 'throw':
          throw new Error(`KV GET failed: injected fault on ${key}`);
        case 'reject':
          return Promise.reject(new Error(`KV GET failed: injected fault on ${key}`));
        case 'hang':
          return new Promise(() => {});
        case 'missing':
          bytes = null;
          break;
        default:
          bytes = bytes && (corrupted(bytes, planned.fault) ?? bytes);
      }
    }
    if (bytes === null) return Promise.resolve(null);
    switch (type) {
      case 'arrayBuffer':
        return Promise.resolve(bytes.slice().buffer);
      case 'text':
        return Promise.resolve(new TextDecoder().decode(bytes));
      case 'json':
        return Promise.resolve(JSON.parse(new TextDecoder().decode(bytes)));
      case 'stream':
        return Promise.resolve(new Response(bytes.slice()).body);
    }
  }

  binding(): KVNamespace {
    return this as unknown as KVNamespace;
  }
}

// ---- Requests and their healthy answers -------------------------------------

interface Probe {
  path: string;
  headers?: Record<string, string>;
  /** latest: may fall back to an older release; pinned and pointer: never. */
  ref: 'latest' | 'pinned' | 'pointer';
  /** Exists only in the latest release. */
  latestOnly?: boolean;
}

const metricsCsvSha = JSON.parse(new TextDecoder().decode(PRISTINE.get(manifestKeyOf(LATEST)))).tables.find((t: { name: string }) => t.name === 'metrics').csv.sha256 as string;

const PROBES: Probe[] = [
  { path: '/v1/metrics.csv', ref: 'latest' },
  { path: '/v1/metrics.json', headers: { 'Accept-Encoding': 'br' }, ref: 'latest' },
  { path: '/v1/country_roles.csv', headers: { 'Accept-Encoding': 'gzip' }, ref: 'latest' },
  { path: '/v1/cases', headers: { Accept: 'text/csv' }, ref: 'latest' },
  { path: '/v1/metrics.csv?bom=1', ref: 'latest' },
  { path: '/v1/cases.json?operation=liberterra-iii&sort=-case_id&fields=case_id,title', ref: 'latest' },
  { path: '/v1/metrics.json?shape=array&limit=3&offset=2', ref: 'latest' },
  { path: '/v1/operations/liberterra-iii', ref: 'latest' },
  { path: '/v1/countries/CI.csv', ref: 'latest' },
  { path: '/v1/metrics.csv', headers: { 'If-None-Match': `"${metricsCsvSha}"` }, ref: 'latest' },
  { path: '/v1/schemas/metrics.json', ref: 'latest' },
  { path: '/v1/datapackage.json', headers: { 'Accept-Encoding': 'br' }, ref: 'latest' },
  { path: '/v1/openapi.json', ref: 'latest' },
  { path: '/', headers: { 'Accept-Encoding': 'gzip' }, ref: 'latest' },
  { path: `/v1/releases/${OLDEST}/metrics.csv`, ref: 'pinned' },
  { path: `/v1/releases/${LATEST}/cases.json`, headers: { 'Accept-Encoding': 'br' }, ref: 'pinned' },
  { path: `/v1/releases/${OLDEST}/operations/liberterra-ii`, ref: 'pinned' },
  { path: `/v1/releases/${LATEST}`, ref: 'pinned' },
  { path: `/v1/releases/${OLDEST}/datapackage.json`, ref: 'pinned' },
  { path: `/v1/releases/${OLDEST}/diff/${LATEST}.json`, ref: 'pinned' },
  { path: `/v1/releases/${LATEST}/diff/${OLDEST}.csv`, ref: 'pinned' },
  { path: `/v1/releases/${PARTED}/metrics.csv`, ref: 'pinned' },
  { path: `/v1/releases/${PARTED}/metrics.json?operation=liberterra-iii&metric=arrests`, ref: 'pinned' },
  { path: '/v1/releases', ref: 'pointer' },
  { path: '/v1/releases.csv', ref: 'pointer' },
  { path: '/v1', ref: 'pointer' },
  { path: '/v1/case_countries.csv', ref: 'latest', latestOnly: true },
  { path: '/v1/operations/liberterra-i', ref: 'latest', latestOnly: true },
  { path: '/v1/schemas/case_countries.json', ref: 'latest', latestOnly: true },
];

const describeProbe = (p: Probe) => `GET ${p.path}${p.headers ? ` ${JSON.stringify(p.headers)}` : ''}`;

interface Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The body stream broke after the status was sent (a parted body whose later part failed). */
  aborted?: boolean;
}

// Fake timers drive the Worker's KV deadline; the real setTimeout lets I/O and promises run.
const realSetTimeout = globalThis.setTimeout;
const tick = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));
let fakeMsAdvanced = 0;

/** Runs `work` to completion, advancing fake time by the KV deadline whenever it is only waiting; fails if it never ends. */
async function settle<T>(work: Promise<T>, label: string): Promise<T> {
  let done = false;
  const watched = work.finally(() => {
    done = true;
  });
  watched.catch(() => {});
  const budget = (VERSIONS.length + 3) * KV_DEADLINE_MS;
  for (let waited = 0, idle = 0; !done; ) {
    await tick();
    if (done) break;
    if (++idle < 3) continue;
    if (waited >= budget) throw new Error(`${label}: no answer after ${waited} ms of KV deadlines: the Worker hangs`);
    vi.advanceTimersByTime(KV_DEADLINE_MS);
    waited += KV_DEADLINE_MS;
    fakeMsAdvanced += KV_DEADLINE_MS;
    idle = 0;
  }
  return watched;
}

let requestsMade = 0;

async function ask(kv: FaultyKv, probe: Probe): Promise<Answer> {
  requestsMade++;
  const label = describeProbe(probe);
  return settle(
    (async () => {
      const res = await worker.fetch(new Request(`${BASE}${probe.path}`, { headers: probe.headers }), { DATA: kv.binding() });
      // Chunk by chunk, so a stream that breaks still shows what it sent before.
      const chunks: Uint8Array[] = [];
      let aborted = false;
      if (res.body) {
        const reader = res.body.getReader();
        try {
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(chunk.value);
        } catch {
          aborted = true;
        }
      }
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
      return { status: res.status, headers: res.headers, bytes, ...(aborted ? { aborted } : {}) };
    })(),
    label,
  );
}

/** The healthy answer to each probe with each release as latest, and the keys it reads. */
const healthy = new Map<string, Answer>();
const KEYS_READ: string[][] = [];
const healthyAnswer = (probe: Probe, version: string) => healthy.get(`${describeProbe(probe)}@${probe.ref === 'latest' ? version : LATEST}`);

async function learnHealthyAnswers(): Promise<void> {
  for (const [i, probe] of PROBES.entries()) {
    const keys = new Set<string>();
    for (const version of probe.ref === 'latest' ? VERSIONS.filter((v) => compareVersions(v, LATEST) <= 0) : [LATEST]) {
      clearStoreMemo();
      clearRenderedCache();
      const kv = new FaultyKv(new Map([...STORE, ['pointer', await pointerWithLatest(version)]]));
      const answer = await ask(kv, probe);
      if (version === LATEST) expect([200, 304], describeProbe(probe)).toContain(answer.status);
      healthy.set(`${describeProbe(probe)}@${version}`, answer);
      for (const key of kv.keysRead) keys.add(key);
    }
    KEYS_READ[i] = [...keys].sort();
  }
}

// ---- Invariants -------------------------------------------------------------

const outcomes = { same: 0, older: 0, unavailable: 0, notModified: 0, aborted: 0, recovered: 0, recoveredAfterDeadline: 0 };
const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function expectUnavailable(answer: Answer, label: string): void {
  expect(answer.headers.get('Retry-After'), `${label}: Retry-After`).toMatch(/^\d+$/);
  expect(answer.headers.get('Content-Type'), `${label}: problem+json`).toBe('application/problem+json');
  expect(answer.headers.get('Access-Control-Allow-Origin'), `${label}: CORS`).toBe('*');
  expect(answer.headers.get('X-Content-Type-Options'), `${label}: nosniff`).toBe('nosniff');
  const problem = JSON.parse(new TextDecoder().decode(answer.bytes)) as Record<string, unknown>;
  expect(problem.status, label).toBe(503);
  for (const field of ['type', 'title', 'detail', 'instance']) expect(problem[field], `${label}: problem.${field}`).toBeTypeOf('string');
}

/** Exactly the healthy answer of the release it claims: same status, validators and bytes. */
function expectSameAs(answer: Answer, expected: Answer, label: string, cacheControl: string | null): void {
  expect(answer.status, `${label}: status`).toBe(expected.status);
  for (const name of ['Content-Type', 'ETag', 'Content-Encoding', 'Content-Location', 'X-Total-Count', 'X-Release-Version']) {
    expect(answer.headers.get(name), `${label}: ${name}`).toBe(expected.headers.get(name));
  }
  expect(answer.headers.get('Cache-Control'), `${label}: Cache-Control`).toBe(cacheControl);
  expect(answer.headers.get('Access-Control-Allow-Origin'), `${label}: CORS`).toBe('*');
  if (answer.aborted) {
    // A broken stream: everything it sent before breaking is the pristine body's beginning.
    expect(answer.bytes.length, `${label}: broken stream sent less than the whole`).toBeLessThan(expected.bytes.length);
    expect(bytesEqual(answer.bytes, expected.bytes.subarray(0, answer.bytes.length)), `${label}: what a broken stream sent is pristine`).toBe(true);
    return;
  }
  expect(bytesEqual(answer.bytes, expected.bytes), `${label}: body is byte for byte the pristine body of the release it claims (${answer.bytes.length} vs ${expected.bytes.length} bytes)`).toBe(true);
}

/** Under faults: a 503, or a correct answer from the release it names (latest may fall back, briefly cached). */
function checkUnderFault(probe: Probe, answer: Answer, label: string): void {
  const reference = healthyAnswer(probe, LATEST)!;
  expect(answer.status, `${label}: never a 5xx other than 503`).not.toBe(500);
  if (answer.status === 503) {
    expectUnavailable(answer, label);
    outcomes.unavailable++;
    return;
  }
  if (answer.status !== 200 && answer.status !== 304) {
    expect(answer.status, `${label}: a fault may only turn an answer into a 503`).toBe(reference.status);
    return;
  }
  const version = answer.headers.get('X-Release-Version') ?? reference.headers.get('X-Release-Version') ?? LATEST;
  expect(VERSIONS, `${label}: a published release`).toContain(version);
  if (probe.ref === 'latest') expect(compareVersions(version, LATEST), `${label}: never falls forward past latest (${version})`).toBeLessThanOrEqual(0);
  if (probe.ref !== 'latest') expect(version, `${label}: a pinned URL never falls back`).toBe(reference.headers.get('X-Release-Version') ?? LATEST);
  const expected = healthyAnswer(probe, version)!;
  const older = probe.ref === 'latest' && version !== LATEST;
  expectSameAs(answer, expected, label, older ? 'public, max-age=30' : expected.headers.get('Cache-Control'));
  if (answer.aborted) outcomes.aborted++;
  else if (answer.status === 304) outcomes.notModified++;
  else if (older) outcomes.older++;
  else outcomes.same++;
}

function isHealthyLatest(probe: Probe, answer: Answer): boolean {
  const expected = healthyAnswer(probe, LATEST)!;
  return (
    answer.status === expected.status &&
    !answer.aborted &&
    ['ETag', 'Cache-Control', 'X-Release-Version'].every((h) => answer.headers.get(h) === expected.headers.get(h)) &&
    bytesEqual(answer.bytes, expected.bytes)
  );
}

/** Healed: the same request, with the isolate's memo as the faults left it, gets the healthy latest answer. */
function checkHealed(probe: Probe, answer: Answer, label: string): void {
  const expected = healthyAnswer(probe, LATEST)!;
  expectSameAs(answer, expected, `${label} (after healing)`, expected.headers.get('Cache-Control'));
  expect(answer.aborted, `${label} (after healing): whole body`).toBeFalsy();
  outcomes.recovered++;
}

// ---- Generating cases -------------------------------------------------------

interface FaultCase {
  probes: number[];
  concurrent: boolean;
  faults: KeyFault[];
}

const isManifest = (key: string) => /^releases\/[^/]+\/manifests\/[0-9a-f]{16}\.json$/.test(key);
const isDiff = (key: string) => /^releases\/[^/]+\/documents\/[0-9a-f]{16}\/diff\//.test(key);
/** Where the build put a diff: a document of the later release, under its content hash. */
const diffKey = (from: string, to: string, format: string) =>
  [...STORE.keys()].find((key) => isDiff(key) && key.endsWith(`/diff/${from}/${to}.${format}`))!;

/** Whether corrupt bytes for `key` would still parse to a valid, different manifest or pointer. */
function parsesDifferently(key: string, fault: Fault): boolean {
  const bytes = corrupted(STORE.get(key)!, fault);
  if (!bytes) return false;
  const schema = key === 'pointer' ? pointerSchema : manifestSchema;
  try {
    const parsed = schema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)));
    return parsed.success && JSON.stringify(parsed.data) !== JSON.stringify(schema.parse(JSON.parse(storeText(key))));
  } catch {
    return false;
  }
}

function hitsKnownDefect(c: FaultCase): boolean {
  if (KNOWN_DEFECTS.fallbackWithoutResourceIs404 && c.probes.some((i) => PROBES[i]!.latestOnly)) return true;
  return c.faults.some(({ key, fault }) => {
    if (KNOWN_DEFECTS.syncThrowIs500 && fault.kind === 'throw') return true;
    if (KNOWN_DEFECTS.unverifiedManifest && isManifest(key) && parsesDifferently(key, fault)) return true;
    if (KNOWN_DEFECTS.unverifiedPointer && key === 'pointer' && parsesDifferently(key, fault)) return true;
    if (KNOWN_DEFECTS.unverifiedDiff && isDiff(key) && (fault.kind === 'flip' || fault.kind === 'truncate')) return true;
    if (KNOWN_DEFECTS.missingDiffIs404 && isDiff(key) && fault.kind === 'missing') return true;
    return false;
  });
}

const faultArbitrary: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant<Fault>({ kind: 'reject' }),
  fc.constant<Fault>({ kind: 'throw' }),
  fc.constant<Fault>({ kind: 'hang' }),
  fc.constant<Fault>({ kind: 'missing' }),
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((fraction): Fault => ({ kind: 'truncate', fraction })),
  fc.record({ at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }).map(({ at, mask }): Fault => ({ kind: 'flip', at, mask })),
);

const caseArbitrary = (): fc.Arbitrary<FaultCase> =>
  fc
    .record({ probes: fc.uniqueArray(fc.nat(PROBES.length - 1), { minLength: 1, maxLength: 3 }), concurrent: fc.boolean() })
    .chain(({ probes, concurrent }) => {
      const keys = [...new Set(probes.flatMap((i) => KEYS_READ[i]!))].sort();
      const keyFault = fc.record({
        key: fc.constantFrom(...keys),
        fault: faultArbitrary,
        times: fc.oneof(fc.constant<'always'>('always'), fc.integer({ min: 1, max: 2 })),
      });
      return fc.record({
        probes: fc.constant(probes),
        concurrent: fc.constant(concurrent),
        faults: fc.uniqueArray(keyFault, { minLength: 1, maxLength: 4, selector: (f) => f.key }),
      });
    })
    .filter((c) => !hitsKnownDefect(c))
    .map((c) =>
      Object.assign(c, {
        [fc.toStringMethod]: () =>
          `${c.probes.map((i) => describeProbe(PROBES[i]!)).join(' + ')}${c.concurrent ? ' (concurrently)' : ''} | ${c.faults.map(describeFault).join('; ')}`,
      }),
    );

const faultyKv = new FaultyKv(STORE);
let casesRun = 0;

async function runCase(c: FaultCase): Promise<void> {
  casesRun++;
  clearStoreMemo();
  clearRenderedCache();
  faultyKv.inject(c.faults);
  const probes = c.probes.map((i) => PROBES[i]!);
  const label = (p: Probe) => `${describeProbe(p)} with ${c.faults.map(describeFault).join('; ')}`;
  const answers = c.concurrent
    ? await Promise.all(probes.map((p) => ask(faultyKv, p)))
    : await probes.reduce<Promise<Answer[]>>(async (done, p) => [...(await done), await ask(faultyKv, p)], Promise.resolve([]));
  probes.forEach((p, i) => checkUnderFault(p, answers[i]!, label(p)));
  // Healing: KV answers correctly again; the isolate keeps whatever it memoised.
  // A read that hung before healing is still shared until its deadline, so a
  // request joining it may get one more 503 or older release; one deadline
  // later every answer must be the healthy one.
  faultyKv.heal();
  for (const p of probes) {
    let answer = await ask(faultyKv, p);
    if (!isHealthyLatest(p, answer)) {
      checkUnderFault(p, answer, `${label(p)} (just healed)`);
      outcomes.recoveredAfterDeadline++;
      await settle(waitOneDeadline(), label(p));
      answer = await ask(faultyKv, p);
    }
    checkHealed(p, answer, label(p));
  }
}

/** Lets one KV deadline pass, so reads that hung under the faults expire. */
async function waitOneDeadline(): Promise<void> {
  vi.advanceTimersByTime(KV_DEADLINE_MS);
  fakeMsAdvanced += KV_DEADLINE_MS;
  await tick();
}

// ---- Tests ------------------------------------------------------------------

beforeAll(async () => {
  // Every injected corruption is logged by the Worker as it should be; thousands of those lines would hide real output.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  // The binding the tests seeded holds exactly the pristine bytes the fault KV serves.
  for (const [key, bytes] of PRISTINE) {
    const stored = await env.DATA.get(key, 'arrayBuffer');
    expect(stored && bytesEqual(new Uint8Array(stored), bytes), key).toBe(true);
  }
  await addPartedRelease();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  await learnHealthyAnswers();
  // Sanity of the oracle: whole tables are the stored bytes themselves, parted or not.
  const metricsCsv = (version: string) => PRISTINE.get(tableKey(version, 'metrics', 'csv'))!;
  expect(bytesEqual(healthyAnswer(PROBES[0]!, LATEST)!.bytes, metricsCsv(LATEST))).toBe(true);
  expect(bytesEqual(healthyAnswer(PROBES[0]!, OLDEST)!.bytes, metricsCsv(OLDEST))).toBe(true);
  const parted = PROBES.find((p) => p.path === `/v1/releases/${PARTED}/metrics.csv`)!;
  expect(bytesEqual(healthyAnswer(parted, LATEST)!.bytes, metricsCsv(LATEST))).toBe(true);
});

afterEach(() => {
  vi.restoreAllMocks();
  faultyKv.heal();
  clearStoreMemo();
  clearRenderedCache();
});

afterAll(() => {
  vi.useRealTimers();
});

describe('storage faults', () => {
  it('answers 503 or a correct release under any mix of faults, and recovers when KV heals', async () => {
    const [injected, requests] = [faultyKv.injected, requestsMade];
    const result = await fc.check(fc.asyncProperty(caseArbitrary(), runCase), { seed: SEED, numRuns: NUM_RUNS });
    const kinds = Object.entries(faultyKv.injectedByKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(
      `storage faults: ${casesRun} cases (seed ${SEED}), ${faultyKv.injected - injected} faults injected (${kinds}) over ${requestsMade - requests} requests; ` +
        `under fault ${outcomes.same} answered from the latest release, ${outcomes.older} from an older one, ${outcomes.notModified} 304, ` +
        `${outcomes.unavailable} 503, ${outcomes.aborted} broken streams (each sent only pristine bytes); ${outcomes.recovered} answers after healing, all correct ` +
        `(${outcomes.recoveredAfterDeadline} once a read that hung before healing had passed its deadline); ` +
        `${fakeMsAdvanced / 1000} s of KV deadlines waited out on fake timers`,
    );
    if (result.failed) {
      const cause = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
      throw new Error(`storage-fault property failed (seed ${SEED}, path ${result.counterexamplePath}):\n${cause}\n${fc.defaultReportMessage(result)}`);
    }
  }, 120_000);

  it(`a read that never settles costs one KV deadline (${KV_DEADLINE_MS} ms), then 503 or an older release, never a hang`, async () => {
    const manifest = manifestKeyOf(LATEST);
    faultyKv.inject([{ key: manifest, fault: { kind: 'hang' }, times: 'always' }]);
    const before = fakeMsAdvanced;
    const latest = await ask(faultyKv, PROBES[0]!);
    expect(latest.status).toBe(200);
    expect(latest.headers.get('X-Release-Version')).toBe(PREVIOUS);
    expect(latest.headers.get('Cache-Control')).toBe('public, max-age=30');
    expect(fakeMsAdvanced - before).toBe(KV_DEADLINE_MS);
    const pinned = await ask(faultyKv, { path: `/v1/releases/${LATEST}/metrics.csv`, ref: 'pinned' });
    expect(pinned.status).toBe(503);
    expect(pinned.headers.get('Retry-After')).toBe('30');
    faultyKv.heal();
    expect((await ask(faultyKv, PROBES[0]!)).headers.get('X-Release-Version')).toBe(LATEST);
  });

  it('keeps serving the pointer it has while KV cannot give a new one, and follows KV again once it can', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-23T12:00:00Z'));
      expect((await ask(faultyKv, PROBES[0]!)).status).toBe(200);
      // Past the pointer's 30 s TTL, with the pointer unreadable in each way.
      for (const fault of [{ kind: 'hang' }, { kind: 'missing' }, { kind: 'reject' }, { kind: 'flip', at: 0, mask: 1 }] as Fault[]) {
        vi.setSystemTime(Date.now() + 31_000);
        faultyKv.inject([{ key: 'pointer', fault, times: 'always' }]);
        const stale = await ask(faultyKv, PROBES[0]!);
        expect(stale.status, fault.kind).toBe(200);
        expect(bytesEqual(stale.bytes, healthyAnswer(PROBES[0]!, LATEST)!.bytes), fault.kind).toBe(true);
      }
      faultyKv.heal();
      vi.setSystemTime(Date.now() + 31_000);
      expect((await ask(faultyKv, PROBES[0]!)).status).toBe(200);
    } finally {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    }
  });
});

// Each defect the fault property found, reduced to one request. `it.fails`
// marks one still open: it passes while the defect is there; when it starts
// failing, turn off its KNOWN_DEFECTS flag above.
describe('storage defects found by the fault property, each fixed', () => {
  it('a binding whose get() throws synchronously is a 503, not a 500 (store.ts readBytes)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    faultyKv.inject([{ key: 'pointer', fault: { kind: 'throw' }, times: 'always' }]);
    const res = await ask(faultyKv, PROBES[0]!);
    expect(res.status).toBe(503);
  });

  it('latest falling back for a table only the latest release has is a 503, not a 404 (resolve.ts withRelease)', async () => {
    faultyKv.inject([{ key: manifestKeyOf(LATEST), fault: { kind: 'missing' }, times: 'always' }]);
    const res = await ask(faultyKv, { path: '/v1/case_countries.csv', ref: 'latest' });
    expect(res.status).toBe(503);
  });

  it('a diff not readable yet is a 503, not a 404 "not published" (diffs are verified documents now)', async () => {
    faultyKv.inject([{ key: diffKey(OLDEST, LATEST, 'json'), fault: { kind: 'missing' }, times: 'always' }]);
    const res = await ask(faultyKv, { path: `/v1/releases/${OLDEST}/diff/${LATEST}.json`, ref: 'pinned' });
    expect(res.status).toBe(503);
  });

  it('a truncated diff is never served, and is forgotten once KV heals (diffs are verified documents now)', async () => {
    const probe: Probe = { path: `/v1/releases/${OLDEST}/diff/${LATEST}.csv`, ref: 'pinned' };
    faultyKv.inject([{ key: diffKey(OLDEST, LATEST, 'csv'), fault: { kind: 'truncate', fraction: 0.5 }, times: 1 }]);
    const res = await ask(faultyKv, probe);
    const healthyBytes = STORE.get(diffKey(OLDEST, LATEST, 'csv'))!;
    expect(res.status === 503 || bytesEqual(res.bytes, healthyBytes)).toBe(true);
  });

  it('a corrupt manifest that still parses is never served, and is forgotten once KV heals (verified by the pointer\'s hash)', async () => {
    const key = manifestKeyOf(LATEST);
    const text = storeText(key);
    const at = encoder.encode(text.slice(0, text.indexOf('"title":"') + 12)).length;
    faultyKv.inject([{ key, fault: { kind: 'flip', at, mask: 0x01 }, times: 1 }]);
    const probe = PROBES.find((p) => p.path === `/v1/releases/${LATEST}`)!;
    const pristine = healthyAnswer(probe, LATEST)!.bytes;
    const underFault = await ask(faultyKv, probe);
    expect(underFault.status === 503 || bytesEqual(underFault.bytes, pristine), 'served with the corrupt title').toBe(true);
    faultyKv.heal();
    const healed = await ask(faultyKv, probe);
    expect(bytesEqual(healed.bytes, pristine), 'still corrupt after healing').toBe(true);
  });

  it('a corrupt pointer that still parses is never served (the pointer carries the SHA-256 of its JSON)', async () => {
    const text = storeText('pointer');
    const at = encoder.encode(text.slice(0, text.indexOf('"notes":"') + 12)).length;
    faultyKv.inject([{ key: 'pointer', fault: { kind: 'flip', at, mask: 0x01 }, times: 1 }]);
    const probe = PROBES.find((p) => p.path === '/v1/releases')!;
    const res = await ask(faultyKv, probe);
    expect(res.status === 503 || bytesEqual(res.bytes, healthyAnswer(probe, LATEST)!.bytes)).toBe(true);
  });
});
