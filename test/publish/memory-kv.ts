// An in-memory KV store for publishing tests: every write recorded, a history
// of every pointer ever written, and gates that stop a writer at a chosen
// operation until the test lets it go, so interleavings can be forced.
import type { KvEntry, KvStore } from '../../src/publish/kv-store.ts';

export type Operation = { op: 'keys' | 'get' | 'put' | 'putMany' | 'delete'; key?: string; keys?: string[] };

export interface MemoryKv {
  /** A store over the shared values, labelled; each writer gets its own, to gate it alone. */
  as(label: string): GatedStore;
  values: Map<string, string>;
  /** Every value the pointer key ever held, in order. */
  pointerHistory: string[];
  /** Keys other than the pointer and the lease that were ever written with bytes other than they held. */
  rewritten: string[];
}

export interface GatedStore extends KvStore {
  /** Every operation this store performed, in order. */
  log: Operation[];
  /** Stops before the first operation `match` accepts, until the returned function is called. */
  gate(match: (op: Operation) => boolean): { reached: Promise<void>; open: () => void };
  /** Fails every operation from the first one `match` accepts on: a killed process. */
  kill(match: (op: Operation) => boolean): void;
}

export function memoryKv(entries: KvEntry[] = []): MemoryKv {
  const values = new Map(entries.map((e) => [e.key, e.value]));
  const pointerHistory: string[] = values.has('pointer') ? [values.get('pointer')!] : [];
  const rewritten: string[] = [];
  const as = (label: string): GatedStore => {
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
    const put = (key: string, value: string) => {
      const held = values.get(key);
      if (held !== undefined && held !== value && key !== 'pointer' && key !== 'lease') rewritten.push(key);
      values.set(key, value);
      if (key === 'pointer') pointerHistory.push(value);
    };
    return {
      label,
      log,
      async keys(prefix) {
        await step({ op: 'keys' });
        return new Set([...values.keys()].filter((k) => !prefix || k.startsWith(prefix)));
      },
      async get(key) {
        await step({ op: 'get', key });
        const value = values.get(key);
        if (value === undefined) throw new Error(`no key ${key}`);
        return value;
      },
      async putMany(more) {
        await step({ op: 'putMany', keys: more.map((e) => e.key) });
        for (const e of more) put(e.key, e.value);
      },
      async put(key, value) {
        await step({ op: 'put', key });
        put(key, value);
      },
      async delete(key) {
        await step({ op: 'delete', key });
        values.delete(key);
      },
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
  };
  return { as, values, pointerHistory, rewritten };
}
