// Security review, as tests: read-only, tight headers, no version leaks, size limits.
import { describe, expect, it } from 'vitest';
import { MAX_HEADER_BYTES, MAX_URL_LENGTH } from '../../src/worker/http/limits.ts';
import { get } from './fetch.ts';

const PATHS = ['/', '/v1', '/v1/metrics.csv', '/v1/metrics.json?operation=liberterra-iii', '/v1/datapackage.json', '/v1/nowhere'];

describe('security', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('has no write endpoint: %s is 405 everywhere', async (method) => {
    for (const path of PATHS) {
      const res = await get(path, { method, body: method === 'DELETE' ? undefined : 'x' });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    }
  });

  it('sets nosniff, a CSP and Referrer-Policy on every response, and names no server or framework', async () => {
    for (const path of PATHS) {
      const res = await get(path);
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(res.headers.get('Content-Security-Policy'), path).toMatch(/^default-src 'none'/);
      expect(res.headers.get('Referrer-Policy'), path).toBe('no-referrer');
      for (const leak of ['Server', 'X-Powered-By', 'X-AspNet-Version', 'Via']) expect(res.headers.get(leak), `${path} ${leak}`).toBeNull();
    }
  });

  it(`answers a URL longer than ${MAX_URL_LENGTH} characters with 414 problem+json`, async () => {
    const res = await get(`/v1/metrics.json?q=${'a'.repeat(MAX_URL_LENGTH)}`);
    expect(res.status).toBe(414);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect((await res.json<any>()).title).toBe('URI Too Long');
  });

  it(`answers more than ${MAX_HEADER_BYTES} bytes of headers with 431 problem+json`, async () => {
    const res = await get('/v1/metrics.csv', { headers: { 'X-Padding': 'a'.repeat(MAX_HEADER_BYTES) } });
    expect(res.status).toBe(431);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect((await res.json<any>()).title).toBe('Request Header Fields Too Large');
  });

  it('serves a URL just under the limit normally', async () => {
    const path = '/v1/metrics.json?_=';
    const res = await get(`${path}${'a'.repeat(MAX_URL_LENGTH - 'http://api.test'.length - path.length)}`);
    expect(res.status).toBe(200);
  });
});
