// One error shape everywhere: RFC 9457 problem+json, no stack traces.
import { describe, expect, it } from 'vitest';
import { get } from './fetch.ts';

describe('errors', () => {
  it('are problem+json with type, title, status, detail and instance', async () => {
    const res = await get('/v1/nowhere/at/all');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Nothing lives at /v1/nowhere/at/all. Start at / or /v1.',
      instance: '/v1/nowhere/at/all',
    });
  });

  it('name the tables when a table is unknown', async () => {
    const body = await (await get('/v1/victims.csv')).json<any>();
    expect(body.detail).toBe(
      'There is no table "victims". Tables: operations, metrics, partners, countries, country_roles, cases, case_countries, case_figures, findings, discrepancies, sources.',
    );
  });

  it('answer writes with 405 and Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await get('/v1/metrics', { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    }
  });

  it('refuse broken percent-encoding in a row id with 400', async () => {
    expect((await get('/v1/cases/%E0%A4%A')).status).toBe(400);
  });

  it('carry nosniff and a tight CSP', async () => {
    const res = await get('/v1/nowhere');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('quote the request with markup characters escaped, so no tag is ever echoed', async () => {
    const res = await get('/v1/datapackage.json?%3Cscript%3Ealert(1)%3C/script%3E=1');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text).detail).toBe('This document takes no query parameters (got: <script>alert(1)</script>).');
    const path = await (await get('/%3Cimg%20src=x%3E&')).text();
    expect(path).not.toMatch(/[<>&]/);
    expect(JSON.parse(path).instance).toBe('/%3Cimg%20src=x%3E&');
  });

  it('answer an unknown format suffix with 404, never a silent fallback', async () => {
    const releases = await get('/v1/releases.xml');
    expect(releases.status).toBe(404);
    expect((await releases.json<any>()).detail).toBe('Nothing lives at /v1/releases.xml. Releases are listed at /v1/releases, /v1/releases.json, /v1/releases.csv and as a feed at /v1/releases.atom.');
    const schema = await get('/v1/schemas/metrics.csv');
    expect(schema.status).toBe(404);
    expect((await schema.json<any>()).detail).toBe('Schemas are JSON: /v1/schemas/metrics.json.');
  });
});
