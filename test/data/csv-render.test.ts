// renderCsv: the one place that writes CSV. RFC 4180 (CRLF, quotes only where needed),
// lists joined with ';', null as an empty cell, optional BOM, formula-looking text escaped.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/core/render/csv.ts';
import type { Row } from '../../src/core/table-types.ts';

const BOM = '\uFEFF';

describe('renderCsv', () => {
  it('writes a header row and CRLF line ends, quoting only where needed', () => {
    const csv = renderCsv(['id', 'name', 'count'], [
      { id: 'a', name: 'Plain text', count: 3 },
      { id: 'b', name: 'Smith, Jo', count: 0 },
      { id: 'c', name: 'The "Zorritos"', count: 1.5 },
    ]);
    expect(csv).toBe('id,name,count\r\na,Plain text,3\r\nb,"Smith, Jo",0\r\nc,"The ""Zorritos""",1.5\r\n');
  });

  it('joins lists with ; and writes null, undefined and an empty list as empty cells', () => {
    const csv = renderCsv(['id', 'tags', 'note', 'missing', 'empty'], [{ id: 'a', tags: ['x', 'y', 'z'], note: null, empty: [] }]);
    expect(csv).toBe('id,tags,note,missing,empty\r\na,x;y;z,,,\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(renderCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });

  it('writes columns in the order given, ignoring other fields of a row', () => {
    expect(renderCsv(['b', 'a'], [{ a: 1, b: 2, c: 3 }])).toBe('b,a\r\n2,1\r\n');
  });

  it('adds a UTF-8 byte order mark only when asked', () => {
    const rows: Row[] = [{ name: "Côte d'Ivoire" }];
    expect(renderCsv(['name'], rows)).toBe("name\r\nCôte d'Ivoire\r\n");
    expect(renderCsv(['name'], rows, {})).toBe("name\r\nCôte d'Ivoire\r\n");
    expect(renderCsv(['name'], rows, { bom: false })).toBe("name\r\nCôte d'Ivoire\r\n");
    expect(renderCsv(['name'], rows, { bom: true })).toBe(`${BOM}name\r\nCôte d'Ivoire\r\n`);
  });

  it('escapes text a spreadsheet would run as a formula with a leading single quote', () => {
    const csv = renderCsv(['v'], [{ v: '=HYPERLINK("https://evil.example/")' }, { v: '+1' }, { v: '-1' }, { v: '@SUM(A1)' }, { v: '\tx' }]);
    expect(csv).toBe('v\r\n"\'=HYPERLINK(""https://evil.example/"")"\r\n\'+1\r\n\'-1\r\n\'@SUM(A1)\r\n\'\tx\r\n');
  });

  it('leaves a negative number alone: -5 stays -5, while the text "-5" is escaped', () => {
    expect(renderCsv(['n', 's'], [{ n: -5, s: '-5' }])).toBe("n,s\r\n-5,'-5\r\n");
  });

  it('does not escape formula characters that are not first', () => {
    expect(renderCsv(['v'], [{ v: 'a=b+c-d@e' }])).toBe('v\r\na=b+c-d@e\r\n');
  });

  it('quotes a cell containing CRLF', () => {
    expect(renderCsv(['a', 'b'], [{ a: 'x\r\ny', b: 'z' }])).toBe('a,b\r\n"x\r\ny",z\r\n');
  });

  // BUG (src/core/render/csv.ts): with an explicit record_delimiter, csv-stringify's
  // quote_record_delimiter defaults to false, so a cell holding a bare LF or CR is
  // written unquoted. RFC 4180 forbids CR and LF in unquoted fields, and most readers
  // (Excel, Python's csv) split the record there. Reachable through /v1/releases.csv,
  // whose title and notes come from release.json, which allows line breaks.
  // Fix: pass `quote_record_delimiter: true` to stringify.
  it('quotes a cell containing a bare LF', () => {
    expect(renderCsv(['a', 'b'], [{ a: 'x\ny', b: 'z' }])).toBe('a,b\r\n"x\ny",z\r\n');
  });

  it('quotes a cell containing a bare CR', () => {
    expect(renderCsv(['a', 'b'], [{ a: 'x\ry', b: 'z' }])).toBe('a,b\r\n"x\ry",z\r\n');
  });
});

// csv-parse learns the record delimiter (CRLF) from the header line, so it reads back even
// the unquoted bare LF / CR cells of the bug above; stricter readers would not.
describe('renderCsv round-trips through a CSV parser', () => {
  const FORMULA_START = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
  const startsLikeFormula = (s: string) => FORMULA_START.includes(s[0] ?? '');

  // Characters that matter to CSV (and to formula escaping) often, any code point now and then.
  const char = fc.oneof(
    fc.constantFrom(',', '"', ';', '\n', '\r', '\r\n', ' ', "'", '\uFEFF', ...FORMULA_START),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const anyText = fc.string({ unit: char, maxLength: 20 });
  const plainText = anyText.filter((s) => !startsLikeFormula(s));
  const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  const table = (text: fc.Arbitrary<string>) =>
    fc.integer({ min: 1, max: 6 }).chain((width) => {
      const columns = Array.from({ length: width }, (_, i) => `c${i}`);
      const cell = fc.oneof(text, number, fc.constant(null));
      const row = fc.tuple(...columns.map(() => cell)).map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i]!])) as Row);
      return fc.tuple(fc.constant(columns), fc.array(row, { maxLength: 8 }));
    });
  const asText = (value: Row[string]) => (value === null ? '' : String(value));
  const parsed = (csv: string) => parse(csv, { relax_column_count: false }) as string[][];

  it('gives back every cell of text, numbers and nulls', () => {
    fc.assert(
      fc.property(table(plainText), ([columns, rows]) => {
        expect(parsed(renderCsv(columns, rows))).toEqual([columns, ...rows.map((row) => columns.map((c) => asText(row[c]!)))]);
      }),
      { numRuns: 500 },
    );
  });

  it('gives back formula-looking text with exactly one leading single quote', () => {
    fc.assert(
      fc.property(table(anyText), ([columns, rows]) => {
        const expected = (value: Row[string]) => (typeof value === 'string' && startsLikeFormula(value) ? `'${value}` : asText(value));
        expect(parsed(renderCsv(columns, rows))).toEqual([columns, ...rows.map((row) => columns.map((c) => expected(row[c]!)))]);
      }),
      { numRuns: 500 },
    );
  });

  it('with a BOM, parses the same once the BOM is dropped', () => {
    fc.assert(
      fc.property(table(plainText), ([columns, rows]) => {
        const withBom = renderCsv(columns, rows, { bom: true });
        expect(withBom.startsWith(BOM)).toBe(true);
        expect(parse(withBom, { bom: true })).toEqual(parsed(renderCsv(columns, rows)));
      }),
      { numRuns: 200 },
    );
  });
});
