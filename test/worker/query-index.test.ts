// The query index (built once per table) answers every query exactly as
// evaluating it over the table's parsed rows would: filters, ranges, search,
// facets, sort and paging, checked against that plain evaluation for generated queries.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import entries from '../../.build/kv.json';
import builtPointer from '../../.build/pointer.json';
import { cellItems, cellText, compareCells, fold, isEmpty } from '../../src/core/cells.ts';
import type { Pointer } from '../../src/core/release-types.ts';
import type { Row, TableFacts } from '../../src/core/table-types.ts';
import { tables } from '../../src/worker/table-facts.ts';
import { factsAsOf } from '../../src/core/columns-as-of.ts';
import { getJson } from './fetch.ts';
import { parseSearch, words } from '../../src/core/words.ts';
import { tableKey } from '../built.ts';

const SEED = 20261123;
const pointer = builtPointer as Pointer;
const kv = entries as { key: string; value: string }[];
const rowsOf = (version: string, table: string) =>
  (JSON.parse(kv.find((e) => e.key === tableKey(version, table, 'json'))!.value) as { data: Row[] }).data;

interface Query {
  filters: [param: string, values: string[]][];
  bounds: [column: string, op: 'gt' | 'gte' | 'lt' | 'lte', value: number | string][];
  facets: string[];
  q?: string;
  sort: [column: string, descending: boolean][];
  limit?: number;
  offset: number;
}

/** The query evaluated plainly over every row: what the API promises (README "Query parameters"). */
function evaluate(table: TableFacts, rows: Row[], query: Query): { data: Row[]; total: number; facets: Record<string, { value: string; count: number }[]> } {
  const passes = (row: Row, except?: string) =>
    query.filters.every(([param, values]) => {
      if (param === except) return true;
      const wanted = values.map((v) => v.toLowerCase());
      return cellItems(row[table.filters[param]!]).some((item) => wanted.includes(item.toLowerCase()));
    }) &&
    query.bounds.every(([column, op, bound]) => {
      const v = row[column] as number | string | null;
      if (v === null || v === undefined) return false;
      return op === 'gt' ? v > bound : op === 'gte' ? v >= bound : op === 'lt' ? v < bound : v <= bound;
    });
  const facetsOver = (found: (row: Row) => boolean) =>
    Object.fromEntries(
      query.facets.map((param) => {
        const counts = new Map<string, number>();
        for (const row of rows.filter((r) => passes(r, param) && found(r))) for (const item of cellItems(row[table.filters[param]!])) counts.set(item, (counts.get(item) ?? 0) + 1);
        return [param, [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))];
      }),
    );
  let out = rows.filter((row) => passes(row));
  // Word search (README "Query parameters"): each bare word begins a word of the row, each
  // quoted phrase is words of the row side by side; a query without words matches as text.
  const found = (row: Row) => {
    if (!query.q) return true;
    const asked = parseSearch(query.q);
    const textOf = (r: Row) => table.search.map((c) => cellText(r[c])).join('\n');
    const rowWords = words(textOf(row));
    if (!asked.prefixes.length && !asked.phrases.length) return fold(textOf(row)).includes(fold(query.q.trim()));
    const hasPhrase = (phrase: string[]) => rowWords.some((_, i) => phrase.every((w, k) => rowWords[i + k] === w));
    return asked.prefixes.every((p) => rowWords.some((w) => w.startsWith(p))) && asked.phrases.every(hasPhrase);
  };
  out = out.filter(found);
  out = [...out].sort((a, b) => {
    for (const [column, descending] of query.sort) {
      const [x, y] = [a[column], b[column]];
      if (isEmpty(x) || isEmpty(y)) {
        if (isEmpty(x) !== isEmpty(y)) return isEmpty(x) ? 1 : -1;
        continue;
      }
      const d = compareCells(x!, y!);
      if (d !== 0) return descending ? -d : d;
    }
    return 0;
  });
  return { data: out.slice(query.offset, query.limit === undefined ? undefined : query.offset + query.limit), total: out.length, facets: facetsOver(found) };
}

function queryArbitrary(table: TableFacts, rows: Row[]): fc.Arbitrary<Query> {
  const itemsOf = (column: string) => [...new Set(rows.flatMap((r) => cellItems(r[column])))];
  const filterParams = Object.keys(table.filters).filter((p) => itemsOf(table.filters[p]!).length);
  const texts = rows.map((r) => table.search.map((c) => cellText(r[c])).join(' ')).filter(Boolean);
  const casing = (s: string) => fc.constantFrom(s, s.toUpperCase(), s.toLowerCase());
  const ranged = table.columns.filter((c) => c.kind === 'integer' || c.kind === 'number' || c.kind === 'date');
  // A bound at a value some row holds (ties decide gt against gte), or just beside it.
  const boundOf = (column: (typeof ranged)[number]) => {
    const held = rows.map((r) => r[column.name]).filter((v) => v !== null && v !== undefined) as (number | string)[];
    const values: fc.Arbitrary<number | string> = !held.length
      ? fc.constant(column.kind === 'date' ? '2024-01-01' : 0)
      : column.kind === 'date'
        ? fc.constantFrom(...held, '2000-01-01', '2099-12-31')
        : fc.oneof(fc.constantFrom(...held), fc.constantFrom(...held).map((v) => Number(v) + 0.5), fc.constant(-1));
    return fc.tuple(fc.constant(column.name), fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const), values);
  };
  return fc.record({
    bounds: ranged.length ? fc.uniqueArray(fc.constantFrom(...ranged).chain(boundOf), { selector: ([c, op]) => `${c}_${op}`, maxLength: 2 }) : fc.constant([]),
    facets: filterParams.length ? fc.uniqueArray(fc.constantFrom(...filterParams), { maxLength: 2 }) : fc.constant([]),
    filters: filterParams.length
      ? fc.uniqueArray(
          fc.constantFrom(...filterParams).chain((param) =>
            fc.tuple(fc.constant(param), fc.uniqueArray(fc.constantFrom(...itemsOf(table.filters[param]!)).chain(casing), { minLength: 1, maxLength: 3 })),
          ),
          { selector: ([param]) => param, maxLength: 2 },
        )
      : fc.constant([]),
    // A slice of some row's text (it must find that row), or a word that may be anywhere or nowhere.
    q: texts.length
      ? fc.option(
          fc.oneof(
            fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.integer({ min: 1, max: 12 })).map(([t, at, n]) => t.slice(at % t.length, (at % t.length) + n)).filter((s) => s.trim().length > 0),
            fc.constantFrom('cote', 'CÔTE', 'migrants', 'x', 'sea', 'zzzz', 'é', 'raid myanmar', 'myanmar raid', '"scam compound"', '"compound scam"', 'ＣＯＴＥ ivo', '^'),
          ),
          { nil: undefined },
        )
      : fc.constant(undefined),
    sort: fc.uniqueArray(fc.tuple(fc.constantFrom(...table.columns.map((c) => c.name)), fc.boolean()), { selector: ([c]) => c, maxLength: 3 }),
    limit: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    offset: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
  });
}

function urlOf(version: string, table: string, query: Query): string {
  const params = new URLSearchParams();
  // A value with a comma or a quote goes in double quotes, as in CSV.
  const listed = (values: string[]) => values.map((v) => (/[,"]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',');
  for (const [param, values] of query.filters) params.set(param, listed(values));
  for (const [column, op, value] of query.bounds) params.set(`${column}_${op}`, String(value));
  if (query.facets.length) params.set('facet', query.facets.join(','));
  if (query.q) params.set('q', query.q);
  if (query.sort.length) params.set('sort', query.sort.map(([c, d]) => `${d ? '-' : ''}${c}`).join(','));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset) params.set('offset', String(query.offset));
  const search = params.toString();
  return `/v1/releases/${version}/${table}.json${search ? `?${search}` : ''}`;
}

for (const release of pointer.releases) {
  for (const table of tables.filter((t) => release.rows[t.name] !== undefined).map((t) => factsAsOf(t, release.version))) {
    it(`answers ${release.version} ${table.name} queries as evaluating them over every row would`, async () => {
      const rows = rowsOf(release.version, table.name);
      await fc.assert(
        fc.asyncProperty(queryArbitrary(table, rows), async (query) => {
          const url = urlOf(release.version, table.name, query);
          const { res, body } = await getJson(url);
          expect(res.status, url).toBe(200);
          const expected = evaluate(table, rows, query);
          expect(body.meta.total, url).toBe(expected.total);
          expect(body.data, url).toEqual(expected.data);
          if (query.facets.length) expect(body.meta.facets, url).toEqual(expected.facets);
          else expect(body.meta.facets, url).toBeUndefined();
        }),
        { seed: SEED, numRuns: 60 },
      );
    });
  }
}
