// The table, row and release pages in Debian's Chromium, from the shipped
// bundle: every table page, a filtered and faceted page, a row page of every
// table with row URLs, a release and a diff page. Clicking a facet and a sort
// head changes the rows; relation links lead both ways; no console error, no
// failed request, no link that does not answer 200, and no serious or critical
// axe-core violation. Screenshots at phone and desktop width go to test/.output/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../harness/worker.ts';
import { LATEST, PREVIOUS } from '../releases.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = new URL('../.output/pages/', import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

let browser: Browser;
let worker: RunningWorker;
let desktop: BrowserContext;
let tables: { name: string; rowPath?: string }[];
/** Everything any page reported: console errors and warnings, page errors, failed requests, responses of 400 and over. */
const problems: string[] = [];
/** Same-origin links seen on every page visited, checked once at the end. */
const seen = new Set<string>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it with \`apt-get install chromium\`.`);
  mkdirSync(OUTPUT, { recursive: true });
  worker = await startWorker();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'] });
  desktop = await browser.newContext(DESKTOP);
  tables = JSON.parse(readFileSync(new URL('../../.build/tables.json', import.meta.url).pathname, 'utf8'));
});

afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
});

function watch(page: Page): Page {
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`${page.url()}: console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${page.url()}: pageerror ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`${page.url()}: requestfailed ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => new URL(r.url()).origin !== worker.origin && problems.push(`${page.url()}: third-party request ${r.url()}`));
  return page;
}

/** Opens a path as a browser does (its own Accept), collecting its same-origin links. */
async function open(path: string, context: BrowserContext = desktop): Promise<Page> {
  const page = watch(await context.newPage());
  const res = await page.goto(`${worker.origin}${path}`, { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
  expect(res?.headers()['content-type'], path).toBe('text/html; charset=utf-8');
  await collectLinks(page);
  return page;
}

async function collectLinks(page: Page): Promise<void> {
  for (const href of await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href))) {
    const url = new URL(href);
    if (url.origin === worker.origin) seen.add(`${url.pathname}${url.search}`);
  }
}

/** Serious and critical axe-core violations on the page, as `rule: selector` lines. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  type Axe = { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
  const results = await page.evaluate(() => (globalThis as unknown as { axe: Axe }).axe.run());
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const bodyRows = (page: Page) => page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText));

describe('every page, loaded', () => {
  it('every table page answers, shows its rows and passes axe-core', async () => {
    for (const { name } of tables) {
      const page = await open(`/v1/${name}`);
      expect(await page.locator('h1').count(), name).toBe(1);
      expect(await page.locator('main table tbody tr').count(), name).toBeGreaterThan(0);
      expect(await axeViolations(page), name).toEqual([]);
      await page.close();
    }
  });

  it('a row page of every table with row URLs passes axe-core', async () => {
    for (const { name, rowPath } of tables.filter((t) => t.rowPath)) {
      const first = (await (await worker.fetch(`/v1/${name}.json?limit=1`)).json()) as { data: Record<string, string>[] };
      const page = await open(`/v1/${name}/${encodeURIComponent(first.data[0]![rowPath!]!)}`);
      expect(await page.locator('dl.row dt').count(), name).toBeGreaterThan(0);
      expect(await axeViolations(page), name).toEqual([]);
      await page.close();
    }
  });

  it('a filtered and faceted page, a release, a diff and the releases pass axe-core and fit the screen, at desktop and phone width', async () => {
    const phone = await browser.newContext(PHONE);
    const paths = {
      filtered: '/v1/country_roles?operation=liberterra-iii&role=participant&facet=country,role',
      operation: '/v1/operations/liberterra-iii',
      release: `/v1/releases/${LATEST}`,
      diff: `/v1/releases/${PREVIOUS}/diff/${LATEST}`,
      releases: '/v1/releases',
      cases: '/v1/cases?country=ES',
    };
    for (const [name, path] of Object.entries(paths)) {
      for (const [width, context] of [['desktop', desktop], ['phone', phone]] as const) {
        const page = await open(path, context);
        expect(await axeViolations(page), `${name} ${width}`).toEqual([]);
        // Wide tables scroll inside their own region; the page itself never scrolls sideways.
        const overflow = await page.evaluate(() => {
          const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return doc.scrollWidth - doc.clientWidth;
        });
        expect(overflow, `${name} ${width}: sideways scroll`).toBe(0);
        await page.screenshot({ path: `${OUTPUT}${name}-${width}.png`, fullPage: name !== 'diff' });
        await page.close();
      }
    }
    await phone.close();
    // The facets count the rows the filters select: one country per participant row.
    const filtered = await open(paths.filtered);
    const total = Number((await filtered.locator('.total').innerText()).split(' ')[0]);
    // Folded-away values too: their text is there, not shown.
    const counts = (await filtered.locator('[aria-labelledby=facet-country] li span').allTextContents()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  });
});

describe('controls', () => {
  it('clicking a facet value filters the rows to it', async () => {
    const page = await open('/v1/cases');
    const before = await bodyRows(page);
    const link = page.locator('[aria-labelledby=facet-category] li a').first();
    const value = (await link.innerText()).trim();
    await Promise.all([page.waitForURL(/category=/), link.click()]);
    await collectLinks(page);
    const column = (await page.locator('main table thead th').allInnerTexts()).indexOf('category') + 1;
    const after = await page.locator(`main table tbody tr td:nth-child(${column})`).allInnerTexts();
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before.length);
    expect(new Set(after)).toEqual(new Set([value]));
    expect(await page.locator('[aria-labelledby=facet-category] li.on').count()).toBe(1);
  });

  it('clicking a column head sorts by it, and again reverses it', async () => {
    const page = await open('/v1/metrics?operation=liberterra-iii');
    const values = async () => (await page.locator('main table tbody td:nth-child(3)').allInnerTexts()).map((v) => Number(v.replace(/,/g, '')));
    const head = () => page.locator('th a', { hasText: /^value$/ });
    await Promise.all([page.waitForURL(/sort=value/), head().click()]);
    const up = await values();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(await page.locator('th[aria-sort=ascending]').innerText()).toBe('value');
    await Promise.all([page.waitForURL(/sort=-value/), head().click()]);
    const down = await values();
    expect(down).toEqual([...up].reverse());
    expect(await page.locator('th[aria-sort=descending]').count()).toBe(1);
    await collectLinks(page);
  });

  it('the filter form submits as GET and shows the rows it asks for', async () => {
    const page = await open('/v1/metrics');
    await page.selectOption('#f-operation', 'liberterra-i');
    await Promise.all([page.waitForURL(/operation=liberterra-i/), page.locator('form.filters button[type=submit]').click()]);
    const ids = await page.locator('main table tbody td:nth-child(1) > a').allInnerTexts();
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(['liberterra-i']));
    await collectLinks(page);
  });
});

describe('relations', () => {
  it('lead from an operation to one of its cases, and from the case back to the operation', async () => {
    const page = await open('/v1/operations/liberterra-iii');
    const caseLink = page.locator('[aria-labelledby="rel-cases-operation_id"] a[href*="/v1/cases/"]').first();
    const caseId = await caseLink.innerText();
    await Promise.all([page.waitForURL(new RegExp(`/v1/cases/${caseId}$`)), caseLink.click()]);
    expect(await page.locator('dl.row').innerText()).toContain(caseId);
    await collectLinks(page);
    await Promise.all([page.waitForURL(/\/v1\/operations\/liberterra-iii$/), page.locator('dl.row a[href$="/v1/operations/liberterra-iii"]').click()]);
    expect(await page.locator('h1').innerText()).toBe('Operation Liberterra III');
  });

  it('lead from a source to a row citing it, and from that row back to the source', async () => {
    const page = await open('/v1/sources/interpol-2021-07-26');
    const operation = page.locator('[aria-labelledby="rel-operations-source_ids"] a[href$="/v1/operations/liberterra-i"]').first();
    await Promise.all([page.waitForURL(/\/v1\/operations\/liberterra-i$/), operation.click()]);
    await collectLinks(page);
    await Promise.all([page.waitForURL(/\/v1\/sources\/interpol-2021-07-26$/), page.locator('dl.row a[href$="/v1/sources/interpol-2021-07-26"]').click()]);
    const source = (await (await worker.fetch('/v1/sources/interpol-2021-07-26.json')).json()) as { data: { title: string } };
    expect(await page.locator('h1').innerText()).toBe(source.data.title);
  });
});

describe('what every page did', () => {
  it('logged no console error or warning, no page error, no failed or third-party request', () => {
    expect(problems).toEqual([]);
  });

  it('links only to same-origin URLs that answer 200', async () => {
    expect(seen.size).toBeGreaterThan(100);
    const broken: string[] = [];
    for (const path of seen) {
      const res = await worker.fetch(path, { headers: { Accept: 'text/html' } });
      await res.arrayBuffer();
      if (res.status !== 200) broken.push(`${res.status} ${path}`);
    }
    expect(broken).toEqual([]);
  });
});
