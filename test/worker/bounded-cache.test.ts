// The bound on what an isolate keeps (verified parts of large bodies, rendered
// answers): oldest out first, by bytes and by count, never over the bound.
import { expect, it } from 'vitest';
import { BoundedCache } from '../../src/worker/bounded-cache.ts';

const keys = (cache: BoundedCache<string>, names: string[]) => names.filter((k) => cache.peek(k) !== undefined);

it('evicts the oldest entries until a new one fits in the bytes', () => {
  const cache = new BoundedCache<string>(10);
  cache.set('a', 'A', 4);
  cache.set('b', 'B', 4);
  cache.set('c', 'C', 4);
  expect(keys(cache, ['a', 'b', 'c'])).toEqual(['b', 'c']);
});

it('keeps what get() touched, and not what peek() looked at', () => {
  const cache = new BoundedCache<string>(8);
  cache.set('a', 'A', 4);
  cache.set('b', 'B', 4);
  expect(cache.get('a')).toBe('A');
  cache.set('c', 'C', 4);
  expect(keys(cache, ['a', 'b', 'c'])).toEqual(['a', 'c']);
  expect(cache.peek('a')).toBe('A');
  cache.set('d', 'D', 4);
  expect(keys(cache, ['a', 'b', 'c', 'd'])).toEqual(['c', 'd']);
});

it('bounds the number of entries too', () => {
  const cache = new BoundedCache<string>(100, 2);
  for (const k of ['a', 'b', 'c']) cache.set(k, k, 1);
  expect(keys(cache, ['a', 'b', 'c'])).toEqual(['b', 'c']);
});

it('does not keep a value larger than the whole bound, nor evict for it', () => {
  const cache = new BoundedCache<string>(8);
  cache.set('a', 'A', 4);
  cache.set('huge', 'H', 9);
  expect(keys(cache, ['a', 'huge'])).toEqual(['a']);
});

it('frees the bytes of a replaced or deleted entry', () => {
  const cache = new BoundedCache<string>(8);
  cache.set('a', 'A', 8);
  cache.set('a', 'A2', 4);
  cache.set('b', 'B', 4);
  expect(keys(cache, ['a', 'b'])).toEqual(['a', 'b']);
  cache.delete('a');
  cache.set('c', 'C', 4);
  expect(keys(cache, ['a', 'b', 'c'])).toEqual(['b', 'c']);
  cache.clear();
  cache.set('d', 'D', 8);
  expect(cache.peek('d')).toBe('D');
});
