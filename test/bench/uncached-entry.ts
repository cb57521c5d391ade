// The real Worker with its per-isolate cache of rendered answers emptied before
// every request, for the benchmark's "uncached" routes: what a query costs the
// first time an isolate sees its URL (routing, query index, selection,
// rendering), where a repeated URL would only measure a cache hit.
import worker from '../../src/worker/index.ts';
import { clearRenderedCache } from '../../src/worker/http/rendered-cache.ts';
import type { Env } from '../../src/worker/kv/store.ts';

export default {
  fetch(request, env, ctx) {
    clearRenderedCache();
    return worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
