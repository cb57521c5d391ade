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
  it('takes a browser Accept (text/html, */*) as JSON', async () => {
    expect(await type('/v1/metrics', 'text/html,application/xhtml+xml,*/*;q=0.8')).toBe('application/json; charset=utf-8');
  });
  it('lets the suffix win over Accept', async () => {
    expect(await type('/v1/metrics.json', 'text/csv')).toBe('application/json; charset=utf-8');
  });
  it('varies on Accept only where the URL has no suffix, and on Accept-Encoding where bodies are pre-compressed', async () => {
    expect((await get('/v1/metrics')).headers.get('Vary')).toBe('Accept, Accept-Encoding');
    expect((await get('/v1/metrics.csv')).headers.get('Vary')).toBe('Accept-Encoding');
    expect((await get('/v1/metrics.csv?operation=liberterra-iii')).headers.get('Vary')).toBeNull();
  });
  it('answers 406 with the available types for an Accept it cannot serve', async () => {
    const res = await get('/v1/metrics', { headers: { Accept: 'application/xml' } });
    expect(res.status).toBe(406);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    const body = await res.json<any>();
    expect(body.available).toEqual(['application/json', 'text/csv']);
  });
});
