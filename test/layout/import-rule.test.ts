// The folders of src/ are the code's lifetimes, and this says which may import which.
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/pipeline/repo.ts';
import { checkImports, LAYERS, sourceFiles } from './imports.ts';

describe('the import rule', () => {
  it('holds for every file in src/', () => {
    expect(checkImports(sourceFiles(ROOT))).toEqual([]);
  });

  it('puts every file of src/ in a layer', () => {
    const top = new Set(Object.keys(sourceFiles(ROOT)).map((f) => f.split('/')[1]));
    expect([...top].sort()).toEqual([...LAYERS].sort());
  });

  it('refuses zod, pipeline code, Node built-ins and other packages in the Worker', () => {
    expect(
      checkImports({
        'src/worker/x.ts': [
          "import * as z from 'zod';",
          "import type { Table } from '../schema/table.ts';",
          "import { buildAll } from '../pipeline/build-all.ts';",
          "import { createHash } from 'node:crypto';",
          "const lazy = await import('../publish/plan.ts');",
          "import { json } from 'itty-router';",
          "import facts from '../../.build/tables.json';",
          "export { paths } from '../core/paths.ts';",
        ].join('\n'),
      }).map((v) => [v.specifier, v.reason]),
    ).toEqual([
      ['zod', 'worker may import only the packages itty-router, not zod'],
      ['../schema/table.ts', 'worker may import only core, worker, not schema'],
      ['../pipeline/build-all.ts', 'worker may import only core, worker, not pipeline'],
      ['node:crypto', 'worker runs in workerd or both runtimes: no Node built-ins'],
      ['../publish/plan.ts', 'worker may import only core, worker, not publish'],
    ]);
  });

  it('keeps the core free of zod and of everything above it', () => {
    expect(
      checkImports({
        'src/core/x.ts': "import * as z from 'zod/mini';\nimport { tables } from '../schema/registry.ts';\nimport { stringify } from 'csv-stringify/sync';",
      }).map((v) => v.reason),
    ).toEqual(['core may import only the packages csv-stringify, not zod', 'core may import only core, not schema']);
  });

  it('lets the schemas import zod and the core only', () => {
    expect(
      checkImports({ 'src/schema/x.ts': "import * as z from 'zod';\nimport { LICENCE } from '../core/dataset.ts';\nimport { DATA_DIR } from '../pipeline/repo.ts';" }).map((v) => v.reason),
    ).toEqual(['schema may import only core, schema, not pipeline']);
  });
});
