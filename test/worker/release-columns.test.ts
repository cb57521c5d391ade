// A column added in a release (Column.since) is in that release and later ones
// only: older releases keep the columns they were published with, and a query
// naming a column a release lacks is a 400, never a column of empty cells.
import { expect, it } from 'vitest';
import { get, getJson } from './fetch.ts';
import { LATEST, PREVIOUS } from '../releases.ts';

it(`gives country names in INTERPOL's four languages from ${LATEST}`, async () => {
  const { body } = await getJson('/v1/countries/ES');
  expect(body.data).toEqual({
    iso2: 'ES',
    iso3: 'ESP',
    m49: '724',
    name: 'Spain',
    name_fr: 'Espagne',
    name_es: 'España',
    name_ar: 'إسبانيا',
    region: 'Europe',
    subregion: 'Southern Europe',
    intermediate_region: null,
  });
});

it(`keeps ${PREVIOUS} as it was published, whole and filtered`, async () => {
  const header = 'iso2,iso3,m49,name,region,subregion,intermediate_region';
  expect((await (await get(`/v1/releases/${PREVIOUS}/countries.csv`)).text()).split('\r\n')[0]).toBe(header);
  expect((await (await get(`/v1/releases/${PREVIOUS}/countries.csv?country=ES`)).text())).toBe(`${header}\r\nES,ESP,724,Spain,Europe,Southern Europe,\r\n`);
  const { body } = await getJson(`/v1/releases/${PREVIOUS}/sources.json?limit=1`);
  expect(Object.keys(body.data[0])).toEqual(['source_id', 'publisher', 'title', 'published_date', 'url', 'kind', 'notes']);
});

it('refuses a query on a column the release does not have, saying where it starts', async () => {
  const res = await get(`/v1/releases/${PREVIOUS}/countries.json?sort=name_fr`);
  expect(res.status).toBe(400);
  expect((await res.json<any>()).detail).toBe(
    `Release ${PREVIOUS} of countries has no column name_fr; it was added in release 1.2.0. Ask a later release, or leave name_fr out.`,
  );
  const filtered = await get(`/v1/releases/${PREVIOUS}/sources.csv?standing=primary`);
  expect(filtered.status).toBe(400);
});

it(`finds a country by its French, Spanish or Arabic name in ${LATEST}`, async () => {
  for (const q of ['espagne', 'ESPAÑA', 'إسبانيا']) {
    const { body } = await getJson(`/v1/countries.json?q=${encodeURIComponent(q)}&fields=iso2`);
    expect(body.data, q).toEqual([{ iso2: 'ES' }]);
  }
});
