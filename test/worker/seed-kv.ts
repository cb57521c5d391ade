// Seeds the test KV with exactly what `npm run build` produced, pointer last.
import { env } from 'cloudflare:workers';
import { beforeAll } from 'vitest';
import entries from '../../.build/kv.json';
import pointer from '../../.build/pointer.json';

beforeAll(async () => {
  for (const { key, value } of entries) await env.DATA.put(key, value);
  await env.DATA.put('pointer', JSON.stringify(pointer));
});
