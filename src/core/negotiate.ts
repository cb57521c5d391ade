// Picks CSV or JSON (or, where a page exists, HTML): a suffix decides; otherwise
// the Accept header, JSON by default.
import { type Format, FORMATS, mediaType, splitFormat } from './formats.ts';
import { ApiError } from './problem.ts';
import { parseWeighted, type Weighted } from './q-values.ts';

const OFFERS = FORMATS.map((format) => ({ format, type: mediaType(format) }));

/** How closely a media range matches a type: 2 exact, 1 `type/*`, 0 `*\/*`, -1 not at all. */
function specificity(range: string, type: string): number {
  if (range === type) return 2;
  if (range === `${type.split('/')[0]}/*`) return 1;
  return range === '*/*' ? 0 : -1;
}

/**
 * The weight the client gives a type: that of the most specific range matching
 * it (RFC 9110 §12.5.1), so `application/json;q=0, *\/*` refuses JSON and takes CSV.
 */
function weightOf(type: string, ranges: readonly Weighted[]): { q: number; specificity: number } | undefined {
  let best: { q: number; specificity: number } | undefined;
  for (const { name, q } of ranges) {
    const s = specificity(name, type);
    if (s >= 0 && (!best || s > best.specificity)) best = { q, specificity: s };
  }
  return best;
}

export function negotiate(suffix: Format | undefined, accept: string | null): Format {
  if (suffix) return suffix;
  if (!accept || !accept.trim()) return 'json';
  const ranges = parseWeighted(accept);
  let best: { format: Format; q: number; specificity: number } | undefined;
  for (const offer of OFFERS) {
    const weight = weightOf(offer.type, ranges);
    if (!weight || weight.q <= 0) continue;
    if (!best || weight.q > best.q || (weight.q === best.q && weight.specificity > best.specificity)) best = { format: offer.format, ...weight };
  }
  if (!best) throw notAcceptable(OFFERS.map((o) => o.type), ['.json', '.csv']);
  return best.format;
}

const either = (items: string[]) => `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

function notAcceptable(types: string[], suffixes: string[]): ApiError {
  return new ApiError(406, 'Not Acceptable', `This resource is available as ${either(types)}; add ${either(suffixes)} to the URL, or send a matching Accept header.`, {
    extra: { available: types },
  });
}

/** A page for people: `.html`, or an Accept that prefers HTML, as every browser's does. */
export const PAGE_SUFFIX = 'html';
export const PAGE_TYPE = 'text/html; charset=utf-8';
/** The releases feed's type (only at `.atom`: no client negotiates for it). */
export const FEED_TYPE = 'application/atom+xml; charset=utf-8';
export type View = Format | typeof PAGE_SUFFIX;

/** Splits a `.html`, `.csv` or `.json` suffix off a path segment. */
export function splitView(segment: string): [string, View | undefined] {
  if (segment.toLowerCase().endsWith(`.${PAGE_SUFFIX}`)) return [segment.slice(0, -PAGE_SUFFIX.length - 1), PAGE_SUFFIX];
  return splitFormat(segment);
}

/**
 * A page only when the client weighs text/html above JSON and CSV (or as high, and
 * names it more exactly): a browser's `text/html,…,*\/*;q=0.8` does, curl's `*\/*`
 * and pandas' no Accept at all do not.
 */
export function prefersPage(accept: string | null): boolean {
  if (!accept) return false;
  const ranges = parseWeighted(accept);
  const page = weightOf('text/html', ranges);
  if (!page || page.q <= 0) return false;
  const data = OFFERS.map((o) => weightOf(o.type, ranges)).filter((w) => w && w.q > 0) as { q: number; specificity: number }[];
  return data.every((w) => page.q > w.q || (page.q === w.q && page.specificity > w.specificity));
}

/** The view a URL asks for: its suffix, else the page if preferred, else JSON or CSV by Accept. */
export function negotiateView(suffix: View | undefined, accept: string | null): View {
  if (suffix) return suffix;
  if (prefersPage(accept)) return PAGE_SUFFIX;
  try {
    return negotiate(undefined, accept);
  } catch {
    throw notAcceptable([...OFFERS.map((o) => o.type), 'text/html'], ['.json', '.csv', `.${PAGE_SUFFIX}`]);
  }
}
