// Entry point: refuses oversized requests, then hands every request to the router.
import { checkLimits } from './http/limits.ts';
import { respondProblem } from './http/respond.ts';
import { router } from './router.ts';
import type { Env } from './kv/store.ts';

export default {
  async fetch(request: Request, env: Env, ctx?: ExecutionContext): Promise<Response> {
    const tooLarge = checkLimits(request);
    if (tooLarge) return respondProblem(request, tooLarge);
    // Reads this request starts may be shared with others: keep them alive past its end.
    return router.fetch(request, { DATA: env.DATA, CONTACT_EMAIL: env.CONTACT_EMAIL, waitUntil: (promise) => ctx?.waitUntil(promise) });
  },
} satisfies ExportedHandler<Env>;
