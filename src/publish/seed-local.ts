// `npm run kv:seed`: loads the build into wrangler's local KV (the real workerd
// KV simulation that `wrangler dev` reads), immutable keys first, pointer last.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BUILD_DIR } from '../pipeline/repo.ts';

const wrangler = (...args: string[]) => execFileSync('npx', ['wrangler', ...args], { stdio: 'inherit' });

wrangler('kv', 'bulk', 'put', join(BUILD_DIR, 'kv.json'), '--binding', 'DATA', '--local');
wrangler('kv', 'key', 'put', 'pointer', '--path', join(BUILD_DIR, 'pointer.json'), '--binding', 'DATA', '--local');
