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
  // `.CSV` means `.csv`: a suffix has one reading whatever its case.
  const suffix = segment.slice(dot + 1).toLowerCase();
  return dot >= 0 && Object.hasOwn(MEDIA_TYPES, suffix) ? [segment.slice(0, dot), suffix as Format] : [segment, undefined];
}

/** Suffixes people try that this API does not serve, and what to use instead. */
export const OTHER_SUFFIXES: Record<string, string> = {
  tsv: 'tab-separated values are not offered: use .csv',
  xlsx: 'spreadsheets open .csv directly (or use =IMPORTDATA in Google Sheets): use .csv',
  xls: 'spreadsheets open .csv directly: use .csv',
  txt: 'use .csv or .json',
  xml: 'use .json or .csv',
  parquet: 'use .csv or .json',
  geojson: 'use .json',
};
