// Filters, search, sort, column selection and paging.
import { describe, expect, it } from 'vitest';
import { get, getJson } from './fetch.ts';

const ids = async (path: string, key: string) => (await getJson(path)).body.data.map((r: any) => r[key]);

describe('filters', () => {
  it('match exactly, several values comma-separated', async () => {
    expect(await ids('/v1/operations?fields=operation_id&sort=operation_id', 'operation_id')).toEqual(['liberterra-i', 'liberterra-ii', 'liberterra-iii']);
    const metrics = await ids('/v1/metrics?operation=liberterra-i,liberterra-ii&metric=arrests', 'operation_id');
    expect(metrics).toEqual(['liberterra-i', 'liberterra-ii']);
  });
  it('match any item of a list column, case-insensitively', async () => {
    expect(await ids('/v1/cases?country=dz', 'case_id')).toEqual(['l1-algeria-maritime-smuggling-group', 'l2-algeria-smuggling-money-laundering', 'l3-further-sea-interceptions', 'l3-algeria-inflatable-boat']);
  });
  it('take a value with a comma in double quotes, as a CSV line would', async () => {
    const publisher = encodeURIComponent('"Ministry of National Security, Trinidad and Tobago",interpol');
    expect(await ids(`/v1/sources?publisher=${publisher}&fields=source_id&sort=source_id`, 'source_id')).toEqual([
      ...(await ids('/v1/sources?publisher=interpol&fields=source_id&sort=source_id', 'source_id')),
      'tt-ministry-national-security-undated',
    ].sort());
  });
  it('filter countries by UN M49 region', async () => {
    // No country of the data is in Oceania: a 400 that says so, not an empty answer.
    const oceania = await get('/v1/countries?region=Oceania');
    expect(oceania.status).toBe(400);
    expect((await oceania.json<any>()).invalid_params[0].name).toBe('region');
    const europe = await ids('/v1/countries?subregion=Northern%20Europe&fields=iso2&sort=iso2', 'iso2');
    expect(europe).toEqual(['GB', 'IE', 'LV', 'SE']);
  });
});

describe('search', () => {
  it('is case- and accent-insensitive: "cote" finds Côte d\'Ivoire', async () => {
    expect(await ids('/v1/cases?q=COTE', 'case_id')).toEqual(['l3-west-central-africa-pyramid-networks']);
    expect(await ids('/v1/countries?q=cote&fields=iso2', 'iso2')).toEqual(['CI']);
  });
  it('is width-insensitive too (NFKD): fullwidth "ＣＯＴＥ" finds the same', async () => {
    expect(await ids(`/v1/countries?q=${encodeURIComponent('ＣＯＴＥ')}&fields=iso2`, 'iso2')).toEqual(['CI']);
  });
  it('takes "^" as a character, and refuses a query of marks alone, which would match every row', async () => {
    expect((await getJson('/v1/cases?q=%5E')).body.meta.total).toBe(0);
    const res = await get(`/v1/cases?q=${encodeURIComponent('\u0301\u0302')}`);
    expect(res.status).toBe(400);
    expect((await res.json<any>()).invalid_params[0]).toMatchObject({ name: 'q', reason: 'must hold a letter, digit or sign, not only accents or marks' });
  });
});

describe('sort and fields', () => {
  it('sorts by several columns, "-" for descending', async () => {
    const values = await ids('/v1/metrics?metric=arrests&sort=-value&fields=value', 'value');
    expect(values).toEqual([3744, 2517, 286]);
  });
  it('selects and orders columns', async () => {
    const res = await get('/v1/operations.csv?fields=participant_count,operation_id&sort=-participant_count');
    expect(await res.text()).toBe('participant_count,operation_id\r\n119,liberterra-iii\r\n116,liberterra-ii\r\n47,liberterra-i\r\n');
  });
});

describe('paging', () => {
  it('gives a total, Link relations and a next link', async () => {
    const { res, body } = await getJson('/v1/metrics?limit=5&offset=5&fields=metric');
    expect(res.headers.get('X-Total-Count')).toBe('20');
    expect(body.meta).toMatchObject({ rows: 5, total: 20, offset: 5, limit: 5 });
    expect(body.meta.links.next).toBe('/v1/metrics?limit=5&offset=10&fields=metric');
    const link = res.headers.get('Link')!;
    expect(link).toContain('</v1/metrics?limit=5&offset=10&fields=metric>; rel="next"');
    expect(link).toContain('</v1/metrics?limit=5&offset=0&fields=metric>; rel="prev"');
    expect(link).toContain('</v1/metrics?limit=5&offset=0&fields=metric>; rel="first"');
    expect(link).toContain('</v1/metrics?limit=5&offset=15&fields=metric>; rel="last"');
  });
  it('has no next link on the last page', async () => {
    const { body } = await getJson('/v1/metrics?limit=5&offset=15');
    expect(body.meta.links.next).toBeNull();
  });
});

describe('bad parameters', () => {
  it('refuse an unknown parameter, naming it and listing what is allowed', async () => {
    const res = await get('/v1/metrics?colour=red');
    expect(res.status).toBe(400);
    const body = await res.json<any>();
    expect(body.detail).toBe('Invalid query parameter: colour.');
    expect(body.invalid_params[0].name).toBe('colour');
    expect(body.invalid_params[0].allowed).toEqual(['fields', 'sort', 'limit', 'offset', 'q', 'value_gt', 'value_gte', 'value_lt', 'value_lte', 'facet', 'shape', 'labels', 'operation', 'metric', 'qualifier', '_']);
  });
  it('refuse a value outside a vocabulary, listing the vocabulary', async () => {
    const body = await (await get('/v1/metrics?qualifier=roughly')).json<any>();
    expect(body.status).toBe(400);
    expect(body.invalid_params[0].name).toBe('qualifier');
    expect(body.invalid_params[0].allowed).toEqual(['exact', 'more_than', 'at_least', 'approximately', 'nearly']);
  });
  it('refuse a limit out of range and a negative offset', async () => {
    const body = await (await get('/v1/metrics?limit=10001&offset=-1')).json<any>();
    expect(body.invalid_params.map((p: any) => p.name)).toEqual(['limit', 'offset']);
    expect(body.invalid_params[0].allowed).toBe('integer from 0 to 10000');
  });
  it('refuse an unknown column in fields or sort', async () => {
    const body = await (await get('/v1/metrics?fields=metric,colour&sort=-size')).json<any>();
    expect(body.invalid_params.map((p: any) => p.name)).toEqual(['fields', 'sort']);
  });
  it('refuse a quoted value that is not closed, or has more after its closing quote', async () => {
    for (const value of ['"Ministry of National Security, Trinidad', '"interpol"x']) {
      const body = await (await get(`/v1/sources?publisher=${encodeURIComponent(value)}`)).json<any>();
      expect(body.status).toBe(400);
      expect(body.invalid_params[0]).toEqual({
        name: 'publisher',
        reason: 'a value in double quotes must end with a quote, then a comma or nothing',
        allowed: 'comma-separated exact values; one that holds a comma in double quotes',
      });
    }
  });
  it('take a list given several times (as requests and httr send one) as its values together, and refuse other repeats', async () => {
    const together = await get('/v1/metrics.csv?metric=arrests,inspections');
    const repeated = await get('/v1/metrics.csv?metric=arrests&metric=inspections');
    expect(await repeated.text()).toBe(await together.text());
    const body = await (await get('/v1/metrics?limit=1&limit=2')).json<any>();
    expect(body.invalid_params[0]).toMatchObject({ name: 'limit', reason: 'given 2 times; give it once' });
  });
  it('take the list delimiter the CSV uses, ";", as well as ","', async () => {
    expect(await ids('/v1/cases?country=BJ;BF&fields=case_id', 'case_id')).toEqual(await ids('/v1/cases?country=BJ,BF&fields=case_id', 'case_id'));
    expect(await ids('/v1/cases?country=BJ;BF&fields=case_id', 'case_id')).toContain('l3-west-central-africa-pyramid-networks');
  });
  it('refuse format-specific parameters on the other format', async () => {
    expect((await get('/v1/metrics.csv?shape=array')).status).toBe(400);
    expect((await get('/v1/metrics.json?bom=1')).status).toBe(400);
  });
  it('ignore the documented cache-buster "_"', async () => {
    const plain = await get('/v1/metrics.csv');
    const busted = await get('/v1/metrics.csv?_=1732350000');
    expect(busted.status).toBe(200);
    expect(await busted.text()).toBe(await plain.text());
  });
});
