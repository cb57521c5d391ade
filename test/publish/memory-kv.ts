// KV stores for publishing tests: `gated` wraps any store (wrangler's local KV
// too) with a log of its operations and gates that stop a writer at a chosen
// operation until the test lets it go, or kill it there, so interleavings can
// be forced; `memoryKv` is a fast in-memory store that also keeps every value
// the pointer ever held and every key ever rewritten with other bytes.
import type { KvEntry, KvStore } from '../../src/publish/kv-store.ts';

export type Operation = { op: 'keys' | 'get' | 'put' | 'putMany' | 'delete'; key?: string; keys?: string[] };

export interface GatedStore extends KvStore {
  /** Every operation this store performed, in order. */
  log: Operation[];
  /** Stops before the first operation `match` accepts, until `open` is called. */
  gate(match: (op: Operation) => boolean): { reached: Promise<void>; open: () => void };
  /** Fails every operation from the first one `match` accepts on: a killed process. */
  kill(match: (op: Operation) => boolean): void;
}

export function gated(inner: KvStore, label = inner.label): GatedStore {
  const log: Operation[] = [];
  const gates: { match: (op: Operation) => boolean; reached: () => void; wait: Promise<void> }[] = [];
  let killedFrom: ((op: Operation) => boolean) | undefined;
  let killed = false;
  const step = async (op: Operation) => {
    if (killed || killedFrom?.(op)) {
      killed = true;
      throw new Error(`${label} was killed before ${op.op} ${op.key ?? ''}`);
    }
    const gate = gates.find((g) => g.match(op));
    if (gate) {
      gates.splice(gates.indexOf(gate), 1);
      gate.reached();
      await gate.wait;
    }
    log.push(op);
  };
  return {
    label,
    log,
    keys: async (prefix) => (await step({ op: 'keys' }), inner.keys(prefix)),
    get: async (key) => (await step({ op: 'get', key }), inner.get(key)),
    putMany: async (entries) => (await step({ op: 'putMany', keys: entries.map((e) => e.key) }), inner.putMany(entries)),
    put: async (key, value) => (await step({ op: 'put', key }), inner.put(key, value)),
    delete: async (key) => (await step({ op: 'delete', key }), inner.delete(key)),
    gate(match) {
      let reached!: () => void;
      let open!: () => void;
      const arrived = new Promise<void>((resolve) => (reached = resolve));
      const wait = new Promise<void>((resolve) => (open = resolve));
      gates.push({ match, reached, wait });
      return { reached: arrived, open };
    },
    kill(match) {
      killedFrom = match;
    },
  };
}

export interface MemoryKv {
  /** A gated store over the shared values; each writer gets its own, to gate it alone. */
  as(label: string): GatedStore;
  values: Map<string, string>;
  /** Every value the pointer key ever held, in order. */
  pointerHistory: string[];
  /** Keys other than the pointer and the lease that were ever written with bytes other than they held. */
  rewritten: string[];
}

export function memoryKv(entries: KvEntry[] = []): MemoryKv {
  const values = new Map(entries.map((e) => [e.key, e.value]));
  const pointerHistory: string[] = values.has('pointer') ? [values.get('pointer')!] : [];
  const rewritten: string[] = [];
  const put = (key: string, value: string) => {
    const held = values.get(key);
    if (held !== undefined && held !== value && key !== 'pointer' && key !== 'lease') rewritten.push(key);
    values.set(key, value);
    if (key === 'pointer') pointerHistory.push(value);
  };
  const store: KvStore = {
    label: 'memory KV',
    keys: async (prefix) => new Set([...values.keys()].filter((k) => !prefix || k.startsWith(prefix))),
    async get(key) {
      const value = values.get(key);
      if (value === undefined) throw new Error(`no key ${key}`);
      return value;
    },
    putMany: async (more) => more.forEach((e) => put(e.key, e.value)),
    put: async (key, value) => put(key, value),
    delete: async (key) => void values.delete(key),
  };
  return { as: (label) => gated(store, label), values, pointerHistory, rewritten };
}
