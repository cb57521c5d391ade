// Each release as a page with its notes and the changes since the one before;
// each diff as a page of added, removed and changed cells; the releases as a
// page and as an Atom feed.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { BASE, get, getJson } from './fetch.ts';
import { browse, hrefs, select } from './page-html.ts';
import { LATEST, PREVIOUS } from '../releases.ts';

describe('release pages', () => {
  it('a release: its notes, every table with its numbered links, and the count of changes since the one before', async () => {
    const { body } = await getJson(`/v1/releases/${LATEST}`);
    const { res, page } = await browse(`/v1/releases/${LATEST}`);
    expect(res.status).toBe(200);
    expect((await select(page, 'h1'))[0]!.text).toBe(`Release ${LATEST}`);
    expect(page).toContain(body.data.notes.replaceAll("'", '&#39;').replaceAll('"', '&quot;'));
    const tables = await select(page, 'main .scroll table:not(.counts) tbody th a');
    expect(tables.map((t) => t.text)).toEqual(body.data.tables.map((t: { name: string }) => t.name));
    expect(await hrefs(page, 'main a')).toEqual(expect.arrayContaining([`/v1/releases/${PREVIOUS}/diff/${LATEST}`, ...body.data.tables.map((t: { csv: { url: string } }) => t.csv.url)]));
  });

  it('a diff: each added and removed row and each changed cell, as the JSON diff has them', async () => {
    const { body } = await getJson(`/v1/releases/${PREVIOUS}/diff/${LATEST}.json`);
    const { page } = await browse(`/v1/releases/${PREVIOUS}/diff/${LATEST}`);
    const count = (change: string) => body.data.filter((c: { change: string }) => c.change === change).length;
    expect(await select(page, 'tr.added')).toHaveLength(count('added'));
    expect(await select(page, 'tr.removed')).toHaveLength(count('removed'));
    const changedCells = body.data.filter((c: { change: string }) => c.change === 'changed').reduce((n: number, c: { fields: string[] }) => n + c.fields.length, 0);
    expect(await select(page, 'tbody tr:not(.added):not(.removed) td ins')).toHaveLength(changedCells);
    const tables = (await select(page, 'table.counts tbody th a')).map((a) => a.attrs.href!.split('#')[1]);
    const cells = (await select(page, 'table.counts tbody td')).map((t) => Number(t.text));
    const shown = Object.fromEntries(tables.map((table, i) => [table, { added: cells[3 * i], removed: cells[3 * i + 1], changed: cells[3 * i + 2] }]));
    expect(shown).toEqual(body.meta.counts);
  });

  it('the releases, newest first, each with the changes since the one before', async () => {
    const { body } = await getJson('/v1/releases.json');
    const { page } = await browse('/v1/releases');
    expect((await select(page, 'main ol h2 a')).map((a) => a.text)).toEqual(body.data.map((r: { version: string }) => r.version));
    expect(await hrefs(page, 'main ol p a')).toEqual(body.data.slice(0, -1).map((r: { version: string }, i: number) => `/v1/releases/${body.data[i + 1].version}/diff/${r.version}`));
  });

  it('an Atom feed with an entry per release, absolute ids and links, and the contact for corrections', async () => {
    const res = await get('/v1/releases.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    const feed = await res.text();
    const { body } = await getJson('/v1/releases.json');
    const ids = [...feed.matchAll(/<entry>\n<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toEqual(body.data.map((r: { version: string }) => `${BASE}/v1/releases/${r.version}`));
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${BASE}/v1/releases.atom"/>`);
    expect(feed).toContain(`<updated>${body.data[0].date}T00:00:00Z</updated>`);
    expect(feed).toContain(`<email>${env.CONTACT_EMAIL}</email>`);
    expect(feed).toContain(`<link rel="alternate" type="text/html" href="${BASE}/v1/releases/${LATEST}.html"/>`);
    expect(feed).toContain(`<link rel="related" type="application/json" href="${BASE}/v1/releases/${LATEST}.json"/>`);
    expect((await get('/v1/releases.atom?x=1')).status).toBe(400);
  });

  it("links a release page's JSON to the JSON, which answers whatever else the Accept says", async () => {
    const { page } = await browse(`/v1/releases/${LATEST}`);
    expect(await hrefs(page, 'main p a')).toContain(`/v1/releases/${LATEST}.json`);
    const json = await get(`/v1/releases/${LATEST}.json`, { headers: { Accept: 'text/html' } });
    expect(json.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    const plain = await get(`/v1/releases/${LATEST}`, { headers: { Accept: 'text/plain' } });
    expect([plain.status, plain.headers.get('Content-Type')]).toEqual([200, 'application/json; charset=utf-8']);
  });

  it('gives a browser the data of a comparison that has no page (not from one release to the next)', async () => {
    const res = await get(`/v1/releases/1.0.0/diff/${LATEST}`, { headers: { Accept: 'text/html,*/*;q=0.8' } });
    expect([res.status, res.headers.get('Content-Type'), res.headers.get('Vary')]).toEqual([200, 'application/json; charset=utf-8', 'Accept, Accept-Encoding']);
    expect((await get(`/v1/releases/1.0.0/diff/${LATEST}.html`)).status).toBe(404);
  });

  it('links the old value of a changed cell into the earlier release and the new into the later', async () => {
    const { page } = await browse(`/v1/releases/${PREVIOUS}/diff/${LATEST}`);
    const before = await hrefs(page, 'td del a');
    const after = await hrefs(page, 'td ins a');
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((h) => h.startsWith('/v1/')).every((h) => h.startsWith(`/v1/releases/${PREVIOUS}/`))).toBe(true);
    expect(after.filter((h) => h.startsWith('/v1/')).every((h) => h.startsWith(`/v1/releases/${LATEST}/`))).toBe(true);
  });
});
