// Versions: the release list, pinned URLs whose bytes never change.
import { describe, expect, it } from 'vitest';
import entries from '../../.build/kv.json';
import pointer from '../../.build/pointer.json';
import { get, getJson } from './fetch.ts';
import { FIRST, LATEST, LATEST_DATE, PREVIOUS } from '../releases.ts';
import { tableKey } from '../built.ts';

const built = (key: string) => entries.find((e) => e.key === key)!.value;

describe('releases', () => {
  it('lists every release, newest first, with date, notes, hash, row counts and which is latest', async () => {
    const { body } = await getJson('/v1/releases');
    expect(body.meta.latest).toBe(LATEST);
    expect(body.data.map((r: any) => [r.version, r.latest])).toEqual([[LATEST, true], [PREVIOUS, false], [FIRST, false]]);
    const v100 = body.data.at(-1);
    expect(v100.hash).toBe(pointer.releases[0]!.hash);
    expect(v100.rows.operations).toBe(2);
    expect(v100.rows.discrepancies).toBeUndefined();
    expect(v100.notes.length).toBeGreaterThan(20);
  });

  it('lists releases as CSV', async () => {
    const lines = (await (await get('/v1/releases.csv')).text()).split('\r\n');
    expect(lines[0]).toBe('version,date,title,latest,hash,rows,notes');
    expect(lines[1]!.startsWith(`${LATEST},${LATEST_DATE},`)).toBe(true);
  });

  it('serves a pinned table byte for byte as built', async () => {
    expect(await (await get('/v1/releases/1.0.0/metrics.csv')).text()).toBe(built(tableKey('1.0.0', 'metrics', 'csv')));
    expect(await (await get('/v1/releases/1.0.0/metrics.json')).text()).toBe(built(tableKey('1.0.0', 'metrics', 'json')));
  });

  it('describes one release: tables with URLs, hashes and sizes', async () => {
    const { body } = await getJson('/v1/releases/1.0.0');
    expect(body.data.version).toBe('1.0.0');
    expect(body.data.tables.map((t: any) => t.name)).toEqual([
      'operations', 'metrics', 'partners', 'countries', 'country_roles', 'cases', 'case_figures', 'sources',
    ]);
    expect(body.data.tables[1].csv.url).toBe('/v1/releases/1.0.0/metrics.csv');
  });

  it('answers 404 for a table a release does not have, saying where it first appears', async () => {
    const res = await get('/v1/releases/1.0.0/discrepancies.csv');
    expect(res.status).toBe(404);
    expect((await res.json<any>()).detail).toBe('Release 1.0.0 has no table "discrepancies"; it first appears in release 1.1.0.');
  });

  it('answers 404 for an unknown release', async () => {
    const res = await get('/v1/releases/9.9.9/metrics.csv');
    expect(res.status).toBe(404);
    expect((await res.json<any>()).detail).toBe(`Release 9.9.9 is not published. Published releases: ${FIRST}, ${PREVIOUS}, ${LATEST}.`);
  });

  it('serves a JSON Schema per table', async () => {
    const { res, body } = await getJson('/v1/schemas/metrics.json');
    expect(res.headers.get('Content-Type')).toBe('application/schema+json');
    expect(body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(body.required).toContain('value');
  });
});
