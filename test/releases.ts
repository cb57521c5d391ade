// The published releases the tests name. A new release moves LATEST (and
// PREVIOUS); test/data/valid-data.test.ts checks these against data/releases/.
export const FIRST = '1.0.0';
export const PREVIOUS = '1.1.0';
export const LATEST = '1.2.0';
/** LATEST's date, as its release.json gives it. */
export const LATEST_DATE = '2026-12-02';
export const PUBLISHED = [FIRST, PREVIOUS, LATEST] as const;
