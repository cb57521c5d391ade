// /v1/{table}/{id}: one row, or 404.
import { describe, expect, it } from 'vitest';
import { get, getJson } from './fetch.ts';
import { LATEST } from '../releases.ts';

describe('single rows', () => {
  it('returns one operation with its links', async () => {
    const { res, body } = await getJson('/v1/operations/liberterra-iii');
    expect(res.status).toBe(200);
    expect(body.data.participant_count).toBe(119);
    expect(body.meta.links).toEqual({
      self: `/v1/releases/${LATEST}/operations/liberterra-iii`,
      table: `/v1/releases/${LATEST}/operations.json`,
      schema: `/v1/releases/${LATEST}/schemas/operations.json`,
      latest: '/v1/operations/liberterra-iii',
    });
    expect(res.headers.get('Content-Location')).toBe(`/v1/releases/${LATEST}/operations/liberterra-iii`);
  });

  it('finds a country by ISO code in any case', async () => {
    const { body } = await getJson('/v1/countries/tc');
    expect(body.data).toEqual({
      iso2: 'TC',
      iso3: 'TCA',
      m49: '796',
      name: 'Turks and Caicos Islands',
      name_fr: 'Îles Turques-et-Caïques',
      name_es: 'Islas Turcas y Caicos',
      name_ar: 'جزر توركس وكايكوس',
      region: 'Americas',
      subregion: 'Latin America and the Caribbean',
      intermediate_region: 'Caribbean',
    });
  });

  it('returns a case as CSV', async () => {
    const res = await get('/v1/cases/l3-algeria-inflatable-boat.csv');
    const [header, row, end] = (await res.text()).split('\r\n');
    expect(header).toBe('case_id,operation_id,title,category,countries,linked_countries,summary,source_ids');
    expect(row!.startsWith('l3-algeria-inflatable-boat,liberterra-iii,')).toBe(true);
    expect(end).toBe('');
  });

  it('works pinned to a release', async () => {
    const { body } = await getJson('/v1/releases/1.0.0/operations/liberterra-ii');
    expect(body.data.source_ids).toEqual(['interpol-2024-11-06', 'liberterra-ii-article-undated']);
  });

  it('answers 404 for an absent row', async () => {
    const res = await get('/v1/cases/no-such-case');
    expect(res.status).toBe(404);
    expect((await res.json<any>()).detail).toBe(`Release ${LATEST} has no cases row with case_id "no-such-case".`);
  });

  it('answers 404 for a row that exists only in a later release', async () => {
    expect((await get('/v1/releases/1.0.0/operations/liberterra-i')).status).toBe(404);
  });

  it('answers 404 where a table has no row URLs', async () => {
    expect((await get('/v1/metrics/arrests')).status).toBe(404);
  });
});
