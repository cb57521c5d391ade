// labels=true: beside each id a row cites, what names it (src/core/labels.ts),
// in JSON and CSV, looked up in the same release: the join a journalist would
// otherwise do by hand, checked against doing it by hand over the built rows.
import { expect, it } from 'vitest';
import { builtRows } from '../built.ts';
import { FIRST } from '../releases.ts';
import { get, getJson } from './fetch.ts';


it('puts operation name and year, country name and region, source titles beside the ids', async () => {
  const { res, body } = await getJson('/v1/country_roles.json?country=ES&operation=liberterra-iii&role=participant&labels=true');
  expect(res.status).toBe(200);
  expect(body.data).toEqual([
    {
      operation_id: 'liberterra-iii',
      operation_id_name: 'Operation Liberterra III',
      operation_id_year: 2025,
      iso2: 'ES',
      iso2_name: 'Spain',
      iso2_region: 'Europe',
      name_as_published: 'Spain',
      role: 'participant',
      source_ids: ['interpol-2026-01-26'],
      source_ids_title: ['Global operation safeguards 4,400 potential trafficking victims, detects 13,000 irregular migrants'],
      source_ids_publisher: ['INTERPOL'],
    },
  ]);
  // Key order is what JSON readers show: each label right after its id.
  expect(Object.keys(body.data[0])).toEqual([
    'operation_id', 'operation_id_name', 'operation_id_year', 'iso2', 'iso2_name', 'iso2_region',
    'name_as_published', 'role', 'source_ids', 'source_ids_title', 'source_ids_publisher',
  ]);
});

it('labels every row of a table as joining by hand would, list items item for item', async () => {
  const { body } = await getJson('/v1/cases.json?labels=true');
  const operations = new Map(builtRows('operations').map((o) => [o.operation_id, o]));
  const countries = new Map(builtRows('countries').map((c) => [c.iso2, c]));
  const sources = new Map(builtRows('sources').map((s) => [s.source_id, s]));
  const expected = builtRows('cases').map((c) => ({
    case_id: c.case_id,
    operation_id: c.operation_id,
    operation_id_name: operations.get(c.operation_id)!.name,
    operation_id_year: Number(operations.get(c.operation_id)!.start_date.slice(0, 4)),
    title: c.title,
    category: c.category,
    countries: c.countries,
    countries_name: c.countries.map((code: string) => countries.get(code)!.name),
    countries_region: c.countries.map((code: string) => countries.get(code)!.region),
    linked_countries: c.linked_countries,
    linked_countries_name: c.linked_countries.map((code: string) => countries.get(code)!.name),
    linked_countries_region: c.linked_countries.map((code: string) => countries.get(code)!.region),
    summary: c.summary,
    source_ids: c.source_ids,
    source_ids_title: c.source_ids.map((id: string) => sources.get(id)!.title ?? ''),
    source_ids_publisher: c.source_ids.map((id: string) => sources.get(id)!.publisher),
  }));
  expect(body.meta.total).toBe(expected.length);
  expect(body.data).toEqual(expected);
});

it('adds the label columns to CSV, after each id column, lists joined with ";"', async () => {
  const res = await get('/v1/case_figures.csv?case=l3-scotland-dundee&figure=victims&fields=case_id,figure,value&labels=true');
  const title = builtRows('cases').find((c) => c.case_id === 'l3-scotland-dundee')!.title;
  expect(await res.text()).toBe(`case_id,case_id_title,figure,value\r\nl3-scotland-dundee,${title},victims,1\r\n`);
});

it('labels only the columns fields= keeps', async () => {
  const { body } = await getJson('/v1/metrics.json?fields=metric,value&limit=1&labels=true');
  expect(Object.keys(body.data[0])).toEqual(['metric', 'value']);
});

it('labels an older release from its own rows', async () => {
  const { body } = await getJson(`/v1/releases/${FIRST}/metrics.json?limit=1&fields=operation_id&labels=1`);
  const operation = builtRows('operations', FIRST).find((o) => o.operation_id === body.data[0].operation_id)!;
  expect(body.data[0]).toEqual({ operation_id: operation.operation_id, operation_id_name: operation.name, operation_id_year: Number(operation.start_date.slice(0, 4)) });
});

it('leaves rows as built without it, and refuses it where a table cites nothing', async () => {
  const plain = await getJson('/v1/cases.json?limit=1&labels=false');
  expect(plain.body.data).toEqual(builtRows('cases').slice(0, 1));
  const res = await get('/v1/countries.json?labels=true');
  expect(res.status).toBe(400);
  expect((await res.json<any>()).invalid_params[0].name).toBe('labels');
});

it('points Datasette users at it', async () => {
  const res = await get('/v1/cases.json?_labels=on');
  expect((await res.json<any>()).invalid_params[0].reason).toContain('use labels=true');
});
