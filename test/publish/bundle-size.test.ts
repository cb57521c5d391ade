// The bundle `wrangler deploy` would ship (`npm run bundle`: wrangler deploy
// --dry-run --outdir .build/worker) stays small and holds no build-time code.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

const BUNDLE = new URL('../../.build/worker/index.js', import.meta.url).pathname;
// The publishing issue's budget was 68 KiB gzip, when the Worker still carried
// zod (64.1 KiB). Since the build hands the Worker its tables as plain data and
// the Worker trusts checksums rather than schemas, it measured 23.2 KiB
// (2026-11-23), 25.2 KiB after the query index and streaming, and 26.1 KiB once
// every route answered through one HTTP module and one route table (2026-12-02;
// ~0.2 KiB of that is comments, which the unminified bundle ships), and 27.6 KiB
// with release 1.2.0, whose two new tables, five columns and vocabularies the
// bundle carries as table facts (.build/tables.json, 4.8 KiB of it gzip), and
// 31.1 KiB once filters were checked against the values a release holds (with
// suggestions and country names), word search read an inverted index, other
// APIs' conventions got hints and the hardening bounds went in, and 32.1 KiB with
// facets and ranges (2026-12-02). Then 36.6 KiB with the query index in binary
// sections loaded lazily (the section codec, the section and postings loaders,
// byte-wise binary search, row reads verified by 64 KiB block), relevance
// (BM25), labels and subset file names; 34.1 KiB once the Worker's table facts
// left out the column descriptions and vocabulary labels only documents show
// (2.5 KiB gzip of prose), and 35.1 KiB with top-k sorting for relevance and
// several keys, filter values checked against a set, and limit=0 (2026-12-02).
// Then 46.3 KiB with pages for people (2026-12-03): the table, row, release,
// diff and problem pages, their stylesheet and escaper, and the Atom feed cost
// 11.2 KiB gzip, rendered per request because they show the query asked. Still
// well inside the publishing issue's 68 KiB; this ceiling is ours.
const BUDGET_GZIP_KIB = 47;

const bundle = readFileSync(BUNDLE);

it(`is at most ${BUDGET_GZIP_KIB} KiB gzipped`, () => {
  const gzip = gzipSync(bundle).length / 1024;
  console.log(`worker bundle: ${(bundle.length / 1024).toFixed(1)} KiB, ${gzip.toFixed(1)} KiB gzip (budget ${BUDGET_GZIP_KIB} KiB)`);
  expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_KIB);
});

it('holds no build-time code: metadata renderers, country tables, validators, zod', () => {
  const text = bundle.toString('utf8');
  // Names from our build modules, i18n-iso-countries' API, a csv-parse error
  // code and zod's core (its schema construction was most of the Worker's startup).
  for (const marker of ['renderLandingPage', 'renderCatalog', 'renderDataPackage', 'renderOpenApi', 'registerLocale', 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', '$ZodType', 'ZodError']) {
    expect(text, marker).not.toContain(marker);
  }
});

// Found by the benchmark: one Intl.NumberFormat at global scope made startup 25.9 ms
// instead of 3 (its first formatter loads locale data). Pages group digits by hand.
it('makes no Intl formatter, which costs an isolate ~20 ms to start', () => {
  expect(bundle.toString('utf8')).not.toMatch(/\bIntl\.|\.toLocale(String|DateString)\(/);
});
