// The landing page at `/`, loaded in headless Chromium from the shipped bundle:
// headers, a clean load (no CSP violations, no third-party requests), working
// links, schema.org JSON-LD, accessibility basics, figures that match the data,
// no echoed input, and screenshots at phone and desktop widths.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LICENCE } from '../../src/core/dataset.ts';
import { environment } from '../../src/pipeline/environments.ts';
import { type RunningWorker, startWorker } from '../harness/worker.ts';

/** The origin the test build writes into absolute URLs: the local one in wrangler.toml. */
const LOCAL_ORIGIN = environment().origin;

// Debian's Chromium: `npx playwright install` cannot download browsers here.
const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = new URL('../.output/', import.meta.url).pathname;
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

/** Everything the browser reported while loading the page once. */
interface PageLoad {
  page: Page;
  problems: string[];
  requests: string[];
  responses: { url: string; status: number }[];
}

let browser: Browser | undefined;
let worker: RunningWorker;
let phone: PageLoad;
let desktop: PageLoad;

beforeAll(async () => {
  // Fail loudly, never skip: a missing browser would otherwise pass for a clean page.
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it with \`apt-get install chromium\`.`);
  worker = await startWorker();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
  desktop = await loadLanding(DESKTOP);
  phone = await loadLanding(PHONE);
});

afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
});

/** Opens `/` in a fresh context, recording every console message, error and request from the start. */
async function loadLanding(options: BrowserContextOptions): Promise<PageLoad> {
  const page = await (await browser!.newContext(options)).newPage();
  const load: PageLoad = { page, problems: [], requests: [], responses: [] };
  // CSP violations and failed subresources are reported as console errors.
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') load.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => load.problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => load.problems.push(`requestfailed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => load.requests.push(r.url()));
  page.on('response', (r) => load.responses.push({ url: r.url(), status: r.status() }));
  await page.goto(`${worker.origin}/`, { waitUntil: 'networkidle' });
  return load;
}

/** A URL the build wrote (absolute with the build origin, or relative) as one on the harness. */
const onWorker = (href: string) => new URL(href.startsWith(LOCAL_ORIGIN) ? href.replace(LOCAL_ORIGIN, worker.origin) : href, `${worker.origin}/`);

async function latestRows<T>(table: string): Promise<T[]> {
  const res = await worker.fetch(`/v1/${table}.json`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: T[] }).data;
}

/** Paths (deduplicated) that do not answer 200, with their status: empty when all work. */
async function brokenLinks(urls: URL[]): Promise<string[]> {
  const paths = [...new Set(urls.map((u) => `${u.pathname}${u.search}`))];
  const broken: string[] = [];
  for (const path of paths) {
    const res = await worker.fetch(path);
    await res.arrayBuffer();
    if (res.status !== 200) broken.push(`${res.status} ${path}`);
  }
  return broken;
}

describe('HTTP response of /', () => {
  it('answers 200 text/html; charset=utf-8 with nosniff', async () => {
    const res = await worker.fetch('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('has a Content-Security-Policy that allows no script and no unsafe-inline', async () => {
    const csp = (await worker.fetch('/')).headers.get('Content-Security-Policy') ?? '';
    expect(csp).not.toBe('');
    expect(csp).not.toMatch(/'unsafe-(inline|eval|hashes)'|'strict-dynamic'/);
    const directives = new Map(
      csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
        const [name = '', ...sources] = d.split(/\s+/);
        return [name.toLowerCase(), sources.join(' ')] as const;
      }),
    );
    // script-src falls back to default-src; the JSON-LD block is data, not script, so it needs nothing.
    const scripts = directives.get('script-src') ?? directives.get('default-src');
    expect(scripts, 'script-src (or default-src) must be present').toBe("'none'");
    for (const name of ['script-src-elem', 'script-src-attr']) {
      if (directives.has(name)) expect(directives.get(name), name).toBe("'none'");
    }
  });
});

describe('loaded in Chromium', () => {
  it('logs no console error or warning, page error or failed request', () => {
    expect([...desktop.problems, ...phone.problems]).toEqual([]);
  });

  it('makes requests only to its own origin, all answered below 400', () => {
    const requests = [...desktop.requests, ...phone.requests];
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => new URL(url).origin !== worker.origin)).toEqual([]);
    expect([...desktop.responses, ...phone.responses].filter((r) => r.status >= 400)).toEqual([]);
  });
});

describe('links', () => {
  const hrefs = async () => (await desktop.page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)));

  it('every same-origin link answers 200', async () => {
    const urls = (await hrefs()).map(onWorker).filter((u) => u.origin === worker.origin);
    expect(urls.length).toBeGreaterThan(0);
    expect(await brokenLinks(urls)).toEqual([]);
  });

  it('every in-page link (#id) points at an element that exists', async () => {
    const fragments = (await hrefs()).filter((h) => h.startsWith('#') && h.length > 1);
    const missing: string[] = [];
    for (const f of new Set(fragments)) {
      if ((await desktop.page.locator(`[id="${decodeURIComponent(f.slice(1))}"]`).count()) !== 1) missing.push(f);
    }
    expect(missing).toEqual([]);
  });

  it('links the contact for corrections, as configured for this environment', async () => {
    const mail = (await hrefs()).filter((h) => h.startsWith('mailto:'));
    expect(new Set(mail)).toEqual(new Set([`mailto:${environment().contact.email}`]));
  });

  it('every external link is an https URL found in the dataset (licence or a source)', async () => {
    const sources = await latestRows<{ url: string | null }>('sources');
    const known = new Set([LICENCE.url, ...sources.map((s) => s.url).filter((u): u is string => u !== null)]);
    const external = (await hrefs()).filter((h) => !h.startsWith('mailto:')).map(onWorker).filter((u) => u.origin !== worker.origin);
    expect(external.filter((u) => u.protocol !== 'https:').map(String)).toEqual([]);
    expect(external.map(String).filter((u) => !known.has(u))).toEqual([]);
  });
});

describe('schema.org JSON-LD', () => {
  const jsonLd = async (): Promise<any> => {
    const blocks = desktop.page.locator('script[type="application/ld+json"]');
    expect(await blocks.count()).toBe(1);
    return JSON.parse((await blocks.textContent()) ?? '');
  };

  it('describes a Dataset with name, licence, temporal coverage, creator and publisher', async () => {
    const ld = await jsonLd();
    expect(ld['@context']).toMatch(/^https?:\/\/schema\.org\/?$/);
    expect(ld['@type']).toBe('Dataset');
    expect(ld.name).toEqual(expect.any(String));
    expect(ld.name.length).toBeGreaterThan(0);
    // schema.org takes the licence as a URL or a CreativeWork naming it.
    const licence = typeof ld.license === 'string' ? ld.license : (ld.license?.url ?? ld.license?.['@id']);
    expect(licence).toBe(LICENCE.url);
    // ISO 8601 date or interval, open end allowed: 2021-07-05/2025-11-21, 2021/..
    expect(ld.temporalCoverage).toMatch(/^\d{4}(-\d{2}){0,2}(\/(\d{4}(-\d{2}){0,2}|\.\.))?$/);
    expect(ld.creator).toBeTruthy();
    expect(ld.publisher).toBeTruthy();
  });

  it('lists distributions whose contentUrls answer 200', async () => {
    const distribution = [(await jsonLd()).distribution ?? []].flat();
    expect(distribution.length).toBeGreaterThan(0);
    const urls = distribution.map((d: any) => d.contentUrl as string);
    expect(urls.filter((u) => typeof u !== 'string' || !u.startsWith(`${LOCAL_ORIGIN}/`))).toEqual([]);
    expect(await brokenLinks(urls.map(onWorker))).toEqual([]);
  });
});

describe('accessibility basics', () => {
  it('has exactly one h1 and a lang attribute', async () => {
    expect(await desktop.page.locator('h1').count()).toBe(1);
    expect(await desktop.page.locator('html').getAttribute('lang')).toMatch(/^en\b/);
  });

  it('gives every image and svg an accessible name', async () => {
    const unnamed = await desktop.page.locator('img, svg:not(svg svg)').evaluateAll((els) =>
      els
        // Hidden decorative graphics need no name; everything else does.
        .filter((el) => el.getAttribute('aria-hidden') !== 'true')
        .filter((el) =>
          el.tagName.toLowerCase() === 'img'
            ? !el.getAttribute('alt')?.trim()
            : el.getAttribute('role') !== 'img' ||
              !(el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby') || el.querySelector(':scope > title')?.textContent?.trim()),
        )
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);
  });
});

describe('headline figures', () => {
  interface Operation { operation_id: string; name: string; edition: number }
  interface Metric { operation_id: string; metric: string; value: number }
  const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

  /**
   * Matches a cell naming the operation by id, name ("Operation Liberterra II"), short name
   * ("Liberterra II", "Liberterra" for the first) or numeral ("Liberterra I"), but not
   * "Liberterra" inside "Liberterra II".
   */
  const namesOperation = (op: Operation) => {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const short = op.name.replace(/^Operation\s+/, '');
    const labels = [op.operation_id, op.name, short, `Liberterra ${ROMAN[op.edition]}`].map(escape).join('|');
    return new RegExp(`(?<![\\w-])(${labels})(?![\\w-])(?!\\s+[IVX]+\\b)`);
  };

  /** Each table as rows of cell texts (row/colspans ignored: a headline table needs none). */
  const tables = async () =>
    desktop.page.locator('table').evaluateAll((ts) =>
      ts.map((t) => [...t.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()))),
    );

  /** The cells along each operation's row, or its column when operations head the columns. */
  function cellsByOperation(grid: string[][], operations: Operation[]): Map<string, string[]> | undefined {
    const at = operations.map((op) => {
      const match = namesOperation(op);
      const r = grid.findIndex((row) => row.some((cell) => match.test(cell)));
      return { op, r, c: r < 0 ? -1 : grid[r]!.findIndex((cell) => match.test(cell)) };
    });
    if (at.some(({ r }) => r < 0)) return undefined;
    const byColumn = new Set(at.map(({ r }) => r)).size === 1;
    return new Map(at.map(({ op, r, c }) => [op.operation_id, byColumn ? grid.map((row) => row[c] ?? '') : grid[r]!]));
  }

  it('show arrests and victims safeguarded of every operation as in /v1/metrics.json, with thousands separators', async () => {
    const operations = await latestRows<Operation>('operations');
    const metrics = await latestRows<Metric>('metrics');
    const lines = (await tables()).map((grid) => cellsByOperation(grid, operations)).find(Boolean);
    expect(lines, 'a <table> naming every operation in its rows or columns').toBeDefined();
    const missing: string[] = [];
    for (const op of operations) {
      // Numbers as written in the cells: 3,744 stays one token, 3744 does not become it.
      const shown = lines!.get(op.operation_id)!.flatMap((cell) => cell.match(/\d{1,3}(?:,\d{3})+|\d+/g) ?? []);
      for (const metric of ['arrests', 'victims_safeguarded']) {
        const row = metrics.find((m) => m.operation_id === op.operation_id && m.metric === metric);
        expect(row, `${op.operation_id} ${metric} in metrics.json`).toBeDefined();
        const expected = row!.value.toLocaleString('en-US');
        if (!shown.includes(expected)) missing.push(`${op.operation_id} ${metric}: ${expected} not in [${shown.join(' ')}]`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('no echoed input', () => {
  it.each(['/?q=<script>alert(1)</script>', '/%3Cscript%3E', '/?%3Cscript%3Ealert(1)%3C/script%3E=1'])('%s does not reflect the script', async (path) => {
    const body = await (await worker.fetch(path)).text();
    expect(body).not.toContain('<script>alert');
  });

  it('an unknown path is a 404 problem+json', async () => {
    const res = await worker.fetch('/%3Cscript%3E');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  });
});

describe('layout', () => {
  it('saves full-page screenshots at phone and desktop widths', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    for (const [name, load] of [['phone', phone], ['desktop', desktop]] as const) {
      const path = `${OUTPUT}landing-${name}.png`;
      await load.page.screenshot({ path, fullPage: true });
      // A PNG signature: the file is a real image, not an empty capture.
      expect(readFileSync(path).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    }
  });

  it('does not scroll sideways at phone width (390px)', async () => {
    // The <html> element's scrollWidth is document.documentElement.scrollWidth (no DOM lib in tsconfig).
    expect(await phone.page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
