// The one mutable key: read at most once per TTL per isolate, checked by its own
// checksum, and kept while KV cannot be read.
import { kvKeys } from '../../core/paths.ts';
import { splitChecksum } from '../../core/pointer-text.ts';
import { unavailable } from '../../core/problem.ts';
import type { Pointer } from '../../core/release-types.ts';
import type { Env } from './env.ts';
import { readText, settled, sha256 } from './reads.ts';

/** How long an isolate trusts the pointer it read before asking KV again. */
const POINTER_TTL_MS = 30_000;
let pointerCache: { value: Pointer; at: number } | undefined;
let pointerRead: Promise<Pointer> | undefined;

export async function loadPointer(env: Env, now = Date.now()): Promise<Pointer> {
  if (pointerCache && now - pointerCache.at < POINTER_TTL_MS) return pointerCache.value;
  if (pointerRead) return pointerRead;
  pointerRead = readText(env, kvKeys.pointer)
    .then(verifyPointer)
    .then((text) => JSON.parse(text) as Pointer)
    .then((value) => {
      pointerCache = { value, at: now };
      return value;
    })
    .catch((error) => {
      // Keep serving the last pointer we had while KV recovers, and do not ask
      // again for another TTL: every request would otherwise wait out a deadline.
      if (pointerCache) {
        pointerCache = { value: pointerCache.value, at: now };
        return pointerCache.value;
      }
      throw error instanceof SyntaxError ? unavailable('The release pointer is unreadable. Please retry shortly.') : error;
    })
    .finally(() => {
      pointerRead = undefined;
    });
  env.waitUntil?.(pointerRead.then(settled, settled));
  return pointerRead;
}

/**
 * The pointer ends with the SHA-256 of the JSON before it (src/core/pointer-text.ts):
 * a corrupt pointer that still parses must not move latest, and one without a
 * checksum was not written by a build.
 */
async function verifyPointer(text: string): Promise<string> {
  const split = splitChecksum(text);
  if (!split || (await sha256(split.body)) !== split.sha256) {
    throw unavailable('The release pointer failed its integrity check. Please retry shortly.');
  }
  return text;
}

/** For tests: forget the pointer. */
export function clearPointer(): void {
  pointerCache = undefined;
  pointerRead = undefined;
}
