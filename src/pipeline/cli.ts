// `npm run build`: data/ → .build/kv.json (every KV entry) and .build/pointer.json,
// and the facts the Worker's bundle imports (.build/tables.json, .build/pages.json).
// `npm run data:freeze` (--freeze) also records new releases' hashes, making them immutable.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializePointer } from './render/bodies.ts';
import { buildAll, HASHES_FILE, readRecordedHashes } from './build-all.ts';
import { DataError } from './validate/data-problem.ts';
import { writeTableFacts } from './render/table-facts.ts';
import { writePageFacts } from './render/page-facts.ts';
import { BUILD_DIR } from './repo.ts';

try {
  const result = buildAll();
  mkdirSync(BUILD_DIR, { recursive: true });
  writeFileSync(join(BUILD_DIR, 'kv.json'), JSON.stringify(result.entries));
  writeFileSync(join(BUILD_DIR, 'pointer.json'), serializePointer(result.pointer));
  writeTableFacts();
  writePageFacts();
  for (const { manifest } of result.releases) {
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`release ${manifest.version}: ${manifest.tables.length} tables, ${rows} rows, hash ${manifest.hash.slice(0, 12)}`);
  }
  console.log(`latest: ${result.pointer.latest}; ${result.entries.length} KV entries in .build/kv.json`);
  if (process.argv.includes('--freeze')) {
    const hashes = readRecordedHashes();
    for (const { manifest } of result.releases) hashes[manifest.version] ??= manifest.hash;
    writeFileSync(HASHES_FILE, `${JSON.stringify(hashes, null, 2)}\n`);
    console.log(`recorded ${result.unrecorded.join(', ') || 'nothing new'} in data/release-hashes.json`);
  } else if (result.unrecorded.length) {
    console.log(`not yet frozen: ${result.unrecorded.join(', ')} (run npm run data:freeze to make them immutable)`);
  }
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(error.message);
  process.exit(1);
}
