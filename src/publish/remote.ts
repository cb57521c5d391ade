// What a KV namespace holds, read so that no state of it can crash the tooling:
// a pointer that is missing, truncated, not JSON, of the wrong shape or with a
// bad checksum is reported as such (and repaired by the next deploy), and every
// manifest is listed, readable or not, by version.
import { kvKeys, MANIFEST_KEY } from '../core/paths.ts';
import type { Manifest, Pointer } from '../core/release-types.ts';
import { splitChecksum } from '../core/pointer-text.ts';
import { sha256 } from '../pipeline/render/bodies.ts';
import { manifest as manifestSchema, pointer as pointerSchema } from '../schema/release.ts';
import type { KvStore } from './kv-store.ts';

export type PointerState =
  | { state: 'ok'; pointer: Pointer; text: string }
  | { state: 'missing' }
  /** Present but not servable: the Worker refuses it, and the next deploy rewrites it. */
  | { state: 'unreadable'; reason: string; text: string; pointer?: Pointer };

export interface StoredManifest {
  key: string;
  manifest: Manifest;
}

export interface RemoteState {
  keys: Set<string>;
  /** Every readable manifest KV holds, by version: one per publication of its documents, or stale ones of unpublished builds. */
  manifests: Map<string, StoredManifest[]>;
  /** Manifest keys whose value is not a manifest. */
  unreadableManifests: string[];
  pointer: PointerState;
}

/** The pointer, if it can be served. */
export const servedPointer = (remote: RemoteState): Pointer | null => (remote.pointer.state === 'ok' ? remote.pointer.pointer : null);

export function readPointerText(text: string): PointerState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { state: 'unreadable', reason: `it is not JSON (${text.length} bytes; truncated?)`, text };
  }
  const result = pointerSchema.safeParse(parsed);
  if (!result.success) return { state: 'unreadable', reason: `it is not a pointer: ${result.error.issues[0]?.message ?? 'wrong shape'} at ${result.error.issues[0]?.path.join('.') || 'the top'}`, text };
  const split = splitChecksum(text);
  if (!split) return { state: 'unreadable', reason: 'it lacks the checksum a build writes', text, pointer: result.data };
  if (sha256(split.body) !== split.sha256) return { state: 'unreadable', reason: 'its checksum does not match its content', text, pointer: result.data };
  return { state: 'ok', pointer: result.data, text };
}

export async function readPointer(store: KvStore, keys?: Set<string>): Promise<PointerState> {
  const present = keys ?? (await store.keys(kvKeys.pointer));
  if (!present.has(kvKeys.pointer)) return { state: 'missing' };
  return readPointerText(await store.get(kvKeys.pointer));
}

export async function readRemote(store: KvStore): Promise<RemoteState> {
  const keys = await store.keys();
  const manifests = new Map<string, StoredManifest[]>();
  const unreadableManifests: string[] = [];
  for (const key of [...keys].sort()) {
    const match = MANIFEST_KEY.exec(key);
    if (!match) continue;
    let manifest: Manifest | undefined;
    try {
      manifest = manifestSchema.parse(JSON.parse(await store.get(key)));
    } catch {
      unreadableManifests.push(key);
      continue;
    }
    manifests.set(match[1]!, [...(manifests.get(match[1]!) ?? []), { key, manifest }]);
  }
  return { keys, manifests, unreadableManifests, pointer: await readPointer(store, keys) };
}
