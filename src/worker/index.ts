// Entry point: hands every request to the router.
import { router } from './router.ts';
import type { Env } from './store.ts';

export default {
  fetch: (request, env) => router.fetch(request, env),
} satisfies ExportedHandler<Env>;
