// The real data builds, and the facts the sources state come out of the build intact.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BuiltRelease, buildRelease } from '../../src/pipeline/validate/release.ts';
import { listReleaseDirs, RELEASES_DIR } from '../../src/pipeline/read/source.ts';
import type { Row } from '../../src/core/table-types.ts';
import { readFileSync } from 'node:fs';
import { LATEST, LATEST_DATE, PUBLISHED } from '../releases.ts';

const build = (version: string) => buildRelease(join(RELEASES_DIR, version));

function rowsOf(built: BuiltRelease, table: string): Row[] {
  const found = built.tables.find((t) => t.table.name === table);
  if (!found) throw new Error(`release ${built.info.version} has no table ${table}`);
  return found.rows;
}

describe('the published releases', () => {
  it('are exactly the ones the tests name (test/releases.ts)', () => {
    expect(listReleaseDirs().sort()).toEqual([...PUBLISHED]);
    expect(JSON.parse(readFileSync(join(RELEASES_DIR, LATEST, 'release.json'), 'utf8')).date).toBe(LATEST_DATE);
  });

  it.each([...PUBLISHED])('%s builds without problems', (version) => {
    const built = build(version);
    expect(built.info.version).toBe(version);
    expect(built.info.licence.id).toBe('CC-BY-4.0');
  });

  it('1.0.0 has every table but discrepancies; 1.1.0 adds it', () => {
    const names = (v: string) => build(v).tables.map((t) => t.table.name);
    expect(names('1.0.0')).toEqual(['operations', 'metrics', 'partners', 'countries', 'country_roles', 'cases', 'case_figures', 'sources']);
    expect(names('1.1.0')).toEqual([
      'operations',
      'metrics',
      'partners',
      'countries',
      'country_roles',
      'cases',
      'case_figures',
      'discrepancies',
      'sources',
    ]);
  });
});

describe.each(['1.0.0', '1.1.0'])('facts in release %s', (version) => {
  const built = build(version);
  const roles = rowsOf(built, 'country_roles');
  const resolvedName = (name: string) =>
    roles.filter((r) => r.operation_id === 'liberterra-iii' && r.name_as_published === name).map((r) => r.iso2);

  it('liberterra-iii lists 119 distinct participant ISO codes, as its participant_count says', () => {
    const participants = new Set(roles.filter((r) => r.operation_id === 'liberterra-iii' && r.role === 'participant').map((r) => r.iso2));
    expect(participants.size).toBe(119);
    const operation = rowsOf(built, 'operations').find((r) => r.operation_id === 'liberterra-iii');
    expect(operation?.participant_count).toBe(119);
  });

  it('"more than 1,800" trafficking and smuggling arrests is 1800 qualified more_than', () => {
    const metric = rowsOf(built, 'metrics').find((r) => r.operation_id === 'liberterra-iii' && r.metric === 'arrests_trafficking_smuggling');
    expect(metric).toMatchObject({ value: 1800, qualifier: 'more_than', unit: 'arrests' });
    expect(typeof metric?.value).toBe('number');
  });

  it.each([
    ['Turks & Caicos (UK)', 'TC'],
    ['Congo (Democratic Rep.)', 'CD'],
    ['Congo', 'CG'],
    ["Cote d'Ivoire", 'CI'],
  ])('the participant published as %j resolves to %s', (name, iso2) => {
    expect(resolvedName(name)).toEqual([iso2]);
  });

  it('countries carry ISO codes and UN M49 regions', () => {
    const countries = rowsOf(built, 'countries');
    const byCode = (iso2: string) => countries.find((r) => r.iso2 === iso2);
    expect(byCode('CI')).toEqual({
      iso2: 'CI',
      iso3: 'CIV',
      m49: '384',
      name: "Cote d'Ivoire",
      region: 'Africa',
      subregion: 'Sub-Saharan Africa',
      intermediate_region: 'Western Africa',
    });
    expect(byCode('TC')).toMatchObject({ iso3: 'TCA', m49: '796', region: 'Americas', subregion: 'Latin America and the Caribbean', intermediate_region: 'Caribbean' });
    expect(byCode('CD')).toMatchObject({ iso3: 'COD', region: 'Africa', subregion: 'Sub-Saharan Africa', intermediate_region: 'Middle Africa' });
    expect(byCode('CG')).toMatchObject({ iso3: 'COG', region: 'Africa', subregion: 'Sub-Saharan Africa', intermediate_region: 'Middle Africa' });
    for (const row of countries) {
      expect(['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'], `region of ${row.iso2}`).toContain(row.region);
      expect(row.subregion, `subregion of ${row.iso2}`).not.toBe('');
    }
  });

  it('every country code used by country_roles or cases has a countries row, and no other', () => {
    const used = new Set<string>(roles.map((r) => String(r.iso2)));
    for (const c of rowsOf(built, 'cases')) for (const code of [...(c.countries as string[]), ...(c.linked_countries as string[])]) used.add(code);
    expect(new Set(rowsOf(built, 'countries').map((r) => r.iso2))).toEqual(used);
  });

  it('a case location becomes a derived case_location role without a published name', () => {
    expect(roles.find((r) => r.operation_id === 'liberterra-iii' && r.iso2 === 'BZ' && r.role === 'case_location')).toEqual({
      operation_id: 'liberterra-iii',
      iso2: 'BZ',
      name_as_published: null,
      role: 'case_location',
      source_ids: ['interpol-2026-01-26', 'migrant-affairs-2026-01-26', 'news-summary-2026-01-26'],
    });
  });
});
