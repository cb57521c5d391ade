// What pandas, R and notebooks receive: the envelope and the bare array.
import { describe, expect, it } from 'vitest';
import { get, getJson } from './fetch.ts';
import { LATEST, LATEST_DATE } from '../releases.ts';

describe('JSON', () => {
  it('wraps rows in { data, meta } with version, licence, citation, counts and links', async () => {
    const { res, body } = await getJson('/v1/operations.json');
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(body.data.map((r: any) => r.operation_id)).toEqual(['liberterra-i', 'liberterra-ii', 'liberterra-iii']);
    expect(body.meta).toEqual({
      table: 'operations',
      version: LATEST,
      released: LATEST_DATE,
      rows: 3,
      total: 3,
      offset: 0,
      limit: null,
      licence: { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International', url: 'https://creativecommons.org/licenses/by/4.0/' },
      citation:
        `Liberterra Open Data, version ${LATEST} (${LATEST_DATE}). Figures compiled from INTERPOL press releases and news reports listed in the sources table. Licensed CC-BY-4.0.`,
      links: {
        self: `/v1/releases/${LATEST}/operations.json`,
        csv: `/v1/releases/${LATEST}/operations.csv`,
        schema: `/v1/releases/${LATEST}/schemas/operations.json`,
        next: null,
        latest: '/v1/operations.json',
      },
    });
  });

  it('types cells: numbers are numbers, dates ISO 8601, lists arrays, missing values null', async () => {
    const { body } = await getJson('/v1/operations.json');
    const iii = body.data.find((r: any) => r.operation_id === 'liberterra-iii');
    expect(iii.participant_count).toBe(119);
    expect(iii.start_date).toBe('2025-11-10');
    expect(iii.source_ids).toEqual(['interpol-2026-01-26', 'migrant-affairs-2026-01-26', 'news-summary-2026-01-26', 'global-operation-article-undated']);
    const i = body.data.find((r: any) => r.operation_id === 'liberterra-i');
    expect(i.announced_from).toBeNull();
  });

  it('gives a qualified figure as number plus qualifier', async () => {
    const { body } = await getJson('/v1/metrics.json?operation=liberterra-iii&metric=arrests_trafficking_smuggling&fields=value,qualifier,unit');
    expect(body.data).toEqual([{ value: 1800, qualifier: 'more_than', unit: 'arrests' }]);
  });

  it('links the CSV form of the query without shape, however its name was encoded, and that link answers', async () => {
    const { body } = await getJson('/v1/metrics.json?%73hape=envelope&operation=liberterra-i');
    expect(body.meta.links.csv).toBe('/v1/metrics.csv?operation=liberterra-i');
    expect((await get(body.meta.links.csv)).status).toBe(200);
  });

  it('returns a bare array with shape=array, for pandas.read_json(url)', async () => {
    const { body } = await getJson('/v1/metrics.json?shape=array&operation=liberterra-i&fields=metric,value');
    expect(body).toEqual([
      { metric: 'victims_safeguarded', value: 430 },
      { metric: 'irregular_migrants_detected', value: 4000 },
      { metric: 'migrant_nationalities', value: 74 },
      { metric: 'arrests', value: 286 },
      { metric: 'investigations_opened', value: 60 },
      { metric: 'criminal_groups_dismantled', value: 22 },
      { metric: 'inspections', value: 500000 },
    ]);
  });

  it('returns the whole table as a bare array too', async () => {
    const { body } = await getJson('/v1/operations.json?shape=array');
    expect(body).toHaveLength(3);
    expect(Object.keys(body[0])).toEqual([
      'operation_id', 'name', 'edition', 'organiser', 'start_date', 'end_date', 'announced_date', 'announced_from', 'participant_count', 'notes', 'source_ids',
    ]);
  });
});
