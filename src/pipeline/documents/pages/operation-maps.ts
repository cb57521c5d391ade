// One map per operation (participants, coordination-unit hosts, case
// locations), rendered at build time as an HTML fragment the operation's row
// page inlines: the SVG, its key, and in words the places a map cannot show.
import { MAP_LAND_FILE, mapFile } from '../../../core/paths.ts';
import { html, type Html } from '../../../core/html.ts';
import type { RowOf } from '../../../schema/registry.ts';
import { rowsOf, type BuiltRelease } from '../../validate/release.ts';
import { MAP_CLASSES, type MapClass, type MapPlace, renderLand, renderWorldMap } from './world-map.ts';

const CLASS_OF: Record<RowOf<'country_roles'>['role'], MapClass> = {
  coordination_unit_host: 'host',
  case_location: 'case',
  participant: 'participant',
  awareness_campaign: 'participant',
};
const KEY: Record<MapClass, string> = { host: 'hosted a coordination unit', case: 'place of a reported case', participant: 'took part' };
const ROLE_WORDS: Record<RowOf<'country_roles'>['role'], string> = {
  coordination_unit_host: 'coordination-unit host',
  case_location: 'case location',
  participant: 'participant',
  awareness_campaign: 'awareness campaign',
};

const names = (places: readonly MapPlace[]) => places.map((p) => p.name).join(', ');

/** `maps/{operation_id}.html` → the fragment, for every operation of the release, and the land they all draw on. */
export function renderOperationMaps(built: BuiltRelease): Map<string, string> {
  const countries = new Map(rowsOf(built, 'countries').map((c) => [c.iso2, c]));
  const roles = rowsOf(built, 'country_roles');
  const out = new Map<string, string>([[MAP_LAND_FILE, renderLand().value]]);
  for (const operation of rowsOf(built, 'operations')) {
    const byCountry = new Map<string, RowOf<'country_roles'>['role'][]>();
    for (const r of roles) if (r.operation_id === operation.operation_id) byCountry.set(r.iso2, [...(byCountry.get(r.iso2) ?? []), r.role]);
    const places: MapPlace[] = [...byCountry].flatMap(([iso2, held]) => {
      const country = countries.get(iso2);
      // Releases before the countries table had no codes to draw by.
      if (!country) return [];
      const classes = held.map((role) => CLASS_OF[role]);
      return [{ m49: country.m49, name: country.name, class: MAP_CLASSES.find((c) => classes.includes(c))!, roles: held.map((r) => ROLE_WORDS[r]).join(', ') }];
    });
    const id = `map-${operation.operation_id}`;
    const map = renderWorldMap(id, `Where ${operation.name} took place`, places);
    const counted = (c: MapClass) => places.filter((p) => p.class === c).length;
    out.set(
      mapFile(operation.operation_id),
      html`<figure class="map">${map.svg}<figcaption><ul class="key">${MAP_CLASSES.map(
        (c) => html`<li><span class="swatch ${c}" aria-hidden="true"></span>${KEY[c]} (${counted(c)})</li>`,
      )}</ul>${places.length ? '' : html`<p>No country of this operation has been published.</p>`}${dotsNote(map.dots, map.undrawn)}</figcaption></figure>`.value,
    );
  }
  return out;
}

function dotsNote(dots: readonly MapPlace[], undrawn: readonly MapPlace[]): Html {
  return html`${dots.length ? html`<p>Too small for a shape at this scale, drawn as a dot: ${names(dots)}.</p>` : ''}${
    undrawn.length ? html`<p>Not on the map (Natural Earth draws no boundary for it): ${names(undrawn)}.</p>` : ''
  }`;
}
