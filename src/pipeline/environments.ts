// Where each environment lives, read from wrangler.toml: the one place that
// names environments, their KV namespaces and their public origins.
import { unstable_readConfig } from 'wrangler';
import { WRANGLER_CONFIG as CONFIG } from './repo.ts';
import type { Contact } from '../core/pages/frame.ts';

/** An address a mailto: link can carry as it is. */
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export interface Environment {
  /** `undefined` is the top-level (local) setup. */
  name: string | undefined;
  /** Where the API is served; absolute URLs in documents start with it. */
  origin: string;
  /** Where readers send corrections (DCAT contactPoint, citation, page footers). */
  contact: Contact;
}

export function environment(name?: string): Environment {
  const config = unstable_readConfig({ config: CONFIG, env: name });
  if (name && !config.kv_namespaces.some((ns: { binding: string }) => ns.binding === 'DATA')) {
    throw new Error(`wrangler.toml has no DATA KV namespace for [env.${name}]`);
  }
  const vars = config.vars as Record<string, unknown>;
  const where = name ? ` in [env.${name}]` : '';
  const origin = vars.PUBLIC_ORIGIN;
  if (typeof origin !== 'string' || !URL.canParse(origin)) throw new Error(`wrangler.toml: set vars.PUBLIC_ORIGIN${where} to the public URL`);
  const email = vars.CONTACT_EMAIL;
  if (typeof email !== 'string' || !EMAIL.test(email)) throw new Error(`wrangler.toml: set vars.CONTACT_EMAIL${where} to the address that takes corrections, e.g. corrections@example.org`);
  return { name, origin: origin.replace(/\/+$/, ''), contact: { email } };
}
