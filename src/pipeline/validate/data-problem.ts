/** One thing wrong with the data, located precisely enough to fix it. */
export interface DataProblem {
  release: string;
  table: string;
  /** Line in the source CSV (1 = header). */
  line?: number;
  /** Primary key of the row, where it can be read. */
  key?: string;
  field?: string;
  /** Short name of the rule broken, e.g. `foreign-key`. */
  rule: string;
  message: string;
}

export function formatProblem(p: DataProblem): string {
  const where = `${p.release}/${p.table}.csv${p.line ? `:${p.line}` : ''}`;
  const row = p.key ? ` row ${p.key}` : '';
  const field = p.field ? ` field ${p.field}` : '';
  return `${where}${row}${field}: ${p.message} [${p.rule}]`;
}

/** Thrown when a release cannot be built; carries every problem found, not just the first. */
export class DataError extends Error {
  readonly problems: DataProblem[];
  constructor(problems: DataProblem[]) {
    super(`${problems.length} data problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'DataError';
    this.problems = problems;
  }
}
