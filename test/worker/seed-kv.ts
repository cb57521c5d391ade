// Seeds the test KV with exactly what `npm run build` produced, pointer last.
import { env } from 'cloudflare:workers';
import { beforeAll } from 'vitest';
import entries from '../../.build/kv.json';
import pointer from '../../.build/pointer.json';

beforeAll(async () => {
  for (const entry of entries as { key: string; value: string; base64?: boolean }[]) {
    await env.DATA.put(entry.key, entry.base64 ? Uint8Array.from(atob(entry.value), (c) => c.charCodeAt(0)) : entry.value);
  }
  await env.DATA.put('pointer', JSON.stringify(pointer));
});
