// The tables as the Worker needs them (names, columns, filters, search), written
// next to the KV entries for the Worker's bundle to import: zod stays at build
// time, which keeps ~200 KiB of code and its schema construction out of startup.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR } from '../repo.ts';
import { tableFacts } from '../../schema/table.ts';
import { tables } from '../../schema/registry.ts';


export function writeTableFacts(dir = BUILD_DIR): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tables.json'), `${JSON.stringify(tables.map(tableFacts), null, 1)}\n`);
}
