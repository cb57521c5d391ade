// Entry point: refuses oversized requests, then hands every request to the router.
import { checkLimits } from './limits.ts';
import { respondProblem } from './respond.ts';
import { router } from './router.ts';
import type { Env } from './store.ts';

export default {
  async fetch(request, env) {
    const tooLarge = checkLimits(request);
    return tooLarge ? respondProblem(request, tooLarge) : router.fetch(request, env);
  },
} satisfies ExportedHandler<Env>;
