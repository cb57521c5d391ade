// Builds every release under data/releases/, checks each against its recorded
// hash (a published version never changes), and prepares all KV entries.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyRef, Manifest, Pointer } from '../core/release-types.ts';
import { compareVersions } from '../core/semver.ts';
import { type KvEntry, renderRelease } from './render/bodies.ts';
import { countryResolver } from './validate/countries.ts';
import { renderDocuments } from './documents/render-documents.ts';
import { DataError, type DataProblem } from './validate/data-problem.ts';
import { type BuiltRelease, buildRelease } from './validate/release.ts';
import { DATA_DIR, listReleaseDirs, RELEASES_DIR } from './read/source.ts';
import { environment } from './environments.ts';
import type { Contact } from '../core/pages/frame.ts';
import { readSeeds } from './read/seeds.ts';
import { SEEDS_DIR } from './repo.ts';
import { seedRuns as seedRunsOf } from './validate/own-words.ts';

export const HASHES_FILE = join(DATA_DIR, 'release-hashes.json');

export interface BuildResult {
  releases: { built: BuiltRelease; manifest: Manifest; manifestRef: BodyRef }[];
  entries: KvEntry[];
  pointer: Pointer;
  /** Versions whose hash is not yet recorded in data/release-hashes.json. */
  unrecorded: string[];
}

export function readRecordedHashes(file = HASHES_FILE): Record<string, string> {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

export interface BuildOptions {
  releasesDir?: string;
  hashes?: Record<string, string>;
  origin?: string;
  /** Where corrections go; by default the local one wrangler.toml names. */
  contact?: Contact;
  /**
   * The source texts (../shared/seeds) for the own-words rule. `required` (data:check,
   * tests) fails without them; by default a checkout without them builds and says so once.
   */
  seeds?: 'required' | 'if-present';
}

export function buildAll(options: BuildOptions = {}): BuildResult {
  const dir = options.releasesDir ?? RELEASES_DIR;
  const recorded = options.hashes ?? readRecordedHashes();
  const resolver = countryResolver();
  const seeds = readSeeds();
  if (!seeds && options.seeds === 'required') {
    throw new Error(`The source texts are missing: expected them in ${SEEDS_DIR} (../shared/seeds beside the checkout). The own-words check reads them.`);
  }
  if (!seeds) console.warn(`note: no source texts at ${SEEDS_DIR}, so the own-words check did not run (npm run data:check needs them).`);
  const seedRuns = seeds && seedRunsOf(seeds);
  const problems: DataProblem[] = [];
  const releases: BuildResult['releases'] = [];
  const entries: KvEntry[] = [];
  for (const version of listReleaseDirs(dir).sort(compareVersions)) {
    let built: BuiltRelease;
    try {
      built = buildRelease(join(dir, version), { resolver, ...(seedRuns ? { seedRuns } : {}) });
    } catch (error) {
      if (error instanceof DataError) {
        problems.push(...error.problems);
        continue;
      }
      throw error;
    }
    const { manifest, manifestRef, entries: bodies } = renderRelease(built);
    const known = recorded[version];
    if (known && known !== manifest.hash) {
      problems.push({
        release: version,
        table: 'release',
        rule: 'immutable-release',
        message: `release ${version} was published with hash ${known}, but this build produces ${manifest.hash}. A released version never changes: put corrections in a new release folder (e.g. a PATCH version).`,
      });
      continue;
    }
    releases.push({ built, manifest, manifestRef });
    entries.push(...bodies);
  }
  if (problems.length) throw new DataError(problems);
  if (!releases.length) throw new Error(`no releases under ${dir}`);

  // Each release's documents describe it and the releases before it, so they
  // are the same whenever it is built, whatever came later.
  // Absolute URLs in metadata documents start with the origin; by default the local one wrangler.toml names.
  const origin = (options.origin ?? environment().origin).replace(/\/+$/, '');
  const contact = options.contact ?? environment().contact;
  const documents = releases.map((release, i) => {
    const rendered = renderDocuments({ origin, contact, release, history: releases.slice(0, i + 1) });
    entries.push(...rendered.entries);
    return rendered.index;
  });
  const pointer: Pointer = {
    latest: releases.at(-1)!.manifest.version,
    releases: releases.map(({ manifest: m, manifestRef }, i) => ({
      version: m.version,
      date: m.date,
      title: m.title,
      notes: m.notes,
      hash: m.hash,
      rows: Object.fromEntries(m.tables.map((t) => [t.name, t.rows])),
      manifest: manifestRef,
      documents: documents[i]!,
    })),
  };
  const unrecorded = releases.map((r) => r.manifest.version).filter((v) => !recorded[v]);
  return { releases, entries, pointer, unrecorded };
}
