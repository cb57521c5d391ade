// The OpenAPI document as the shipped Worker serves it: linted by Redocly with
// its recommended rules, then held to the live Worker — every documented path
// answers with a documented status, media type and headers, and every JSON
// body fits its documented schema; documented values pass, others are refused.
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../harness/worker.ts';

type Json = Record<string, any>;

const ACCEPTED_PROBLEMS = [
  // GET /v1 refuses nothing (it ignores its query string and needs no path
  // parameter), so it has no 4XX response to document; every other operation must.
  { ruleId: 'operation-4xx-response', pointer: '#/paths/~1v1/get/responses' },
];

async function lint(document: Json): Promise<NormalizedProblem[]> {
  const config = await createConfig({
    extends: ['recommended'],
    rules: {
      // The test build's origin is the local dev server, http://localhost:8787,
      // which this rule flags; a deployed build names its real host.
      'no-server-example.com': 'off',
    },
  });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.filter((p) => !ACCEPTED_PROBLEMS.some((a) => a.ruleId === p.ruleId && p.location[0]?.pointer === a.pointer));
}

const describeProblems = (problems: NormalizedProblem[]) =>
  problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);

let worker: RunningWorker;
let doc: Json;
let buildOrigin: string;
let versions: string[];

beforeAll(async () => {
  worker = await startWorker();
  doc = (await (await worker.fetch('/v1/openapi.json')).json()) as Json;
  buildOrigin = doc.servers[0].url;
  versions = ((await (await worker.fetch('/v1/releases.json')).json()) as Json).data.map((r: Json) => r.version);
});
afterAll(() => worker?.dispose());

describe('the document', () => {
  it('is served as OpenAPI JSON', async () => {
    const res = await worker.fetch('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/vnd\.oai\.openapi\+json/);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(res.headers.get('X-Release-Version'));
    expect(doc.info.license.identifier).toBe('CC-BY-4.0');
  });

  it("lints clean with Redocly's recommended rules, for every release", async () => {
    for (const version of versions) {
      const pinned = (await (await worker.fetch(`/v1/releases/${version}/openapi.json`)).json()) as Json;
      expect(pinned.info.version).toBe(version);
      expect(describeProblems(await lint(pinned)), version).toEqual([]);
    }
  });

  it('fails the linter when broken, so the clean result means something', async () => {
    const broken = structuredClone(doc);
    const [, item] = Object.entries(broken.paths as Json).find(([p]) => p.endsWith('.json'))!;
    item.get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/NoSuchSchema' };
    broken.paths['/v1/duplicate'] = { get: { ...item.get } };
    const problems = await lint(broken);
    expect(problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining(['no-unresolved-refs', 'operation-operationId-unique']));
  });
});

/** Every documented path against the live Worker. */
describe('the Worker, as documented', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  // The document's extension keywords, and `components`, which holds the
  // schemas: annotations to ajv, nothing to validate.
  ajv.addVocabulary(['x-enumDescriptions', 'x-references', 'x-since', 'components']);
  const compiled = new Map<string, ValidateFunction>();
  const BASE = 'https://openapi.test/openapi.json';

  /** A validator for a schema of the document, its `#/components/...` references resolved in it. */
  function validator(schema: Json): ValidateFunction {
    const text = JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${BASE}#/`);
    if (!ajv.getSchema(BASE)) ajv.addSchema({ $id: BASE, components: { schemas: doc.components.schemas } });
    let validate = compiled.get(text);
    if (!validate) compiled.set(text, (validate = ajv.compile(JSON.parse(text))));
    return validate;
  }

  const resolve = (node: Json): Json =>
    node.$ref ? resolve(node.$ref.slice(2).split('/').reduce((at: Json, key: string) => at[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc)) : node;
  const essence = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim();
  const local = (path: string) => `${path}`.replace(buildOrigin, '');

  /** Every concrete URL of a path: each example (the first) or enum value (all) of its path parameters. */
  function expand(path: string, parameters: Json[]): string[] {
    let urls = [path];
    for (const p of parameters.map(resolve).filter((p) => p.in === 'path')) {
      const values: string[] = p.schema.enum ?? [p.schema.examples?.[0] ?? p.example];
      expect(values[0], `${path}: no example for {${p.name}}`).toBeDefined();
      urls = urls.flatMap((u) => values.map((v) => u.replace(`{${p.name}}`, encodeURIComponent(v))));
    }
    return urls;
  }

  /** Checks a response against what the operation documents for its status, and returns the body. */
  async function conforms(res: Response, operation: Json, where: string): Promise<string> {
    const documented = operation.responses[String(res.status)];
    expect(documented, `${where}: status ${res.status} is not documented`).toBeDefined();
    const response = resolve(documented);
    const body = await res.text();
    if (res.status === 304) return body;
    const type = essence(res.headers.get('Content-Type'));
    const media = Object.entries(response.content as Json).find(([key]) => essence(key) === type)?.[1];
    expect(media, `${where}: ${res.status} ${type} is not documented`).toBeDefined();
    if (type.endsWith('json')) {
      const validate = validator(media.schema);
      expect(validate(JSON.parse(body)) ? [] : validate.errors, where).toEqual([]);
    }
    const example = resolve(media.schema).examples?.[0];
    if (type === 'text/csv' && typeof example === 'string') {
      expect(body.split('\r\n')[0], `${where}: CSV header`).toBe(example.split('\r\n')[0]);
    }
    // Every header the Worker exposes to scripts is documented where it is sent.
    const exposed = (res.headers.get('Access-Control-Expose-Headers') ?? '').split(',').map((h) => h.trim());
    for (const name of exposed.filter((h) => h && res.headers.has(h))) {
      expect(Object.keys(response.headers ?? {}), `${where}: header ${name}`).toContain(name);
    }
    for (const name of Object.keys(response.headers ?? {})) {
      if (name === 'Content-Disposition' && type !== 'text/csv') continue;
      expect(res.headers.has(name), `${where}: documented header ${name} is missing`).toBe(true);
    }
    return body;
  }

  it('answers every documented path with a documented status, media type, headers and body', async () => {
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      const operation = item.get;
      const responses = operation.responses;
      const types = Object.keys(resolve(responses['200']).content);
      for (const url of expand(local(path), operation.parameters ?? [])) {
        for (const type of types) {
          const where = `GET ${url} (Accept: ${type})`;
          const res = await worker.fetch(url, { headers: { Accept: type } });
          expect(res.status, where).toBe(200);
          await conforms(res, operation, where);
          const etag = res.headers.get('ETag')!;
          const again = await worker.fetch(url, { headers: { Accept: type, 'If-None-Match': etag } });
          expect(again.status, `${where} with If-None-Match`).toBe(304);
          await conforms(again, operation, `${where} with If-None-Match`);
          checked += 1;
        }
        if (responses['406']) {
          const res = await worker.fetch(url, { headers: { Accept: 'image/png' } });
          expect(res.status, `${url} Accept: image/png`).toBe(406);
          await conforms(res, operation, `GET ${url} (Accept: image/png)`);
        }
      }
    }
    expect(checked).toBeGreaterThan(Object.keys(doc.paths).length);
  });

  it('documents every table the index lists, latest and pinned, negotiated and by suffix', async () => {
    const tables = (await (await worker.fetch('/v1')).json()) as Json;
    for (const { name } of tables.tables as Json[]) {
      for (const path of [`/v1/${name}`, `/v1/releases/{version}/${name}`]) {
        for (const suffix of ['', '.json', '.csv']) expect(Object.keys(doc.paths)).toContain(`${path}${suffix}`);
      }
    }
  });

  it('refuses what it does not document: unknown releases and rows are 404 problems', async () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      if (!item.get.responses['404'] || !path.includes('{')) continue;
      const url = local(path).replace(/\{[^}]+\}/g, (name) => (name === '{version}' ? '9.9.9' : 'no-such-thing'));
      const res = await worker.fetch(url);
      expect(res.status, url).toBe(404);
      await conforms(res, item.get, `GET ${url}`);
    }
  });

  it('documents exactly the query parameters the Worker accepts', async () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      if (path.includes('{') || !/\.(json|csv)$/.test(path) || !item.get.responses['200'].headers['X-Total-Count']) continue;
      const res = await worker.fetch(`${path}?no_such_parameter=1`);
      expect(res.status, path).toBe(400);
      const problem = JSON.parse(await conforms(res, item.get, path));
      const documented = item.get.parameters.map(resolve).filter((p: Json) => p.in === 'query').map((p: Json) => p.name);
      expect([...problem.invalid_params[0].allowed].sort(), path).toEqual([...documented].sort());
    }
  });

  it('takes every documented value of an enum parameter, and refuses others with a 400 problem', async () => {
    let tried = 0;
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      if (path.includes('{') || !path.endsWith('.json')) continue;
      for (const parameter of (item.get.parameters ?? []).map(resolve).filter((p: Json) => p.in === 'query')) {
        const values: string[] | undefined = parameter.schema.enum ?? parameter.schema.items?.enum;
        if (values) {
          for (const value of values) {
            // sort=relevance ranks the rows of a search: it is documented to need q.
            const search = parameter.name === 'sort' && value === 'relevance' ? '&q=a' : '';
            const res = await worker.fetch(`${path}?${parameter.name}=${encodeURIComponent(value)}${search}`);
            expect(res.status, `${path}?${parameter.name}=${value}`).toBe(200);
            await conforms(res, item.get, `${path}?${parameter.name}=${value}`);
          }
          tried += 1;
        }
        const { maximum } = parameter.schema;
        if (!values && maximum === undefined) continue;
        const bad = values ? 'not-a-documented-value' : String(maximum + 1);
        const where = `${path}?${parameter.name}=${bad}`;
        const res = await worker.fetch(where);
        expect(res.status, where).toBe(400);
        expect(res.headers.get('Content-Type')).toBe('application/problem+json');
        const problem = JSON.parse(await conforms(res, item.get, where));
        expect(problem.invalid_params.map((p: Json) => p.name), where).toEqual([parameter.name]);
      }
    }
    expect(tried).toBeGreaterThan(10);
  });
});
