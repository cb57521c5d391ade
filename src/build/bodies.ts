// Renders a built release into the exact bytes the Worker will serve, keyed for KV.
import { createHash } from 'node:crypto';
import { paths, kvKeys } from '../paths.ts';
import { renderCsv } from '../render/csv.ts';
import { renderEnvelope } from '../render/envelope.ts';
import type { BodyRef, Manifest } from '../schema/release.ts';
import type { BuiltRelease } from './release.ts';

export interface KvEntry {
  key: string;
  value: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function body(key: string, value: string): { ref: BodyRef; entry: KvEntry } {
  return { ref: { key, sha256: sha256(value), bytes: Buffer.byteLength(value, 'utf8') }, entry: { key, value } };
}

export function renderRelease(built: BuiltRelease): { manifest: Manifest; entries: KvEntry[] } {
  const { info } = built;
  const release = { version: info.version };
  const entries: KvEntry[] = [];
  const tables: Manifest['tables'] = [];
  for (const { table, rows } of built.tables) {
    const csv = body(kvKeys.table(info.version, table.name, 'csv'), renderCsv(table.columns.map((c) => c.name), rows));
    const json = body(
      kvKeys.table(info.version, table.name, 'json'),
      renderEnvelope({
        table: table.name,
        release: info,
        rows,
        page: { total: rows.length, offset: 0, limit: null },
        links: {
          self: paths.table(release, table.name, 'json'),
          csv: paths.table(release, table.name, 'csv'),
          schema: paths.schema(release, table.name),
          next: null,
          latest: paths.table('latest', table.name, 'json'),
        },
      }),
    );
    entries.push(csv.entry, json.entry);
    tables.push({ name: table.name, rows: rows.length, csv: csv.ref, json: json.ref });
  }
  // The release's identity covers every data body, so any changed byte changes it.
  const hash = sha256(tables.map((t) => `${t.name}.csv ${t.csv.sha256}\n${t.name}.json ${t.json.sha256}\n`).join(''));
  const manifest: Manifest = { ...info, hash, tables };
  entries.push({ key: kvKeys.manifest(info.version), value: JSON.stringify(manifest) });
  return { manifest, entries };
}
