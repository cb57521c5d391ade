// Metadata documents and the landing page: served from the release's document
// index, byte for byte as built, latest or pinned.
import { describe, expect, it } from 'vitest';
import entries from '../../.build/kv.json';
import pointer from '../../.build/pointer.json';
import { get } from './fetch.ts';
import { LATEST } from '../releases.ts';

const indexOf = (version: string) => {
  const ref = pointer.releases.find((r) => r.version === version)!.documents;
  return JSON.parse(entries.find((e) => e.key === ref.key)!.value) as Record<string, { key: string; sha256: string; contentType: string }>;
};
const builtDocument = (version: string, file: string) => entries.find((e) => e.key === indexOf(version)[file]!.key)!.value;

describe('metadata documents', () => {
  it.each([
    ['/v1/datapackage.json', 'datapackage.json', 'application/vnd.datapackage+json'],
    ['/v1/catalog.jsonld', 'catalog.jsonld', 'application/ld+json'],
    ['/v1/openapi.json', 'openapi.json', 'application/vnd.oai.openapi+json;version=3.1'],
    ['/v1/schemas/metrics.json', 'schemas/metrics.json', 'application/schema+json'],
    ['/', 'index.html', 'text/html; charset=utf-8'],
  ])('serves %s from the latest release, byte for byte as built', async (path, file, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe(type);
    expect(res.headers.get('X-Release-Version')).toBe(LATEST);
    expect(res.headers.get('ETag')).toBe(`"${indexOf(LATEST)[file]!.sha256}"`);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(await res.text()).toBe(builtDocument(LATEST, file));
  });

  it('serves a pinned release its own documents, cached like latest because a later build may regenerate them', async () => {
    const res = await get('/v1/releases/1.0.0/datapackage.json');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(builtDocument('1.0.0', 'datapackage.json'));
    expect(res.headers.get('X-Release-Version')).toBe('1.0.0');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=86400');
  });

  it('revalidates with 304', async () => {
    const etag = (await get('/v1/datapackage.json')).headers.get('ETag')!;
    const res = await get('/v1/datapackage.json', { headers: { 'If-None-Match': etag } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
  });

  it('answers 404 for a table a release does not have, and 400 for query parameters', async () => {
    const missing = await get('/v1/releases/1.0.0/schemas/discrepancies.json');
    expect(missing.status).toBe(404);
    expect((await missing.json<any>()).detail).toBe('This release has no table "discrepancies".');
    const query = await get('/v1/datapackage.json?x=1');
    expect(query.status).toBe(400);
    expect((await query.json<any>()).detail).toBe('This document takes no query parameters (got: x).');
    expect((await get('/v1/datapackage.json?_=123')).status).toBe(200);
  });

  it('never lists the internal document index in the release list', async () => {
    const body = await (await get('/v1/releases')).json<any>();
    expect(Object.keys(body.data[0]).sort()).toEqual(['date', 'hash', 'latest', 'links', 'notes', 'rows', 'title', 'version']);
  });
});

describe('landing page', () => {
  it('carries a CSP that allows only its own hashed stylesheet and a data: icon', async () => {
    const res = await get('/');
    const csp = res.headers.get('Content-Security-Policy')!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*type="application\/ld\+json")/);
  });

  it('is the same static page whatever the query string says', async () => {
    const plain = await (await get('/')).text();
    expect(await (await get('/?_=<script>alert(1)</script>')).text()).toBe(plain);
    const hostile = await get('/?q=<script>alert(1)</script>');
    expect(hostile.status).toBe(400);
    expect(await hostile.text()).not.toContain('<script>');
  });
});
