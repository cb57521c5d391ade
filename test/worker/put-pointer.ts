// Tests that move the pointer write it as a deploy does, with its checksum:
// the Worker refuses a pointer without one.
import { env } from 'cloudflare:workers';
import builtJson from '../../.build/pointer.json';
import { serializePointer } from '../../src/pipeline/render/bodies.ts';
import { kvKeys } from '../../src/core/paths.ts';
import type { Manifest, Pointer } from '../../src/core/release-types.ts';
import { sha256 } from '../../src/worker/kv/store.ts';

/** The pointer the build wrote, as data. */
export const builtPointer: Pointer = { latest: builtJson.latest, releases: builtJson.releases as Pointer['releases'] };

export const putPointer = (pointer: Pointer) => env.DATA.put('pointer', serializePointer(pointer));

/**
 * Publishes an edited copy of a built release's manifest, content-addressed as
 * the build does, and points the pointer at it (the other releases as built).
 */
export async function pointAtEditedManifest(version: string, edit: (manifest: Manifest) => Manifest): Promise<void> {
  const release = builtPointer.releases.find((r) => r.version === version)!;
  const manifest = JSON.parse((await env.DATA.get(release.manifest.key))!) as Manifest;
  const bytes = new TextEncoder().encode(JSON.stringify(edit(manifest)));
  const hash = await sha256(bytes);
  const key = kvKeys.manifest(version, hash);
  await env.DATA.put(key, bytes);
  const summary = { ...release, manifest: { key, sha256: hash, bytes: bytes.length } };
  await putPointer({ ...builtPointer, releases: builtPointer.releases.map((r) => (r.version === version ? summary : r)) });
}
