// A synthetic release for the scale benchmark: the latest real release plus
// N generated case rows (default 100,000), with their countries and one figure each, written to a temp folder and built
// and validated exactly like real data. Never committed as data.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { compareVersions } from '../../src/core/semver.ts';
import { listReleaseDirs, RELEASES_DIR } from '../../src/pipeline/read/source.ts';
import { caseCategory } from '../../src/schema/tables/cases.ts';

export const SYNTHETIC_VERSION = '99.0.0';

/** Deterministic: the same N gives the same bytes (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'officers raided a site where people were held and forced to work for a criminal network that moved migrants across the border ' +
  'by road and sea while investigators traced payments seized phones and documents and referred victims to support services ' +
  'after screening at airports and checkpoints the suspects were charged with trafficking smuggling fraud and document forgery'
).split(' ');

export function writeSyntheticRelease(rows = 100_000): string {
  const root = mkdtempSync(join(tmpdir(), 'liberterra-synthetic-'));
  const latest = listReleaseDirs(RELEASES_DIR).sort(compareVersions).at(-1)!;
  const dir = join(root, SYNTHETIC_VERSION);
  cpSync(join(RELEASES_DIR, latest), dir, { recursive: true });
  const release = JSON.parse(readFileSync(join(dir, 'release.json'), 'utf8'));
  writeFileSync(
    join(dir, 'release.json'),
    JSON.stringify({ ...release, version: SYNTHETIC_VERSION, title: `Synthetic scale release: ${rows} generated cases`, notes: 'Generated for benchmarks; not data.' }, null, 2),
  );
  const read = (name: string) => parse(readFileSync(join(dir, `${name}.csv`), 'utf8'), { columns: true }) as Record<string, string>[];
  const operations = read('operations').map((o) => o.operation_id!);
  const sources = read('sources').map((s) => s.source_id!);
  // Countries already in the release, so every generated reference resolves.
  const countries = [...new Set(read('cases').flatMap((c) => `${c.countries};${c.linked_countries}`.split(';')).filter(Boolean))];
  const categories = caseCategory.options;
  const rand = random(rows);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const records = Array.from({ length: rows }, (_, i) => {
    const here = pick(countries);
    const linked = rand() < 0.5 ? [pick(countries)].filter((c) => c !== here) : [];
    return [
      `syn-${String(i).padStart(6, '0')}`,
      pick(operations),
      `Synthetic case ${i}: ${sentence(4)}`,
      pick(categories),
      here,
      linked.join(';'),
      `${sentence(18)}.`.replace(/^./, (c) => c.toUpperCase()),
      pick(sources),
    ];
  });
  const existing = readFileSync(join(dir, 'cases.csv'), 'utf8');
  writeFileSync(join(dir, 'cases.csv'), existing + stringify(records, { record_delimiter: '\n' }));
  // Each generated case's countries, citing the case's one source.
  const caseCountries = records.flatMap(([id, , , , here, linked, , source]) => [
    [id, here, 'location', source],
    ...linked!.split(';').filter(Boolean).map((code) => [id, code, 'linked', source]),
  ]);
  const listed = readFileSync(join(dir, 'case_countries.csv'), 'utf8');
  writeFileSync(join(dir, 'case_countries.csv'), listed + stringify(caseCountries, { record_delimiter: '\n' }));
  // One count per generated case, for ranges and facets at the same scale.
  const figures = records.map(([id, , , , , , , source]) => [id, pick(['victims', 'arrests', 'migrants']), String(1 + Math.floor(rand() * 5000)), 'exact', 'people', '', source]);
  const counted = readFileSync(join(dir, 'case_figures.csv'), 'utf8');
  writeFileSync(join(dir, 'case_figures.csv'), counted + stringify(figures, { record_delimiter: '\n' }));
  return root;
}
