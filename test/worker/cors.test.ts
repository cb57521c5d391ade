// CORS on every response, errors included, with status codes kept.
import { describe, expect, it } from 'vitest';
import { get } from './fetch.ts';

const EXPOSED = 'ETag, Link, Last-Modified, Content-Disposition, Content-Location, Retry-After, X-Total-Count, X-Release-Version, X-Query-Resolved';

describe('CORS', () => {
  it.each([
    ['/v1/metrics.csv', 'GET', 200],
    ['/v1/no-such-table', 'GET', 404],
    ['/v1/metrics?colour=red', 'GET', 400],
    ['/v1/metrics', 'POST', 405],
    ['/nowhere', 'GET', 404],
  ])('%s (%s) keeps status %i and allows any origin', async (path, method, status) => {
    const res = await get(path, { method, headers: { Origin: 'https://example.org' } });
    expect(res.status).toBe(status);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Expose-Headers')).toBe(EXPOSED);
  });

  it('answers a preflight', async () => {
    const res = await get('/v1/metrics.csv', {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET, HEAD, OPTIONS');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});
