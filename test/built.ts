// What `npm run build` wrote, for tests that check bytes against it: KV keys are
// named by content, so a table's key is read from its release's manifest.
import entries from '../.build/kv.json';
import builtPointer from '../.build/pointer.json';
import type { Format } from '../src/core/formats.ts';
import type { Manifest, Pointer } from '../src/core/release-types.ts';

const pointer = builtPointer as Pointer;
const values = new Map((entries as { key: string; value: string }[]).map((e) => [e.key, e.value]));

/** A built KV value by key. */
export function builtValue(key: string): string {
  const value = values.get(key);
  if (value === undefined) throw new Error(`the build wrote no key ${key}`);
  return value;
}

/** The manifest the built pointer names for a release. */
export function builtManifest(version: string): Manifest {
  const summary = pointer.releases.find((r) => r.version === version);
  if (!summary) throw new Error(`the build has no release ${version}`);
  return JSON.parse(builtValue(summary.manifest.key)) as Manifest;
}

/** The KV key of a table's identity body in a release. */
export function tableKey(version: string, table: string, format: Format): string {
  const entry = builtManifest(version).tables.find((t) => t.name === table);
  if (!entry) throw new Error(`release ${version} has no table ${table}`);
  return entry[format].key;
}

/** A table's rows in a release, as its built JSON body holds them (default: the latest). */
export function builtRows(table: string, version = pointer.latest): Record<string, any>[] {
  return (JSON.parse(builtValue(tableKey(version, table, 'json'))) as { data: Record<string, any>[] }).data;
}
