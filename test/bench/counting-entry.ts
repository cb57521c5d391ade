// The real Worker behind a wrapper that counts KV reads, for the benchmark's
// reads-per-request figures; GET /__bench/kv-reads answers the count.
import worker from '../../src/worker/index.ts';
import type { Env } from '../../src/worker/kv/store.ts';

let reads = 0;

function counting(kv: KVNamespace): KVNamespace {
  return new Proxy(kv, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      if (property === 'get' || property === 'getWithMetadata') {
        return (...args: unknown[]) => {
          reads++;
          return value.apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
}

export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === '/__bench/kv-reads') return new Response(String(reads));
    return worker.fetch(request, { DATA: counting(env.DATA) }, ctx);
  },
} satisfies ExportedHandler<Env>;
