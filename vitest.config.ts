import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // The tree itself: which folder may import which, and how long a module may be.
        test: { name: 'layout', include: ['test/layout/**/*.test.ts'], environment: 'node' },
      },
      {
        // The build and its data rules run in Node, where the build runs.
        test: { name: 'data', include: ['test/data/**/*.test.ts'], environment: 'node' },
      },
      {
        // The API runs inside workerd, against KV seeded from the real build.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'], setupFiles: ['test/worker/seed-kv.ts'] },
      },
      {
        // Published documents checked by the standards' own validators, over HTTP
        // against the shipped bundle (test/harness/worker.ts).
        test: { name: 'interop', include: ['test/interop/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        // Publishing against wrangler's local KV, through the real `wrangler kv` commands.
        test: { name: 'publish', include: ['test/publish/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 60_000 },
      },
      {
        // The landing page in headless Chromium; needs /usr/bin/chromium (npm run test:browser).
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        // The README's pandas and R lines in the real clients; needs Debian's python3-pandas and r-base-core (npm run test:clients).
        test: { name: 'clients', include: ['test/clients/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
