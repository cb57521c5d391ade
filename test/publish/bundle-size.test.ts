// The bundle `wrangler deploy` would ship (`npm run bundle`: wrangler deploy
// --dry-run --outdir .build/worker) stays small and holds no build-time code.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

const BUNDLE = new URL('../../.build/worker/index.js', import.meta.url).pathname;
// Measured 64.1 KiB gzip on 2026-11-23 (zod ~28 KiB of it, imported as
// `import * as z`, plus csv-stringify), after compression, parted bodies and
// the rendered-answer cache; the budget leaves ~6% headroom, so a new
// dependency has to be argued for.
const BUDGET_GZIP_KIB = 68;

const bundle = readFileSync(BUNDLE);

it(`is at most ${BUDGET_GZIP_KIB} KiB gzipped`, () => {
  const gzip = gzipSync(bundle).length / 1024;
  console.log(`worker bundle: ${(bundle.length / 1024).toFixed(1)} KiB, ${gzip.toFixed(1)} KiB gzip (budget ${BUDGET_GZIP_KIB} KiB)`);
  expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_KIB);
});

it('holds no build-time code: metadata renderers, country tables, validators', () => {
  const text = bundle.toString('utf8');
  // Names from our build modules, i18n-iso-countries' API and a csv-parse error code.
  for (const marker of ['renderLandingPage', 'renderCatalog', 'renderDataPackage', 'renderOpenApi', 'registerLocale', 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH']) {
    expect(text, marker).not.toContain(marker);
  }
});
