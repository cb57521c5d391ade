// The Data Package of every release, validated against the official v2
// profiles, and every CSV it points to checked cell by cell against its
// published Table Schema.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../harness/worker.ts';
import { checkForeignKeys, checkRecords } from './table-schema-check.ts';

const PROFILES = new URL('../../../shared/standards/frictionless-2.0/', import.meta.url).pathname;
const BUILD_ORIGIN = 'http://localhost:8787';

function profile(name: string): ValidateFunction {
  // Not strict: the official profiles carry editor annotations (propertyOrder,
  // options, context) and a misspelt `item`, which draft-07 says to ignore.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('textarea', true);
  return ajv.compile(JSON.parse(readFileSync(`${PROFILES}${name}`, 'utf8')));
}

const validators = {
  datapackage: profile('datapackage.json'),
  tableschema: profile('tableschema.json'),
  tabledialect: profile('tabledialect.json'),
};

let worker: RunningWorker;
let versions: string[];
beforeAll(async () => {
  worker = await startWorker();
  versions = ((await (await worker.fetch('/v1/releases.json')).json()) as { data: { version: string }[] }).data.map((r) => r.version);
});
afterAll(() => worker?.dispose());

const local = (url: string) => url.replace(BUILD_ORIGIN, '');

async function descriptor(path: string) {
  const res = await worker.fetch(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('application/vnd.datapackage+json');
  return (await res.json()) as Record<string, any>;
}

describe('datapackage.json', () => {
  it('is served for latest and for every release, latest being the newest release', async () => {
    expect(versions.length).toBeGreaterThanOrEqual(2);
    const latest = await descriptor('/v1/datapackage.json');
    expect(latest.version).toBe(versions[0]);
    for (const version of versions) expect((await descriptor(`/v1/releases/${version}/datapackage.json`)).version).toBe(version);
  });

  it('validates against the official Data Package v2 profiles', async () => {
    for (const version of versions) {
      const dp = await descriptor(`/v1/releases/${version}/datapackage.json`);
      expect(validators.datapackage(dp), JSON.stringify(validators.datapackage.errors, null, 2)).toBe(true);
      expect(dp.$schema).toBe('https://datapackage.org/profiles/2.0/datapackage.json');
      for (const resource of dp.resources) {
        expect(validators.tableschema(resource.schema), `${resource.name}: ${JSON.stringify(validators.tableschema.errors)}`).toBe(true);
        expect(validators.tabledialect(resource.dialect), `${resource.name}: ${JSON.stringify(validators.tabledialect.errors)}`).toBe(true);
      }
    }
  });

  it('the profile check is real: a descriptor without resources is refused', () => {
    expect(validators.datapackage({ name: 'x' })).toBe(false);
    expect(validators.tableschema({ fields: [{ name: 'a', type: 'no-such-type' }] })).toBe(false);
  });

  it('names the release, its licence, sources and one resource per table, pinned to that release', async () => {
    for (const version of versions) {
      const dp = await descriptor(`/v1/releases/${version}/datapackage.json`);
      const release = (await (await worker.fetch(`/v1/releases/${version}`)).json()) as { data: { date: string; tables: { name: string }[] } };
      expect(dp).toMatchObject({ name: 'liberterra', version, created: `${release.data.date}T00:00:00Z` });
      expect(dp.licenses).toEqual([{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0 International' }]);
      const sources = (await (await worker.fetch(`/v1/releases/${version}/sources.json`)).json()) as { data: unknown[] };
      expect(dp.sources).toHaveLength(sources.data.length);
      expect(dp.resources.map((r: any) => r.name)).toEqual(release.data.tables.map((t) => t.name));
      for (const resource of dp.resources) {
        expect(resource.path).toBe(`${BUILD_ORIGIN}/v1/releases/${version}/${resource.name}.csv`);
      }
    }
  });
});

describe('every served CSV against its published Table Schema', () => {
  for (const which of ['first', 'latest'] as const) {
    it(`holds for the ${which} release: bytes, hash, dialect, every cell, primary and foreign keys`, async () => {
      const version = which === 'latest' ? versions[0]! : versions.at(-1)!;
      const dp = await descriptor(`/v1/releases/${version}/datapackage.json`);
      const checked = [];
      const problems = [];
      for (const resource of dp.resources) {
        const res = await worker.fetch(local(resource.path));
        expect(res.status).toBe(200);
        expect(res.headers.get('Content-Type')).toMatch(/^text\/csv; charset=utf-8/);
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(bytes.length).toBe(resource.bytes);
        expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(resource.hash);
        const text = bytes.toString('utf8');
        // The dialect says CRLF: every line ends with it and no bare LF exists.
        expect(text.endsWith(resource.dialect.lineTerminator)).toBe(true);
        expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
        const [header, ...records] = parse(text, {
          delimiter: resource.dialect.delimiter,
          quote: resource.dialect.quoteChar,
          record_delimiter: resource.dialect.lineTerminator,
          relax_column_count: true,
        }) as string[][];
        const result = checkRecords(resource.name, resource.schema, header!, records);
        problems.push(...result.problems);
        checked.push({ name: resource.name, schema: resource.schema, rows: result.rows });
      }
      problems.push(...checkForeignKeys(checked));
      expect(problems).toEqual([]);
      expect(checked.reduce((n, r) => n + r.rows.length, 0)).toBeGreaterThan(100);
    });
  }

  it('the cell check is real: a bad enum, a broken pattern, a repeated key and a dangling reference are all caught', async () => {
    const dp = await descriptor('/v1/datapackage.json');
    const metrics = dp.resources.find((r: any) => r.name === 'metrics');
    const operations = dp.resources.find((r: any) => r.name === 'operations');
    const names = metrics.schema.fields.map((f: any) => f.name);
    const good = ['liberterra-iii', 'arrests', '3744', 'exact', 'arrests', '', 'interpol-2026-01-26'];
    const records = [good, good, ['Liberterra III', 'arrests', '1', 'roughly', 'arrests', '=cmd', ''], ['no-such-op', 'arrests', '1', 'exact', 'arrests', '', 'x']];
    const { rows, problems } = checkRecords('metrics', metrics.schema, names, records);
    const messages = problems.map((p) => `${p.row}:${p.field}:${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^4:operation_id:.*does not match/),
        expect.stringMatching(/^4:qualifier:.*not in enum/),
        expect.stringMatching(/^4:notes:.*does not match/),
        expect.stringMatching(/^4:source_ids:.*minLength|^4:source_ids:required/),
        expect.stringMatching(/^3:undefined:primary key/),
      ]),
    );
    const fk = checkForeignKeys([
      { name: 'metrics', schema: metrics.schema, rows },
      { name: 'operations', schema: operations.schema, rows: [{ operation_id: 'liberterra-iii' }] },
    ]);
    expect(fk.map((p) => p.row)).toEqual([4, 5]);
  });
});
