// Where things are in this checkout, said once for the build, the publish CLI and the tests.

const at = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

/** The checkout's root folder, with a trailing slash. */
export const ROOT = at('');
/** Source tables and their hand-kept companions. */
export const DATA_DIR = at('data/');
/** What the build writes: KV entries, the pointer, table facts, the bundle. */
export const BUILD_DIR = at('.build/');
/** The source texts of the dataset, which live beside the checkout (../shared/seeds). */
export const SEEDS_DIR = at('../shared/seeds/');
export const WRANGLER_CONFIG = at('wrangler.toml');
/** Run with this process's Node (wrangler needs >= 22.12), whatever `node` is on PATH. */
export const WRANGLER_BIN = at('node_modules/wrangler/bin/wrangler.js');
