// Everything but the pointer is immutable, so each key is read at most once per
// isolate while it is held; concurrent misses share one read, kept alive by the
// waitUntil of the request that started it. What is held is bounded by bytes:
// the least recently used loads go first, and are read again if asked for.
import { BoundedCache } from '../bounded-cache.ts';
import { type Env } from './env.ts';
import { settled } from './reads.ts';

/** Parsed manifests, indexes and small bodies of a few releases fit many times over. */
const MAX_BYTES = 32 * 1024 * 1024;
const memo = new BoundedCache<Promise<unknown>>(MAX_BYTES);

/**
 * Memoises a load; a failed load is forgotten so the next request retries.
 * `bytes`: what the result holds, roughly (the stored size of what it parses).
 */
export function once<T>(env: Env, key: string, bytes: number, load: () => Promise<T>): Promise<T> {
  let promise = memo.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    memo.set(key, promise, bytes + key.length * 2);
    const held = promise;
    promise.catch(() => {
      if (memo.peek(key) === held) memo.delete(key);
    });
    env.waitUntil?.(promise.then(settled, settled));
  }
  return promise;
}

/** For tests: the bytes the held loads count for. */
export function memoBytes(): number {
  return memo.heldBytes;
}

/** For tests: forget every memoised load. */
export function clearMemo(): void {
  memo.clear();
}
