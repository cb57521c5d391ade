import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // The build and its data rules run in Node, where the build runs.
        test: { name: 'data', include: ['test/data/**/*.test.ts'], environment: 'node' },
      },
      {
        // The API runs inside workerd, against KV seeded from the real build.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'], setupFiles: ['test/worker/seed-kv.ts'] },
      },
    ],
  },
});
