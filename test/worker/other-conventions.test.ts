// What users of other APIs try first gets an answer that says what to use here:
// Datasette's _size and _sort, Socrata's $limit, Rails' page and per_page, a
// format parameter, a column name as a filter, an uppercase or unknown suffix.
import { expect, it } from 'vitest';
import { get } from './fetch.ts';

const reason = async (path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(400);
  return (await res.json<any>()).invalid_params[0].reason as string;
};

it.each([
  ['format=csv', 'unknown parameter for metrics.json: add .csv or .json to the path (or send an Accept header) instead of format='],
  ['_format=csv', 'unknown parameter for metrics.json: add .csv or .json to the path instead of _format='],
  ['page=2', 'unknown parameter for metrics.json: page with limit and offset (offset = (page - 1) × limit)'],
  ['per_page=10', 'unknown parameter for metrics.json: use limit for the page size'],
  ['_size=10', 'unknown parameter for metrics.json: use limit for the page size'],
  ['_sort=value', 'unknown parameter for metrics.json: use sort=column (and -column for descending)'],
  ['%24limit=10', 'unknown parameter for metrics.json: use limit'],
  ['operation_id=liberterra-iii', 'unknown parameter for metrics.json: filter operation_id with operation='],
  ['value=286', 'unknown parameter for metrics.json: value is a column, but no filter; use fields=value or sort=value'],
])('%s says what to use here', async (query, expected) => {
  expect(await reason(`/v1/metrics.json?${query}`)).toBe(expected);
});

it('names the parameter a column filters under: iso2 is country', async () => {
  expect(await reason('/v1/country_roles.json?iso2=ES')).toBe('unknown parameter for country_roles.json: filter iso2 with country=');
});

it('takes an uppercase suffix as the format it names', async () => {
  const res = await get('/v1/metrics.CSV');
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
});

it.each([
  ['tsv', 'tab-separated values are not offered: use .csv'],
  ['xlsx', 'spreadsheets open .csv directly (or use =IMPORTDATA in Google Sheets): use .csv'],
  ['parquet', 'use .csv or .json'],
])('blames an unknown suffix (.%s), not the table name', async (suffix, hint) => {
  const res = await get(`/v1/metrics.${suffix}`);
  expect(res.status).toBe(404);
  expect((await res.json<any>()).detail).toBe(`metrics is served as /v1/metrics.csv or .json; .${suffix} is not offered (${hint}).`);
});
