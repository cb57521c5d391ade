// /v1: everything, with links.
import { expect, it } from 'vitest';
import { get, getJson } from './fetch.ts';
import { LATEST } from '../releases.ts';

it('/v1 lists every table of the latest release with working links', async () => {
  const { body } = await getJson('/v1');
  expect(body.latest).toBe(LATEST);
  expect(body.tables.map((t: any) => t.name)).toEqual([
    'operations', 'metrics', 'partners', 'countries', 'country_roles', 'cases', 'case_countries', 'case_figures', 'findings', 'discrepancies', 'sources',
  ]);
  for (const table of body.tables) {
    for (const href of Object.values(table.links) as string[]) {
      expect([href, (await get(href)).status]).toEqual([href, 200]);
    }
  }
});
