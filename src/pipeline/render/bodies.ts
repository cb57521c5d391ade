// Renders a built release into the exact bytes the Worker will serve, keyed for KV.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { paths, kvKeys } from '../../core/paths.ts';
import { renderCsv } from '../../core/render/csv.ts';
import { renderEnvelope } from '../../core/render/envelope.ts';
import type { Encoding } from '../../core/encodings.ts';
import type { BodyRef, Manifest, Pointer, StoredBody } from '../../core/release-types.ts';
import { BLOCK_BYTES, encodeSection, type IndexSection, type QueryIndexRef, SECTION, type Section } from '../../core/query-index.ts';
import { pointerBody, withChecksum } from '../../core/pointer-text.ts';
import { renderQueryIndex } from './query-index.ts';
import type { BuiltRelease } from '../validate/release.ts';

/** One KV key and value, in wrangler's bulk format: binary values travel as base64. */
export interface KvEntry {
  key: string;
  value: string;
  base64?: boolean;
}

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

// Compressed once here, so the Worker spends no CPU on it: Cloudflare's edge
// does not compress text/csv at all. Brotli's best setting is slow on large
// bodies (a minute for 30 MB), so those get a still-good one.
const COMPRESS: Record<Encoding, (bytes: Buffer) => Buffer> = {
  br: (bytes) =>
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: bytes.length > 1 << 20 ? 9 : 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gzip: (bytes) => gzipSync(bytes, { level: 9 }),
};

/**
 * Bodies above this are stored in parts of this size: a KV value holds at most
 * 25 MiB, and the Worker streams parts one at a time, in bounded memory. 1 MiB,
 * not more, because a row or index section read from a part costs verifying
 * the whole part: at 4 MiB an isolate's first query on a 100,000-row table
 * spent most of its time hashing (npm run bench -- --scale 100000).
 */
export const PART_BYTES = 1024 * 1024;

/** KV entries holding `bytes` at `key`, split into parts when large. */
function stored(key: string, bytes: Buffer, text: boolean): { ref: BodyRef; entries: KvEntry[] } {
  const ref: BodyRef = { key, sha256: sha256(bytes), bytes: bytes.length };
  if (bytes.length <= PART_BYTES) {
    return { ref, entries: [text ? { key, value: bytes.toString('utf8') } : { key, value: bytes.toString('base64'), base64: true }] };
  }
  // Parts split bytes anywhere, even inside a UTF-8 character: they travel as binary.
  const entries: KvEntry[] = [];
  ref.parts = [];
  for (let offset = 0, i = 0; offset < bytes.length; offset += PART_BYTES, i++) {
    const slice = bytes.subarray(offset, offset + PART_BYTES);
    const partKey = `${key}.part${i}`;
    ref.parts.push({ key: partKey, sha256: sha256(slice), bytes: slice.length });
    entries.push({ key: partKey, value: slice.toString('base64'), base64: true });
  }
  return { ref, entries };
}
/** The SHA-256 of each BLOCK_BYTES of a body, one after another. */
function blockHashes(bytes: Buffer): Section {
  if (PART_BYTES % BLOCK_BYTES) throw new Error('a part must be a whole number of blocks');
  const hashes = new Uint8Array(Math.ceil(bytes.length / BLOCK_BYTES) * 32);
  for (let b = 0; b * BLOCK_BYTES < bytes.length; b++) hashes.set(createHash('sha256').update(bytes.subarray(b * BLOCK_BYTES, (b + 1) * BLOCK_BYTES)).digest(), b * 32);
  return { arrays: { hashes } };
}

/**
 * Sections are packed, in order, into bodies of at most this size, so a small
 * table's whole index is one KV read; a larger section is a body of its own.
 * Either way a query reads and verifies only the bodies of the sections it
 * touches, at most this much beyond them.
 */
export const PACKED_BODY_BYTES = 256 * 1024;

/** A table's query index sections, stored: small ones packed together, large ones alone. */
function storedIndex(key: string, rows: number, sections: Record<string, Section>): { ref: QueryIndexRef; entries: KvEntry[] } {
  const ref: QueryIndexRef = { rows, bodies: [], sections: {} };
  const entries: KvEntry[] = [];
  let pack: [string, Buffer][] = [];
  const store = (group: [string, Buffer][]) => {
    if (!group.length) return;
    const bytes = Buffer.concat(group.map(([, b]) => b));
    // Content-addressed like every body: a key never changes its bytes.
    const body = stored(`${key}.${sha256(bytes).slice(0, 16)}.bin`, bytes, false);
    entries.push(...body.entries);
    const at = ref.bodies.push(body.ref) - 1;
    let offset = 0;
    for (const [name, b] of group) {
      ref.sections[name] = { body: at, offset, bytes: b.length } satisfies IndexSection;
      offset += b.length;
    }
  };
  for (const [name, section] of Object.entries(sections)) {
    const bytes = Buffer.from(encodeSection(section));
    if (bytes.length > PACKED_BODY_BYTES) store([[name, bytes]]);
    else {
      if (pack.reduce((n, [, b]) => n + b.length, 0) + bytes.length > PACKED_BODY_BYTES) {
        store(pack);
        pack = [];
      }
      pack.push([name, bytes]);
    }
  }
  store(pack);
  return { ref, entries };
}

const EXTENSION: Record<Encoding, string> = { br: 'br', gzip: 'gz' };

/** A body and its pre-compressed forms, as KV entries and the manifest's reference to them. */
/** `compress: false` for a body never sent as it is (a fragment a page inlines): no compressed forms to store. */
export function body(key: string, value: string, { compress = true } = {}): { ref: StoredBody; entries: KvEntry[] } {
  const bytes = Buffer.from(value, 'utf8');
  const identity = stored(key, bytes, true);
  const ref: StoredBody = { ...identity.ref, encodings: {} };
  const entries = [...identity.entries];
  if (!compress) return { ref, entries };
  for (const [encoding, compress] of Object.entries(COMPRESS) as [Encoding, (b: Buffer) => Buffer][]) {
    const packed = compress(bytes);
    if (packed.length >= bytes.length) continue;
    // Content-addressed: another zlib may compress differently, and a key must never change its bytes.
    const form = stored(`${key}.${sha256(packed).slice(0, 16)}.${EXTENSION[encoding]}`, packed, false);
    ref.encodings![encoding] = form.ref;
    entries.push(...form.entries);
  }
  return { ref, entries };
}

export function renderRelease(built: BuiltRelease): { manifest: Manifest; manifestRef: BodyRef; entries: KvEntry[] } {
  const { info } = built;
  const release = { version: info.version };
  const entries: KvEntry[] = [];
  const tables: Manifest['tables'] = [];
  for (const { table, rows } of built.tables) {
    const csvText = renderCsv(table.columns.map((c) => c.name), rows);
    const csv = body(kvKeys.table(info.version, table.name, 'csv', sha256(csvText)), csvText);
    const jsonText = renderEnvelope({
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
    });
    const json = body(kvKeys.table(info.version, table.name, 'json', sha256(jsonText)), jsonText);
    const sections = renderQueryIndex(table, rows, jsonText);
    if (json.ref.parts) sections[SECTION.blocks] = blockHashes(Buffer.from(jsonText, 'utf8'));
    const index = storedIndex(kvKeys.queryIndex(info.version, table.name), rows.length, sections);
    entries.push(...csv.entries, ...json.entries, ...index.entries);
    tables.push({ name: table.name, rows: rows.length, csv: csv.ref, json: json.ref, index: index.ref });
  }
  // The release's identity covers every data body, so any changed byte changes it.
  const hash = sha256(tables.map((t) => `${t.name}.csv ${t.csv.sha256}\n${t.name}.json ${t.json.sha256}\n`).join(''));
  const manifest: Manifest = { ...info, hash, tables };
  const value = JSON.stringify(manifest);
  // The pointer carries this reference, so a manifest is verified like any body.
  const hashOfManifest = sha256(value);
  const manifestRef: BodyRef = { key: kvKeys.manifest(info.version, hashOfManifest), sha256: hashOfManifest, bytes: Buffer.byteLength(value, 'utf8') };
  entries.push({ key: manifestRef.key, value });
  return { manifest, manifestRef, entries };
}

/** The pointer as stored, with its checksum (src/core/pointer-text.ts). */
export function serializePointer(pointer: Pointer): string {
  const body = pointerBody(pointer);
  return withChecksum(body, sha256(body));
}
