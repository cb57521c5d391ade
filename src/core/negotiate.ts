// Picks CSV or JSON: a .csv/.json suffix decides; otherwise the Accept header, JSON by default.
import { type Format, FORMATS, mediaType } from './formats.ts';
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
  if (!best) {
    throw new ApiError(406, 'Not Acceptable', `This resource is available as ${OFFERS.map((o) => o.type).join(' or ')}; add .json or .csv to the URL, or send a matching Accept header.`, {
      extra: { available: OFFERS.map((o) => o.type) },
    });
  }
  return best.format;
}
