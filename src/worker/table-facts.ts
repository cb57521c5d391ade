// The tables, as the build derived them from their zod schemas (`npm run build`
// writes .build/tables.json; src/pipeline/render/table-facts.ts).
import built from '../../.build/tables.json';
import type { TableFacts } from '../core/table-types.ts';

/** Every table, in the order indexes and documents list them. */
export const tables = built as unknown as readonly TableFacts[];

const byName = new Map(tables.map((t) => [t.name, t]));

export function tableNamed(name: string): TableFacts | undefined {
  return byName.get(name);
}
