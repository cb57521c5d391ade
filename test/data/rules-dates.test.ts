// Rule `date-order`: an operation starts before it ends, and ends before its results are announced.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRelease } from '../../src/pipeline/validate/release.ts';
import { problem, problemsOf, replaceInFile, withBrokenRelease } from './mutate.ts';

// liberterra-iii: start, end, announced.
const L3_DATES = ',2025-11-10,2025-11-21,2026-01-26,';

describe('date-order', () => {
  it('an end date before the start date', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'operations.csv'), L3_DATES, ',2025-11-10,2025-11-09,2026-01-26,');
    });
    expect(problemsOf(dir)).toEqual([
      problem({ table: 'operations', line, key: 'liberterra-iii', field: 'end_date', rule: 'date-order', message: 'end_date 2025-11-09 is before start_date 2025-11-10' }),
    ]);
  });

  it('an announcement before the end date', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'operations.csv'), L3_DATES, ',2025-11-10,2025-11-21,2025-11-20,');
    });
    expect(problemsOf(dir)).toEqual([
      problem({
        table: 'operations',
        line,
        key: 'liberterra-iii',
        field: 'announced_date',
        rule: 'date-order',
        message: 'announced_date 2025-11-20 is before end_date 2025-11-21',
      }),
    ]);
  });

  it('dates across a year boundary compare as dates', () => {
    let line = 0;
    const dir = withBrokenRelease((d) => {
      line = replaceInFile(join(d, 'operations.csv'), L3_DATES, ',2026-01-02,2025-12-31,2026-01-26,');
    });
    expect(problemsOf(dir)).toEqual([
      problem({ table: 'operations', line, key: 'liberterra-iii', field: 'end_date', rule: 'date-order', message: 'end_date 2025-12-31 is before start_date 2026-01-02' }),
    ]);
  });

  it('a one-day operation announced the same day is in order', () => {
    const dir = withBrokenRelease((d) => {
      replaceInFile(join(d, 'operations.csv'), L3_DATES, ',2025-11-10,2025-11-10,2025-11-10,');
    });
    expect(() => buildRelease(dir)).not.toThrow();
  });
});
