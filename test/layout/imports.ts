// Which folder of src/ may import which: the lifetimes of the code, as a table.
// core is plain TypeScript both sides share; schema is zod; pipeline and
// publish run in Node at build and deploy time; worker runs per request in workerd.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const LAYERS = ['core', 'schema', 'pipeline', 'publish', 'worker'] as const;
export type Layer = (typeof LAYERS)[number];

interface Rule {
  /** Folders of src/ it may import from (its own included). */
  layers: readonly Layer[];
  /** npm packages it may import; `node` allows Node's built-ins too. */
  packages: readonly string[] | 'any';
  node: boolean;
  /** Files outside src/ it may import, from the checkout's root. */
  files?: readonly string[];
}

export const RULES: Record<Layer, Rule> = {
  // csv-stringify writes every CSV, in the build and per request alike.
  core: { layers: ['core'], packages: ['csv-stringify'], node: false },
  schema: { layers: ['core', 'schema'], packages: ['zod'], node: false },
  pipeline: { layers: ['core', 'schema', 'pipeline'], packages: 'any', node: true },
  publish: { layers: ['core', 'schema', 'pipeline', 'publish'], packages: 'any', node: true },
  // The table facts the build derived from the schemas, and the pages' CSP, as plain JSON.
  worker: { layers: ['core', 'worker'], packages: ['itty-router'], node: false, files: ['.build/tables.json', '.build/pages.json'] },
};

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

/** Every module specifier a file names: static and dynamic imports, re-exports, type-only ones too. */
export function specifiersOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** `zod/mini` → `zod`; `@cloudflare/workers-types/x` → `@cloudflare/workers-types`. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** The rule broken by each import of `files` (path from the root → source text). */
export function checkImports(files: Record<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const [file, source] of Object.entries(files)) {
    const layer = file.split('/')[1] as Layer;
    const rule = RULES[layer];
    if (!rule) {
      violations.push({ file, specifier: '', reason: `src/${layer}/ is no layer: put the file in one of ${LAYERS.join(', ')}` });
      continue;
    }
    for (const specifier of specifiersOf(source)) {
      const reason = brokenRule(file, layer, rule, specifier);
      if (reason) violations.push({ file, specifier, reason });
    }
  }
  return violations;
}

function brokenRule(file: string, layer: Layer, rule: Rule, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = relative('/', resolve('/', dirname(file), specifier));
    if (rule.files?.includes(target)) return undefined;
    const [top, into] = target.split('/');
    if (top !== 'src') return `${layer} may not import ${target} from outside src/`;
    return rule.layers.includes(into as Layer) ? undefined : `${layer} may import only ${rule.layers.join(', ')}, not ${into}`;
  }
  if (specifier.startsWith('node:')) return rule.node ? undefined : `${layer} runs in workerd or both runtimes: no Node built-ins`;
  if (rule.packages === 'any') return undefined;
  const name = packageOf(specifier);
  return rule.packages.includes(name) ? undefined : `${layer} may import only the packages ${rule.packages.join(', ') || '(none)'}, not ${name}`;
}

/** Every .ts file under src/, by path from the root. */
export function sourceFiles(root: string): Record<string, string> {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
    });
  return Object.fromEntries(walk(join(root, 'src')).map((path) => [relative(root, path), readFileSync(path, 'utf8')]));
}
