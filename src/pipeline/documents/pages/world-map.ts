// A world map as inline SVG, drawn at build time from Natural Earth boundaries
// (world-atlas: 1:110m shapes, and 1:50m for places too small for those), so no
// page fetches a tile or runs a script. Countries are coloured by class only;
// the stylesheet (core/pages/style.ts) says what each class looks like.
import { createRequire } from 'node:module';
import { geoArea, geoCentroid, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Topology } from 'topojson-specification';
import { Html, html } from '../../../core/html.ts';
import { MAP_LAND_MARK } from '../../../core/paths.ts';

const require = createRequire(import.meta.url);
const WIDTH = 960;
const HEIGHT = 500;
/** Below this many square pixels a shape is a speck: the place is drawn as a dot instead. */
const MIN_AREA = 12;

/** How a place is drawn, most telling first: a host outranks a case location, which outranks taking part. */
export const MAP_CLASSES = ['host', 'case', 'participant'] as const;
export type MapClass = (typeof MAP_CLASSES)[number];

export interface MapPlace {
  /** UN M49 code, three digits: world-atlas's feature ids. */
  m49: string;
  name: string;
  class: MapClass;
  /** What the place did, in words, for the shape's title. */
  roles: string;
}

export interface WorldMap {
  svg: Html;
  /** Places drawn as a dot, being too small for a shape at this scale. */
  dots: MapPlace[];
  /** Places Natural Earth has no boundary for: listed, not drawn. */
  undrawn: MapPlace[];
}

type Shapes = Map<string, Feature<Geometry>>;

function shapes(file: string): { land: Feature<Geometry> | FeatureCollection<Geometry>; countries: Shapes } {
  const topology = require(`world-atlas/${file}`) as Topology;
  const countries = feature(topology, topology.objects.countries!) as FeatureCollection<Geometry>;
  return {
    land: feature(topology, topology.objects.land!) as Feature<Geometry>,
    countries: new Map(countries.features.filter((f) => f.id !== undefined).map((f) => [String(f.id), f])),
  };
}

let atlas: { coarse: ReturnType<typeof shapes>; fine: Shapes } | undefined;
const loadAtlas = () => (atlas ??= { coarse: shapes('countries-110m.json'), fine: shapes('countries-50m.json').countries });

/**
 * Where the land goes in a map's SVG: the land is the same on every map (and
 * most of its bytes), so it is stored once and put in when the page is rendered.
 */
export const LAND_MARK = MAP_LAND_MARK;

/** The world's land, the layer under every map. */
export function renderLand(): Html {
  const { coarse } = loadAtlas();
  return html`<path class="land" d="${geoPath(projectionFor(coarse.countries)).digits(0)(coarse.land) ?? ''}"/>`;
}

/** Natural Earth's projection fitted to the drawing; Antarctica (010) is left out of the fit: no operation reaches it, and it would take a fifth of the height. */
function projectionFor(countries: Shapes) {
  const fitted: FeatureCollection<Geometry> = { type: 'FeatureCollection', features: [...countries.values()].filter((f) => f.id !== '010') };
  return geoNaturalEarth1().fitSize([WIDTH, HEIGHT], fitted);
}

export function renderWorldMap(id: string, title: string, places: readonly MapPlace[]): WorldMap {
  const { coarse, fine } = loadAtlas();
  const projection = projectionFor(coarse.countries);
  // Whole pixels of a 960-wide drawing: finer would double the bytes and show nothing more.
  const path = geoPath(projection).digits(0);
  const ordered = [...places].sort((a, b) => MAP_CLASSES.indexOf(b.class) - MAP_CLASSES.indexOf(a.class) || a.name.localeCompare(b.name, 'en'));
  const drawn: Html[] = [];
  const dots: MapPlace[] = [];
  const dotMarks: Html[] = [];
  const undrawn: MapPlace[] = [];
  for (const place of ordered) {
    const shape = coarse.countries.get(place.m49);
    if (shape && path.area(shape) >= MIN_AREA) {
      drawn.push(html`<path class="${place.class}" d="${path(shape) ?? ''}"><title>${place.name}: ${place.roles}</title></path>`);
      continue;
    }
    const small = shape ?? fine.get(place.m49);
    const at = small && geoArea(small) > 0 ? projection(geoCentroid(small)) : null;
    if (!at) {
      undrawn.push(place);
      continue;
    }
    dots.push(place);
    dotMarks.push(html`<circle class="dot ${place.class}" cx="${at[0].toFixed(1)}" cy="${at[1].toFixed(1)}" r="4"><title>${place.name}: ${place.roles}</title></circle>`);
  }
  const svg = html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${title}</title>${new Html(LAND_MARK)}${drawn}${dotMarks}</svg>`;
  return { svg, dots: sortByName(dots), undrawn: sortByName(undrawn) };
}

const sortByName = (places: MapPlace[]) => places.sort((a, b) => a.name.localeCompare(b.name, 'en'));
