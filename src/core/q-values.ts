// The one reader of weighted header lists (RFC 9110 §12.4.2), for Accept and
// Accept-Encoding alike: `text/csv;q=0.5, */*;q=0.1` → [{ name, q }, …].

export interface Weighted {
  /** Lower-cased, parameters dropped: `text/csv`, `gzip`. */
  name: string;
  /** 0 to 1; 1 when not given, 0 when unreadable (0 means "not acceptable"). */
  q: number;
}

export function parseWeighted(header: string): Weighted[] {
  const out: Weighted[] = [];
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';').map((s) => s.trim());
    if (!name) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    // Above 1 is out of range (RFC 9110 §12.4.2): read as the most a client can say, not more.
    out.push({ name, q: Number.isFinite(q) ? Math.min(q, 1) : 0 });
  }
  return out;
}
