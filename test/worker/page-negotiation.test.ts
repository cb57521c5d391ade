// Who gets a page: `.html`, or an Accept that weighs text/html above JSON and
// CSV, as every browser's does. Suffixed data URLs and API clients are unaffected.
import { describe, expect, it } from 'vitest';
import { get } from './fetch.ts';
import { BROWSER_ACCEPT } from './page-html.ts';
import { LATEST } from '../releases.ts';

const PAGE = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const type = async (path: string, accept?: string) => (await get(path, accept === undefined ? {} : { headers: { Accept: accept } })).headers.get('Content-Type');

describe('pages by negotiation', () => {
  it('gives a browser a page at every table, row and release URL without a suffix', async () => {
    for (const path of ['/v1/metrics', `/v1/releases/${LATEST}/metrics`, '/v1/operations/liberterra-iii', '/v1/releases', `/v1/releases/${LATEST}`, `/v1/releases/1.1.0/diff/${LATEST}`]) {
      expect(await type(path, BROWSER_ACCEPT), path).toBe(PAGE);
    }
  });

  it('gives a page for .html whatever the Accept', async () => {
    for (const path of ['/v1/metrics.html', '/v1/operations/liberterra-iii.html', '/v1/releases.html', `/v1/releases/${LATEST}.html`, `/v1/releases/1.1.0/diff/${LATEST}.html`]) {
      expect(await type(path, 'application/json'), path).toBe(PAGE);
    }
  });

  it('keeps .csv and .json as data for a browser too', async () => {
    expect(await type('/v1/metrics.json', BROWSER_ACCEPT)).toBe(JSON_TYPE);
    expect(await type('/v1/metrics.csv?operation=liberterra-i', BROWSER_ACCEPT)).toBe('text/csv; charset=utf-8; header=present');
    expect(await type('/v1/operations/liberterra-iii.json', BROWSER_ACCEPT)).toBe(JSON_TYPE);
  });

  it('gives API clients JSON: no Accept (pandas, R), */* (curl), JSON first, or HTML weighed lower', async () => {
    for (const accept of [undefined, '*/*', 'application/json, text/html', 'text/html;q=0.5, application/json', 'text/*, application/json']) {
      expect(await type('/v1/metrics', accept), String(accept)).toBe(JSON_TYPE);
    }
  });

  it('takes HTML and JSON at the same weight as JSON, HTML before a wildcard as a page', async () => {
    expect(await type('/v1/metrics', 'text/html, application/json')).toBe(JSON_TYPE);
    expect(await type('/v1/metrics', 'text/html, */*')).toBe(PAGE);
  });

  it('varies on Accept where the page was negotiated, not where the suffix named it', async () => {
    expect((await get('/v1/metrics', { headers: { Accept: BROWSER_ACCEPT } })).headers.get('Vary')).toBe('Accept, Accept-Encoding');
    expect((await get('/v1/metrics.html')).headers.get('Vary')).toBe('Accept-Encoding');
    expect((await get(`/v1/releases/${LATEST}`)).headers.get('Vary')).toBe('Accept, Accept-Encoding');
  });
});
