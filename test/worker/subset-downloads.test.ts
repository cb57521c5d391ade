// A download of a subset says so: its file name and Content-Location carry the
// query, so a saved filtered CSV is not mistaken for the whole table.
import { expect, it } from 'vitest';
import { LATEST } from '../releases.ts';
import { get } from './fetch.ts';

it('names a filtered CSV after its query', async () => {
  const res = await get('/v1/metrics.csv?operation=liberterra-iii&metric=arrests');
  expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="liberterra-metrics-${LATEST}-operation-liberterra-iii_metric-arrests.csv"`);
});

it('points Content-Location at the pinned URL of the same query, less the cache-buster', async () => {
  const res = await get('/v1/metrics.csv?operation=liberterra-iii&_=123&limit=2');
  expect(res.headers.get('Content-Location')).toBe(`/v1/releases/${LATEST}/metrics.csv?operation=liberterra-iii&limit=2`);
});

it('keeps the whole table\'s name and location for the whole table', async () => {
  const res = await get('/v1/metrics.csv?_=1');
  expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="liberterra-metrics-${LATEST}.csv"`);
  expect(res.headers.get('Content-Location')).toBe(`/v1/releases/${LATEST}/metrics.csv`);
});

it('writes only file-name characters, and cuts a long query with a hash of it', async () => {
  const res = await get(`/v1/cases.csv?q=${encodeURIComponent('"côte d\'ivoire" / «raid»')}`);
  expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="liberterra-cases-${LATEST}-q-cote-d-ivoire-raid.csv"`);
  const long = await get(`/v1/cases.csv?q=${'trafficking '.repeat(12).trim()}`);
  const name = /filename="([^"]+)"/.exec(long.headers.get('Content-Disposition')!)![1]!;
  expect(name).toMatch(new RegExp(`^liberterra-cases-${LATEST.replaceAll('.', '\\.')}-q-trafficking-trafficking[a-z-]*-[0-9a-f]{8}\\.csv$`));
  expect(name.length).toBe(`liberterra-cases-${LATEST}-`.length + 80 + '.csv'.length);
  const other = await get(`/v1/cases.csv?q=${'trafficking '.repeat(13).trim()}`);
  expect(other.headers.get('Content-Disposition')).not.toBe(long.headers.get('Content-Disposition'));
});

it('sends no file name with JSON, where a browser shows the answer', async () => {
  const res = await get('/v1/metrics.json?operation=liberterra-iii');
  expect(res.headers.get('Content-Disposition')).toBeNull();
  expect(res.headers.get('Content-Location')).toBe(`/v1/releases/${LATEST}/metrics.json?operation=liberterra-iii`);
});
