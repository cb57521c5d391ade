// wrangler.toml is the one place environments are named: each has its own KV
// namespace, public origin and contact address, and the local one is what the build defaults to.
import { expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { environment } from '../../src/pipeline/environments.ts';

const CONFIG = new URL('../../wrangler.toml', import.meta.url).pathname;

it('builds local documents for the origin wrangler dev serves', () => {
  expect(environment().origin).toBe(`http://localhost:${unstable_readConfig({ config: CONFIG }).dev.port}`);
});

it.each(['staging', 'production'])('gives %s its own KV namespace and an https origin', (name) => {
  const config = unstable_readConfig({ config: CONFIG, env: name });
  const local = unstable_readConfig({ config: CONFIG });
  expect(config.kv_namespaces.map((ns: { binding: string }) => ns.binding)).toEqual(['DATA']);
  expect(config.kv_namespaces[0]!.id).not.toBe(local.kv_namespaces[0]!.id);
  expect(environment(name).origin).toMatch(/^https:\/\//);
});

it('gives every environment a contact address for corrections, as wrangler.toml sets it', () => {
  for (const name of [undefined, 'staging', 'production']) {
    const vars = unstable_readConfig({ config: CONFIG, env: name }).vars as Record<string, string>;
    expect(environment(name).contact).toEqual({ email: vars.CONTACT_EMAIL });
  }
});

it('refuses an environment wrangler.toml does not define', () => {
  expect(() => environment('nowhere')).toThrow();
});
