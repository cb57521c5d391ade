// Reading KV: within a deadline, as bytes or text, verified against the SHA-256
// the build wrote, so corrupt or missing bytes are a 503, never served.
import { unavailable } from '../../core/problem.ts';
import type { Env } from './env.ts';

/** A KV read slower than this is treated as a failure: answer 503 rather than hang. */
export const KV_DEADLINE_MS = 5_000;

/** For waitUntil: a promise that settles either way. */
export const settled = () => undefined;

/** A KV read that answers within the deadline or fails as "unavailable", however the binding fails. */
async function withDeadline<T>(read: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('deadline')), KV_DEADLINE_MS);
  });
  try {
    // Called in here, so a binding that throws synchronously is caught too.
    return await Promise.race([read(), deadline]);
  } catch {
    throw unavailable('The data store could not be read. Please retry shortly.');
  } finally {
    clearTimeout(timer);
  }
}

export async function readBytes(env: Env, key: string): Promise<Uint8Array> {
  const value = await withDeadline(() => env.DATA.get(key, 'arrayBuffer'));
  if (value === null) throw unavailable('Part of this release is not readable yet. Please retry shortly.');
  return new Uint8Array(value);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
export const readText = async (env: Env, key: string) => decodeText(await readBytes(env, key));

export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw unavailable('Stored data is not valid text. Please retry shortly.');
  }
}

/** One stored value, checked against its hash and size so corrupt bytes are never served. */
export async function readVerified(env: Env, ref: { key: string; sha256: string; bytes: number }): Promise<Uint8Array> {
  const bytes = await readBytes(env, ref.key);
  if (bytes.byteLength !== ref.bytes || (await sha256(bytes)) !== ref.sha256) {
    // Worth an alert: KV returned bytes other than the ones published under this key.
    console.error(`integrity check failed for ${ref.key}: ${bytes.byteLength} bytes, expected ${ref.bytes}`);
    throw unavailable('Stored data failed its integrity check. Please retry shortly.');
  }
  return bytes;
}

export async function sha256(data: string | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', typeof data === 'string' ? new TextEncoder().encode(data) : data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
