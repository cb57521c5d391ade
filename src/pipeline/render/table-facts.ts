// The tables as the Worker needs them (names, columns, filters, search), written
// next to the KV entries for the Worker's bundle to import: zod stays at build
// time, which keeps ~200 KiB of code and its schema construction out of startup.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR } from '../repo.ts';
import { tableFacts } from '../../schema/table.ts';
import type { TableFacts } from '../../core/table-types.ts';
import { tables } from '../../schema/registry.ts';


/**
 * What the Worker reads of each table: columns lose their descriptions and their
 * vocabularies' labels, which only the documents show (and the build renders
 * them from the schemas), so the bundle does not carry 2.3 KiB gzip of prose.
 */
export function workerFacts(table: TableFacts): TableFacts {
  return { ...table, columns: table.columns.map(({ description: _description, labels: _labels, ...column }) => column) };
}

export function writeTableFacts(dir = BUILD_DIR): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tables.json'), `${JSON.stringify(tables.map((t) => workerFacts(tableFacts(t))), null, 1)}\n`);
}
