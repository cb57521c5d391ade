// The formats every table, list and diff is served in: the one list the build,
// the Worker's negotiation and the OpenAPI document all read.

/** How tables, lists and diffs are labelled in each format; JSON first, the default. */
export const MEDIA_TYPES = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
} as const;

export type Format = keyof typeof MEDIA_TYPES;

export const FORMATS = Object.keys(MEDIA_TYPES) as Format[];

/** The media type without its parameters, as Accept and OpenAPI name it: `text/csv`. */
export const mediaType = (format: Format) => MEDIA_TYPES[format].split(';')[0]!;

/** Splits a trailing format suffix (`.csv`, `.json`) off a path segment. */
export function splitFormat(segment: string): [string, Format | undefined] {
  const dot = segment.lastIndexOf('.');
  const suffix = segment.slice(dot + 1);
  return dot >= 0 && Object.hasOwn(MEDIA_TYPES, suffix) ? [segment.slice(0, dot), suffix as Format] : [segment, undefined];
}
