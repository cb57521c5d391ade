// Picks CSV or JSON: a .csv/.json suffix decides; otherwise the Accept header, JSON by default.
import { type Format, FORMATS, mediaType } from './formats.ts';
import { ApiError } from './problem.ts';
import { parseWeighted } from './q-values.ts';

const OFFERS = FORMATS.map((format) => ({ format, type: mediaType(format) }));

export function negotiate(suffix: Format | undefined, accept: string | null): Format {
  if (suffix) return suffix;
  if (!accept || !accept.trim()) return 'json';
  let best: { format: Format; q: number; specificity: number } | undefined;
  for (const { name: type, q } of parseWeighted(accept)) {
    if (q <= 0) continue;
    for (const offer of OFFERS) {
      const [major] = offer.type.split('/');
      const specificity = type === offer.type ? 2 : type === `${major}/*` ? 1 : type === '*/*' ? 0 : -1;
      if (specificity < 0) continue;
      if (!best || q > best.q || (q === best.q && specificity > best.specificity)) best = { format: offer.format, q, specificity };
    }
  }
  if (!best) {
    throw new ApiError(406, 'Not Acceptable', `This resource is available as ${OFFERS.map((o) => o.type).join(' or ')}; add .json or .csv to the URL, or send a matching Accept header.`, {
      extra: { available: OFFERS.map((o) => o.type) },
    });
  }
  return best.format;
}
