// Links to other pages and forms of the same query, keeping the query string as
// the client sent it (re-encoding it would grow every comma threefold).
import { type Format, splitFormat } from '../../core/formats.ts';
import type { TableQuery } from '../../core/query-params.ts';
import type { Link } from '../http/respond.ts';

/** The query string's pairs as sent, each with its decoded name (undefined if the name is not valid percent-encoding). */
function rawPairs(url: URL): { pair: string; name: string | undefined }[] {
  return url.search
    .slice(1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      try {
        return { pair, name: decodeURIComponent(pair.split('=')[0]!.replaceAll('+', ' ')) };
      } catch {
        return { pair, name: undefined };
      }
    });
}

/** The query without the parameters named, every other pair kept exactly as sent. */
function without(url: URL, names: readonly string[]): string[] {
  return rawPairs(url)
    .filter(({ name }) => name === undefined || !names.includes(name))
    .map(({ pair }) => pair);
}

/**
 * first/prev/next/last links for a paged query, keeping every other parameter as
 * sent (re-encoding it would grow every comma threefold, four links over).
 */
export function pageLinks(url: URL, query: TableQuery, total: number): Link[] {
  // No pages to link without a page size; limit=0 asks for the total alone.
  if (!query.limit) return [];
  const limit = query.limit;
  const pairs = rawPairs(url);
  const first = pairs.findIndex(({ name }) => name === 'offset');
  const at = (rel: string, offset: number): Link => {
    // `offset` where it was (or last), every other pair as sent.
    const search = pairs.flatMap(({ pair, name }, i) => (name !== 'offset' ? [pair] : i === first ? [`offset=${offset}`] : []));
    if (first < 0) search.push(`offset=${offset}`);
    return { href: `${url.pathname}?${search.join('&')}`, rel };
  };
  return [
    at('first', 0),
    ...(query.offset > 0 ? [at('prev', Math.max(0, query.offset - limit))] : []),
    ...(query.offset + limit < total ? [at('next', query.offset + limit)] : []),
    at('last', Math.max(0, Math.floor((total - 1) / limit) * limit)),
  ];
}

/** The same query as another format; `shape` only applies to JSON (however its name was encoded). */
export function withFormat(url: URL, format: Format): string {
  const [name] = splitFormat(url.pathname);
  const search = without(url, ['shape']).join('&');
  return `${name}.${format}${search ? `?${search}` : ''}`;
}

