// Global-scope startup: the time to load, compile and evaluate the shipped
// bundle in a fresh process, against a Worker that only returns a constant
// response. Node runs the same V8 that workerd does; `wrangler check startup`
// samples too coarsely (one sample a millisecond) to tell a few ms apart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASELINE = 'export default { fetch() { return new Response(""); } };\n';

function loadMs(module: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(module)}); console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median load time of the bundle and of the baseline, interleaved over `runs` fresh processes each. */
export function measureStartup(bundle: string, runs = 15): { bundleMs: number; baselineMs: number } {
  const baseline = join(mkdtempSync(join(tmpdir(), 'startup-')), 'baseline.mjs');
  writeFileSync(baseline, BASELINE);
  const times = { bundle: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.bundle.push(loadMs(bundle));
    times.baseline.push(loadMs(baseline));
  }
  return { bundleMs: median(times.bundle), baselineMs: median(times.baseline) };
}
