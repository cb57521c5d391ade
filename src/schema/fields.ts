// Field builders shared by every table schema. Each carries the metadata the
// published documents (JSON Schema, Table Schema, OpenAPI) are derived from.
import * as z from 'zod';

/** Lower-case slug used for every identifier: `liberterra-iii`, `interpol-2026-01-26`. */
export const slug = (description: string) =>
  z
    .string()
    .regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'must be a lower-case slug (a-z, 0-9, - _ .)')
    .meta({ description });

/**
 * Free text for a cell. Refuses what a spreadsheet would run as a formula
 * (a leading = + - @ tab or CR) and line breaks, so every CSV cell is one line.
 */
export const text = (description: string) =>
  z
    .string()
    .regex(
      /^[^=+\-@\t\r\n][^\r\n]*$/,
      'must not be empty, start with = + - @ tab or CR (spreadsheet formula), or contain a line break',
    )
    .meta({ description });

export const isoDate = (description: string) => z.iso.date().meta({ description });

export const count = (description: string) => z.int().nonnegative().meta({ description });

export const amount = (description: string) => z.number().nonnegative().meta({ description });

export const iso2 = (description: string) =>
  z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code (two capital letters)')
    .meta({ description });

export const iso3 = (description: string) =>
  z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code (three capital letters)')
    .meta({ description });

export const url = (description: string) =>
  z.url({ protocol: /^https?$/ }).meta({ description });

/**
 * A closed vocabulary. Labels become Table Schema `categories` and OpenAPI
 * descriptions; the keys are the only accepted values.
 */
export const vocabulary = <const T extends Record<string, string>>(labels: T, description: string) =>
  z.enum(Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]]).meta({ description, categories: labels });

/**
 * A column added in release `version`: earlier releases were published without
 * it and are built without it (schema/table.ts tableAsOf), so their bytes never change.
 */
export const since = <T extends z.ZodType>(version: string, field: T): T => field.meta({ ...z.globalRegistry.get(field), since: version }) as T;

/** Sources that state a row's facts: at least one, each a `sources.source_id`. */
export const sourceIds = (description = 'Sources that state this row, as source_id values') =>
  z
    .array(slug('A source_id'))
    .min(1, 'every row must cite at least one source')
    .meta({ description, references: { resource: 'sources', field: 'source_id' } });

/** A list of countries, each a `countries.iso2`. */
export const countryList = (description: string) =>
  z
    .array(iso2('A country (countries.iso2)'))
    .meta({ description, references: { resource: 'countries', field: 'iso2' } });

/** Qualifier a source puts on a number: "more than 1,800" is 1800 + more_than. */
export const qualifier = vocabulary(
  {
    exact: 'The source gives the number without qualification',
    more_than: 'The source says "more than" or "over"',
    at_least: 'The source says "at least"',
    approximately: 'The source says "about", "some" or "approximately"',
    nearly: 'The source says "nearly", "close to" or "almost"',
  },
  'How the source qualifies the number',
);
