// Format: the URL suffix decides; without one, the Accept header, JSON by default.
import { describe, expect, it } from 'vitest';
import { get } from './fetch.ts';

const type = async (path: string, accept?: string) =>
  (await get(path, accept ? { headers: { Accept: accept } } : {})).headers.get('Content-Type');

describe('content negotiation', () => {
  it('defaults to JSON', async () => {
    expect(await type('/v1/metrics')).toBe('application/json; charset=utf-8');
  });
  it('serves CSV to Accept: text/csv', async () => {
    expect(await type('/v1/metrics', 'text/csv')).toBe('text/csv; charset=utf-8; header=present');
  });
  it('honours q-values', async () => {
    expect(await type('/v1/metrics', 'application/json;q=0.5, text/csv;q=0.9')).toBe('text/csv; charset=utf-8; header=present');
  });
  it('takes a browser Accept (text/html first, */* lower) as a page (test/worker/page-negotiation.test.ts)', async () => {
    expect(await type('/v1/metrics', 'text/html,application/xhtml+xml,*/*;q=0.8')).toBe('text/html; charset=utf-8');
  });
  it('lets the suffix win over Accept', async () => {
    expect(await type('/v1/metrics.json', 'text/csv')).toBe('application/json; charset=utf-8');
  });
  it('varies on Accept only where the URL has no suffix, and on Accept-Encoding everywhere: stored bodies are pre-compressed, rendered ones the edge may compress', async () => {
    expect((await get('/v1/metrics')).headers.get('Vary')).toBe('Accept, Accept-Encoding');
    expect((await get('/v1/metrics.csv')).headers.get('Vary')).toBe('Accept-Encoding');
    expect((await get('/v1/metrics.csv?operation=liberterra-iii')).headers.get('Vary')).toBe('Accept-Encoding');
    for (const path of ['/v1', '/v1/releases.json', '/v1/operations/liberterra-iii.json', '/v1/cases.json?limit=1']) {
      expect((await get(path)).headers.get('Vary'), path).toBe('Accept-Encoding');
    }
  });
  it('takes q=0 as "not this one", even when a wildcard would match it (RFC 9110)', async () => {
    expect(await type('/v1/metrics', 'application/json;q=0, */*')).toBe('text/csv; charset=utf-8; header=present');
    expect(await type('/v1/metrics', 'text/csv;q=0, */*;q=0.5')).toBe('application/json; charset=utf-8');
    // With JSON and CSV refused, the wildcard still takes the table's page.
    expect(await type('/v1/metrics', 'application/json;q=0, text/csv;q=0, */*')).toBe('text/html; charset=utf-8');
    const refused = await get('/v1/metrics', { headers: { Accept: 'application/json;q=0, text/csv;q=0, text/html;q=0, */*' } });
    expect(refused.status).toBe(406);
    expect((await refused.json<any>()).available).toEqual(['application/json', 'text/csv', 'text/html']);
  });
  it('reads a weight above 1 as 1, the most a client can give', async () => {
    expect(await type('/v1/metrics', 'text/csv, text/*;q=1.001')).toBe('text/csv; charset=utf-8; header=present');
  });
  it('answers 406 with the available types for an Accept it cannot serve', async () => {
    const res = await get('/v1/metrics', { headers: { Accept: 'application/xml' } });
    expect(res.status).toBe(406);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    const body = await res.json<any>();
    expect(body.available).toEqual(['application/json', 'text/csv', 'text/html']);
    expect(body.detail).toBe('This resource is available as application/json, text/csv or text/html; add .json, .csv or .html to the URL, or send a matching Accept header.');
  });
});
