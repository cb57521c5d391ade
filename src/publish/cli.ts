// `npm run deploy`, `npm run promote`, `npm run releases`: publish the build to
// an environment's KV, move its pointer, or say what is published where.
//   npm run deploy -- [--env staging|production] [--local] [--dry-run]
//   npm run promote -- <version> [--env …] [--local]
//   npm run releases -- [--env …] [--local]
//   npm run repair -- [--env …] [--local] [--break-lease]
// repair is deploy without the Worker upload: it writes what KV lacks and a
// servable pointer, whatever state KV is in, and says what it found.
// --local works on wrangler's local KV (what `wrangler dev` reads); --persist-to
// picks its folder. Without --local, deploy finishes with `wrangler deploy`.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { buildAll } from '../pipeline/build-all.ts';
import { writePageFacts } from '../pipeline/render/page-facts.ts';
import { writeTableFacts } from '../pipeline/render/table-facts.ts';
import { DataError } from '../pipeline/validate/data-problem.ts';
import { WRANGLER_BIN as WRANGLER } from '../pipeline/repo.ts';
import { environment } from '../pipeline/environments.ts';
import { wranglerKv } from './kv-store.ts';
import { promote, publish, PublishRefused, readRemote } from './publish.ts';
import { releaseStatus } from './status.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    env: { type: 'string' },
    local: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    'break-lease': { type: 'boolean', default: false },
  },
});
const [command, ...rest] = positionals;
const log = (line: string) => console.log(line);
/**
 * How long a remote publish waits before reading its lease back: a few seconds
 * let a concurrent writer's lease land first, and cost nothing beside a deploy.
 * (KV promises no read-your-peer's-write; README "Deploy to Cloudflare" says what remains.)
 */
const SETTLE_MS = 3000;

async function main(): Promise<void> {
  const env = environment(values.env);
  log(`Building for ${env.name ?? 'the local setup'} (${env.origin})…`);
  const build = buildAll({ origin: env.origin, contact: env.contact });
  if (build.unrecorded.length) log(`note: ${build.unrecorded.join(', ')} not frozen in data/release-hashes.json (npm run data:freeze)`);
  const store = wranglerKv({ env: env.name, local: values.local, persistTo: values['persist-to'] });

  switch (command) {
    case 'deploy': {
      await publish(store, build, log, { dryRun: values['dry-run'], lease: { settleMs: values.local ? 0 : SETTLE_MS } });
      if (values.local) break;
      // The bundle imports what the build derived from the schemas.
      writeTableFacts();
      writePageFacts();
      const args = ['deploy', ...(env.name ? ['--env', env.name] : []), ...(values['dry-run'] ? ['--dry-run'] : [])];
      log(`wrangler ${args.join(' ')}`);
      const result = spawnSync(process.execPath, [WRANGLER, ...args], { stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`wrangler deploy failed (exit ${result.status}); KV is published, rerun to deploy the Worker`);
      break;
    }
    case 'promote': {
      const [version] = rest;
      if (!version) throw new Error('usage: npm run promote -- <version> [--env …] [--local]');
      await promote(store, build, version, log, { lease: { settleMs: values.local ? 0 : SETTLE_MS } });
      break;
    }
    case 'repair': {
      await publish(store, build, log, { lease: { breakLease: values['break-lease'], settleMs: values.local ? 0 : SETTLE_MS } });
      log('KV is consistent: every release the pointer names is complete, and the pointer can be served.');
      break;
    }
    case 'releases': {
      console.table(releaseStatus(build, await readRemote(store)));
      break;
    }
    default:
      throw new Error(`unknown command ${command ?? '(none)'}: use deploy, promote, releases or repair`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof DataError || error instanceof PublishRefused) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
