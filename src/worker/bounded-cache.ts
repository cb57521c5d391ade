// A map an isolate keeps across requests, bounded by the bytes its entries hold
// (and, if given, by their number): the oldest entries go first, so memory stays
// bounded however many distinct things requests ask for.
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxEntries: number;

  constructor(maxBytes: number, maxEntries = Infinity) {
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  /** The value, its place in the eviction order unchanged. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** The value, now the last to be evicted (least recently used goes first). */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps a value, evicting the oldest entries until it fits; one larger than the whole bound is not kept. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    while (this.entries.size && (this.entries.size >= this.maxEntries || this.bytes + bytes > this.maxBytes)) this.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }

  /** Bytes held, as counted when each entry was set. */
  get heldBytes(): number {
    return this.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
