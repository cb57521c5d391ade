// Every request's work and every answer's size are bounded by structure, not by
// timing: sort keys are unique and at most the table's columns, headers stay
// within what the Worker itself accepts, and error bodies name a bounded number
// of parameters. A cache-buster shares the answer it would otherwise bypass.
import { expect, it } from 'vitest';
import { MAX_LINK_HEADER } from '../../src/worker/http/respond.ts';
import { MAX_HEADER_BYTES } from '../../src/worker/http/limits.ts';
import { get, getJson } from './fetch.ts';

it('refuses a column sorted twice, in either direction', async () => {
  const res = await get('/v1/cases.json?sort=countries,-countries');
  expect(res.status).toBe(400);
  expect((await res.json<any>()).invalid_params[0]).toMatchObject({ name: 'sort', reason: 'name each column at most once' });
});

it('refuses more sort keys than the table has columns, and relevance', async () => {
  const res = await get(`/v1/cases.json?sort=${Array.from({ length: 10 }, () => 'title').join(',')}`);
  expect(res.status).toBe(400);
  expect((await res.json<any>()).invalid_params[0]).toMatchObject({ name: 'sort', reason: 'give at most 9 values' });
});

it('answers a cache-busted URL as the plain one, links included', async () => {
  const plain = await get('/v1/cases.json?limit=2');
  const busted = await get('/v1/cases.json?limit=2&_=1733140000');
  expect(busted.headers.get('ETag')).toBe(plain.headers.get('ETag'));
  expect(busted.headers.get('Link')).toBe(plain.headers.get('Link'));
  expect(await busted.text()).toBe(await plain.text());
});

it('keeps page links as sent, without re-encoding commas, and the header block within the request limit', async () => {
  const res = await get('/v1/cases.csv?category=migrant_smuggling,forced_labour&limit=2');
  const link = res.headers.get('Link')!;
  expect(link).toContain('</v1/cases.csv?category=migrant_smuggling,forced_labour&limit=2&offset=2>; rel="next"');
  // A long query (one real publisher, percent-encoded, given 100 times): four page links
  // of it would pass the bound, so they are left out, the rest kept.
  const pair = `publisher=${[...'INTERPOL'].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('')}`;
  const long = await get(`/v1/sources.json?${Array.from({ length: 100 }, () => pair).join('&')}&limit=1`);
  expect(long.status).toBe(200);
  const header = long.headers.get('Link')!;
  expect(header.length).toBeLessThanOrEqual(MAX_LINK_HEADER);
  expect(header).toContain('rel="describedby"');
  let bytes = 0;
  for (const [name, value] of long.headers) bytes += name.length + value.length + 4;
  expect(bytes).toBeLessThan(MAX_HEADER_BYTES);
});

it('names at most 20 invalid parameters, and says how many more there were', async () => {
  const query = Array.from({ length: 300 }, (_, i) => `bad${i}=1`).join('&');
  const res = await get(`/v1/metrics.json?${query}`);
  expect(res.status).toBe(400);
  const body = await res.json<any>();
  expect(body.invalid_params).toHaveLength(20);
  expect(body.detail).toBe(`Invalid query parameters: ${Array.from({ length: 20 }, (_, i) => `bad${i}`).join(', ')}, and 280 more.`);
  const { body: resource } = await getJson(`/v1/releases?${query}`);
  expect(resource.detail.endsWith(', and 280 more).')).toBe(true);
});
