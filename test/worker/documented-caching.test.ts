// What OpenAPI says about caching pinned tables and rows is what the Worker sends.
import { expect, it } from 'vitest';
import { get, getJson } from './fetch.ts';

/** The Cache-Control values a description quotes, in order. */
const quoted = (description: string) => [...description.matchAll(/`Cache-Control: ([^`]+)`/g)].map((m) => m[1]);

it('sends the Cache-Control that OpenAPI documents for pinned tables, queries and rows', async () => {
  const { body: openapi } = await getJson('/v1/openapi.json');
  const [whole, rendered] = quoted(openapi.paths['/v1/releases/{version}/cases.csv'].get.description);
  const [row] = quoted(openapi.paths['/v1/releases/{version}/cases/{case_id}.csv'].get.description);
  expect([whole, rendered, row]).toEqual(['public, max-age=31536000, immutable', 'public, max-age=300, stale-while-revalidate=86400', 'public, max-age=300, stale-while-revalidate=86400']);

  const { body: releases } = await getJson('/v1/releases');
  const version = releases.meta.latest;
  const { body: cases } = await getJson(`/v1/releases/${version}/cases.json?limit=1`);
  const id = cases.data[0].case_id;
  expect((await get(`/v1/releases/${version}/cases.csv`)).headers.get('Cache-Control')).toBe(whole);
  expect((await get(`/v1/releases/${version}/cases.csv?limit=1`)).headers.get('Cache-Control')).toBe(rendered);
  expect((await get(`/v1/releases/${version}/cases/${id}.csv`)).headers.get('Cache-Control')).toBe(row);
});
