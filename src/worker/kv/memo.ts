// Everything but the pointer is immutable, so each key is read at most once per
// isolate; concurrent misses share one read, kept alive by the waitUntil of the
// request that started it.
import { type Env } from './env.ts';
import { settled } from './reads.ts';

const memo = new Map<string, Promise<unknown>>();

/** Memoises a load; a failed load is forgotten so the next request retries. */
export function once<T>(env: Env, key: string, load: () => Promise<T>): Promise<T> {
  let promise = memo.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    memo.set(key, promise);
    promise.catch(() => memo.delete(key));
    env.waitUntil?.(promise.then(settled, settled));
  }
  return promise;
}

/** For tests: forget every memoised load. */
export function clearMemo(): void {
  memo.clear();
}
