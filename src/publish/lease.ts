// KV has no compare-and-swap, so writers take turns through a lease: a key
// naming its owner and expiry, written, then read back after a pause to see
// whose write won. A writer that sees another's live lease, or loses the
// read-back, is refused before writing anything a reader can see.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { KvStore } from './kv-store.ts';

export const LEASE_KEY = 'lease';
/** Long enough for the largest publish; a lease left by a killed run expires by itself. */
export const LEASE_MS = 30 * 60 * 1000;

export interface Lease {
  owner: string;
  operation: string;
  host: string;
  started: string;
  expires: string;
}

export class LeaseRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeaseRefused';
  }
}

export function parseLease(text: string): Lease | null {
  try {
    const value = JSON.parse(text) as Partial<Lease>;
    return typeof value.owner === 'string' && typeof value.expires === 'string' ? (value as Lease) : null;
  } catch {
    return null;
  }
}

export interface LeaseOptions {
  /** What "now" is (tests pass a clock). */
  now?: () => number;
  /** How long to wait before reading the lease back: a concurrent writer's put lands meanwhile. */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Take the lease even if another holds it (npm run repair -- --break-lease). */
  breakLease?: boolean;
}

const describe = (lease: Lease) => `${lease.operation} by ${lease.owner.slice(0, 8)} on ${lease.host}, started ${lease.started}, held until ${lease.expires}`;

/** The lease KV holds now, if any (listed first: a get cannot tell absent from empty). */
async function readLease(store: KvStore): Promise<Lease | null> {
  if (!(await store.keys(LEASE_KEY)).has(LEASE_KEY)) return null;
  try {
    return parseLease(await store.get(LEASE_KEY));
  } catch {
    // Given back between the listing and the read.
    return null;
  }
}

/** Takes the lease for `operation`, or throws LeaseRefused; returns the release function. */
export async function acquireLease(store: KvStore, operation: string, options: LeaseOptions = {}): Promise<() => Promise<void>> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const held = await readLease(store);
  if (held && Date.parse(held.expires) > now() && !options.breakLease) {
    throw new LeaseRefused(
      `another writer holds ${store.label}: ${describe(held)}. Wait for it to finish (its lease expires by itself if it was killed), or, if you are sure no other deploy is running, \`npm run repair -- --break-lease\`.`,
    );
  }
  const mine: Lease = {
    owner: randomUUID(),
    operation,
    host: hostname(),
    started: new Date(now()).toISOString(),
    expires: new Date(now() + LEASE_MS).toISOString(),
  };
  await store.put(LEASE_KEY, JSON.stringify(mine));
  await sleep(options.settleMs ?? 0);
  const after = await readLease(store);
  if (after?.owner !== mine.owner) {
    throw new LeaseRefused(
      `another writer took ${store.label} at the same moment (${after ? describe(after) : 'and has already given it back'}); nothing was written. Rerun once it has finished.`,
    );
  }
  return async () => {
    // Only our own lease is removed: one broken by `--break-lease` belongs to someone else now.
    if ((await readLease(store))?.owner === mine.owner) await store.delete(LEASE_KEY);
  };
}
