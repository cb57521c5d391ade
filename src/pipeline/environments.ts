// Where each environment lives, read from wrangler.toml: the one place that
// names environments, their KV namespaces and their public origins.
import { unstable_readConfig } from 'wrangler';
import { WRANGLER_CONFIG as CONFIG } from './repo.ts';

export interface Environment {
  /** `undefined` is the top-level (local) setup. */
  name: string | undefined;
  /** Where the API is served; absolute URLs in documents start with it. */
  origin: string;
}

export function environment(name?: string): Environment {
  const config = unstable_readConfig({ config: CONFIG, env: name });
  if (name && !config.kv_namespaces.some((ns: { binding: string }) => ns.binding === 'DATA')) {
    throw new Error(`wrangler.toml has no DATA KV namespace for [env.${name}]`);
  }
  const origin = (config.vars as Record<string, unknown>).PUBLIC_ORIGIN;
  if (typeof origin !== 'string' || !URL.canParse(origin)) throw new Error(`wrangler.toml: set vars.PUBLIC_ORIGIN${name ? ` in [env.${name}]` : ''} to the public URL`);
  return { name, origin: origin.replace(/\/+$/, '') };
}
