// The pointer as stored: its JSON with the SHA-256 of that JSON as a last key,
// so a corrupt pointer can be told from a real move. One definition for the
// build and publish (which write and check it) and the Worker (which checks it);
// each brings its own SHA-256, Node's being synchronous and the Worker's not.
import type { Pointer } from './release-types.ts';

/** The JSON the checksum covers. */
export const pointerBody = (pointer: Pointer) =>
  JSON.stringify({ latest: pointer.latest, releases: pointer.releases, ...(pointer.generation === undefined ? {} : { generation: pointer.generation }) });

/** That JSON with its checksum added as the last key. */
export const withChecksum = (body: string, sha256: string) => `${body.slice(0, -1)},"sha256":"${sha256}"}`;

/** A stored pointer split into the JSON its checksum covers and the checksum; undefined if it has none. */
export function splitChecksum(text: string): { body: string; sha256: string } | undefined {
  const match = /,"sha256":"([0-9a-f]{64})"\}$/.exec(text);
  return match ? { body: `${text.slice(0, match.index)}}`, sha256: match[1]! } : undefined;
}
