// Lists in a query string, read as a CSV line reads them.

/**
 * Comma-separated values, as in a CSV line: a value in double quotes may hold
 * commas, and `""` in it is one quote (`publisher="Ministry of National Security,
 * Trinidad and Tobago"`). Space around a value is dropped. Undefined if a quoted
 * value is not closed, or is followed by anything but a comma.
 */
export function splitList(raw: string, separators = ','): string[] | undefined {
  const nextSeparator = (from: number) => {
    let end = -1;
    for (const separator of separators) {
      const at = raw.indexOf(separator, from);
      if (at !== -1 && (end === -1 || at < end)) end = at;
    }
    return end;
  };
  const items: string[] = [];
  const skipSpace = (from: number) => {
    while (from < raw.length && /\s/.test(raw[from]!)) from++;
    return from;
  };
  for (let at = 0; at <= raw.length; ) {
    at = skipSpace(at);
    if (raw[at] !== '"') {
      const comma = nextSeparator(at);
      const end = comma === -1 ? raw.length : comma;
      items.push(raw.slice(at, end).trim());
      at = end + 1;
      continue;
    }
    let value = '';
    for (at++; ; ) {
      const quote = raw.indexOf('"', at);
      if (quote === -1) return undefined;
      value += raw.slice(at, quote);
      at = quote + 1;
      if (raw[at] !== '"') break;
      value += '"';
      at++;
    }
    at = skipSpace(at);
    if (at < raw.length && !separators.includes(raw[at]!)) return undefined;
    items.push(value);
    at++;
  }
  return items.filter(Boolean);
}

/** Several occurrences of a list parameter as one list; each may hold quoted values. */
export const joinLists = (given: readonly string[]) => given.filter((g) => g.trim()).join(',');


/** One value as a list parameter must give it: quoted where it holds a separator, a quote or edge space. */
export function listValue(value: string): string {
  return /[,;"]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
