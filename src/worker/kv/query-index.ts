// A table's query index, section by section as queries need them, each read,
// verified and prepared once per isolate; and rows by position parsed from
// their byte ranges in the table's JSON body.
import { ApiError, unavailable } from '../../core/problem.ts';
import { decodeSection, type IndexArray, type QueryIndexRef, SECTION, type Section } from '../../core/query-index.ts';
import type { BodyRef } from '../../core/release-types.ts';
import type { Row } from '../../core/table-types.ts';
import { loadBytes, loadRange } from './bodies.ts';
import type { Env } from './env.ts';
import { once } from './memo.ts';
import { decodeText, safeJson } from './reads.ts';

type Codes = Uint8Array | Uint16Array | Int32Array;

/** A filtered column: its distinct items as built and lower-cased, and each row's as codes into them. */
export interface Items {
  values: string[];
  lower: string[];
  codes: Codes;
  /** Row i's codes are codes[starts[i]] up to codes[starts[i + 1]]; absent where every row holds exactly one. */
  starts?: Int32Array;
}

/** UTF-8 strings in one run: string i is bytes [starts[i], starts[i + 1]) of text. */
export interface Strings {
  text: Uint8Array;
  starts: Int32Array;
}

/** Word search's dictionary (src/core/query-index.ts SECTION.words). */
export interface Dictionary extends Strings {
  postingStarts: Int32Array;
  blockStarts: Int32Array;
  lengths: Codes;
}

/** The dictionary, and the postings of the terms a query asked for (only their blocks are read). */
export interface Words extends Dictionary {
  /** The rows term t is in, ascending; and how often it is in each. */
  rowsOf(t: number): Int32Array;
  countsOf(t: number): Uint8Array;
}

/** What a query reads of a table's index: only the sections it names are loaded. */
export interface IndexNeeds {
  items?: readonly string[];
  ranks?: readonly string[];
  bounds?: readonly string[];
  /** The term ranges [from, to) of the dictionary a query asks for; their postings blocks are read. */
  words?: (dictionary: Dictionary) => [from: number, to: number][];
  text?: boolean;
  ids?: boolean;
}

/** The sections of a table's query index one request needs, prepared. */
export interface LoadedIndex {
  rows: number;
  rowOffsets: Int32Array;
  items: Record<string, Items>;
  ranks: Record<string, Int32Array>;
  /** Each row's value of a number or date column (dates as YYYYMMDD), NaN where empty. */
  bounds: Record<string, Float64Array>;
  words?: Words;
  text?: Strings;
  ids?: Strings & { rows: Int32Array };
  /** Where the JSON body is parted: the SHA-256 of each of its blocks, so a row verifies only its block. */
  blocks?: Uint8Array;
}

function indexRef(ref: QueryIndexRef | BodyRef | undefined): QueryIndexRef {
  // Only a manifest from before query indexes (or their sections) lacks one: its release needs publishing again.
  if (!ref || !('sections' in ref)) throw unavailable('This release has no query index yet. Please retry shortly.');
  return ref;
}

/** One section, read with the body that holds it (verified whole, held once per isolate) and viewed in place. */
function section(env: Env, ref: QueryIndexRef, name: string): Promise<Section> {
  const at = ref.sections[name];
  if (!at) return Promise.reject(unavailable(`The query index of this table has no ${name}; the release needs publishing again. Please retry shortly.`));
  const body = ref.bodies[at.body]!;
  return once(env, `index:${body.key}:${body.sha256}:${at.offset}`, at.bytes, async () => {
    try {
      return decodeSection((await loadBytes(env, body)).subarray(at.offset, at.offset + at.bytes));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw unavailable('The query index of this table is unreadable. Please retry shortly.');
    }
  });
}

const arrays = <T extends Record<string, IndexArray>>(s: Section) => s.arrays as unknown as T;

/** Items with their lower-cased values, prepared once per isolate and section. */
const prepared = new WeakMap<Section, Items>();
function itemsOf(s: Section): Items {
  let items = prepared.get(s);
  if (!items) {
    const values = Array.isArray(s.meta) ? s.meta.map(String) : [];
    const { codes, starts } = arrays<{ codes: Codes; starts?: Int32Array }>(s);
    prepared.set(s, (items = { values, lower: values.map((v) => v.toLowerCase()), codes, ...(starts ? { starts } : {}) }));
  }
  return items;
}

/** The sections `needs` names (and the row offsets, which every answer with rows reads), in parallel. */
export async function loadQueryIndex(env: Env, ref: QueryIndexRef | BodyRef | undefined, needs: IndexNeeds = {}): Promise<LoadedIndex> {
  const index = indexRef(ref);
  const named = async <T>(names: readonly string[] | undefined, name: (c: string) => string, use: (s: Section) => T): Promise<Record<string, T>> =>
    Object.fromEntries(await Promise.all([...new Set(names ?? [])].map(async (c) => [c, use(await section(env, index, name(c)))] as const)));
  const [offsets, blocks, items, ranks, bounds, words, text, ids] = await Promise.all([
    section(env, index, SECTION.offsets),
    index.sections[SECTION.blocks] ? section(env, index, SECTION.blocks) : undefined,
    named(needs.items, SECTION.items, itemsOf),
    named(needs.ranks, SECTION.ranks, (s) => s.arrays.ranks as Int32Array),
    named(needs.bounds, SECTION.bounds, (s) => s.arrays.values as Float64Array),
    needs.words ? loadWords(env, index, needs.words) : undefined,
    needs.text ? section(env, index, SECTION.text) : undefined,
    needs.ids ? section(env, index, SECTION.ids) : undefined,
  ]);
  return {
    rows: index.rows,
    rowOffsets: offsets.arrays.offsets as Int32Array,
    ...(blocks ? { blocks: blocks.arrays.hashes as Uint8Array } : {}),
    items,
    ranks,
    bounds,
    ...(words ? { words } : {}),
    ...(text ? { text: arrays<Strings & Record<string, IndexArray>>(text) } : {}),
    ...(ids ? { ids: arrays<Strings & { rows: Int32Array } & Record<string, IndexArray>>(ids) } : {}),
  };
}

/** The block holding term t: the last whose first term is at most t. */
function blockOf(dictionary: Dictionary, t: number): number {
  let lo = 0;
  let hi = dictionary.blockStarts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dictionary.blockStarts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The dictionary, then the postings blocks of the term ranges `asked` picks from it. */
async function loadWords(env: Env, index: QueryIndexRef, asked: NonNullable<IndexNeeds['words']>): Promise<Words> {
  const dictionary = arrays<Dictionary & Record<string, IndexArray>>(await section(env, index, SECTION.words));
  const wanted = new Set<number>();
  for (const [from, to] of asked(dictionary)) if (to > from) for (let b = blockOf(dictionary, from); b <= blockOf(dictionary, to - 1); b++) wanted.add(b);
  const blocks = new Map(await Promise.all([...wanted].map(async (b) => [b, (await section(env, index, SECTION.postings(b))).arrays] as const)));
  const { postingStarts, blockStarts } = dictionary;
  const slice = (t: number, name: 'rows' | 'counts') => {
    const b = blockOf(dictionary, t);
    const block = blocks.get(b);
    if (!block) throw new Error(`postings block ${b} was not loaded`);
    const base = postingStarts[blockStarts[b]!]!;
    return block[name]!.subarray(postingStarts[t]! - base, postingStarts[t + 1]! - base);
  };
  return { ...dictionary, rowsOf: (t) => slice(t, 'rows') as Int32Array, countsOf: (t) => slice(t, 'counts') as Uint8Array };
}

/**
 * Rows by position, parsed from their byte ranges in the table's JSON body: only
 * the rows asked for are parsed. A parted body's parts come through the part cache.
 */
export async function loadRowsAt(env: Env, ref: BodyRef, index: LoadedIndex, positions: readonly number[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const i of positions) {
    const bytes = await loadRange(env, ref, index.rowOffsets[i]!, index.rowOffsets[i + 1]! - 1, index.blocks);
    const row = safeJson(decodeText(bytes)) as Row | undefined;
    if (!row) throw unavailable('A row of this table could not be read. Please retry shortly.');
    rows.push(row);
  }
  return rows;
}
