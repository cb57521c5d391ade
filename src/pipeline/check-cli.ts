// `npm run data:check`: validates every release; exits 1 naming each problem.
import { buildAll } from './build-all.ts';
import { DataError } from './validate/data-problem.ts';

try {
  const { releases, unrecorded } = buildAll({ seeds: 'required' });
  for (const { manifest } of releases) {
    const counts = manifest.tables.map((t) => `${t.name} ${t.rows}`).join(', ');
    console.log(`ok ${manifest.version}: ${counts}`);
  }
  if (unrecorded.length) console.log(`not yet frozen: ${unrecorded.join(', ')}`);
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(error.message);
  process.exit(1);
}
