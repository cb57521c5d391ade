// The source texts the dataset was written from (../shared/seeds/, beside the
// checkout): read only to check that our text does not reuse their sentences.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEEDS_DIR } from '../repo.ts';

export interface SeedText {
  file: string;
  text: string;
}

/** Every seed text (the folder's README describes them and is not one), or undefined if the folder is missing. */
export function readSeeds(dir = SEEDS_DIR): SeedText[] | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}
