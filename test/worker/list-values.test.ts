// Comma-separated parameter values (filters, fields, sort), read as a CSV line
// reads its fields: quoting any value as CSV does and reading the line back
// gives the same values, whatever characters they hold.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { splitList } from '../../src/core/query-params.ts';

const quoted = (v: string) => `"${v.replaceAll('"', '""')}"`;
// Values as the data holds them: not empty, no space at either end.
const value = fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '"', 'é', '-', '1'), minLength: 1, maxLength: 8 }).filter((v) => v.trim() === v && v !== '');

it('reads back quoted values exactly, commas and quotes included', () => {
  fc.assert(
    fc.property(fc.array(value, { minLength: 1, maxLength: 5 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (values, quoteAll) => {
      // Values without a comma or quote may go either way; the rest must be quoted.
      const line = values.map((v, i) => (quoteAll[i] || /[,"]/.test(v) ? quoted(v) : v)).join(', ');
      expect(splitList(line)).toEqual(values);
    }),
    { seed: 20261123, numRuns: 2000 },
  );
});

it('drops empty values and the space around values', () => {
  expect(splitList(' a , ,b,')).toEqual(['a', 'b']);
  expect(splitList('')).toEqual([]);
  expect(splitList(' "a, b" ,c')).toEqual(['a, b', 'c']);
});

it('keeps a quote inside an unquoted value as it is', () => {
  expect(splitList('say "hi",x')).toEqual(['say "hi"', 'x']);
});

it('refuses a quoted value left open or followed by more than a comma', () => {
  expect(splitList('"a, b')).toBeUndefined();
  expect(splitList('"a""')).toBeUndefined();
  expect(splitList('"a"b,c')).toBeUndefined();
});
