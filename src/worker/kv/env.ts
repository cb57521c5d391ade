// What the Worker is given: the KV binding, its settings, and a way to outlive the request.
import type { Contact } from '../../core/pages/frame.ts';

export interface Env {
  DATA: KVNamespace;
  /** Where readers send corrections (wrangler.toml's vars, per environment); pages show it. */
  CONTACT_EMAIL?: string;
  /**
   * The current request's ctx.waitUntil. A read shared with other requests must
   * outlive the request that started it: workerd cancels a request's pending
   * I/O when it ends, which would leave the others waiting forever.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** The contact a page shows, if this environment names one. */
export const contactOf = (env: Env): { contact?: Contact } => (env.CONTACT_EMAIL ? { contact: { email: env.CONTACT_EMAIL } } : {});
