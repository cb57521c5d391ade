// The map is drawn at build time from Natural Earth: each place by its M49
// code, as a shape where 1:110m has one big enough to see, as a dot where it
// is too small, and listed (never silently dropped) where no boundary exists.
import { describe, expect, it } from 'vitest';
import { type MapPlace, renderWorldMap } from '../../src/pipeline/documents/pages/world-map.ts';

const place = (m49: string, name: string, cls: MapPlace['class'] = 'participant'): MapPlace => ({ m49, name, class: cls, roles: 'participant' });
const marks = (svg: string, tag: 'path' | 'circle') => [...svg.matchAll(new RegExp(`<${tag} class="([^"]+)"[^>]*><title>([^<]+)</title>`, 'g'))].map((m) => [m[1], m[2]]);

describe('world map', () => {
  it('draws a large country as a shape of its class, with its name and roles as the title', () => {
    const { svg, dots, undrawn } = renderWorldMap('m', 'Test', [place('724', 'Spain', 'host'), place('076', 'Brazil', 'case')]);
    expect(marks(svg.value, 'path')).toEqual([
      ['case', 'Brazil: participant'],
      ['host', 'Spain: participant'],
    ]);
    expect(dots).toEqual([]);
    expect(undrawn).toEqual([]);
  });

  it('draws a place too small for a 1:110m shape as a dot, from its 1:50m boundary', () => {
    const { svg, dots } = renderWorldMap('m', 'Test', [place('044', 'Bahamas'), place('048', 'Bahrain'), place('462', 'Maldives')]);
    expect(dots.map((d) => d.name)).toEqual(['Bahamas', 'Bahrain', 'Maldives']);
    expect(marks(svg.value, 'circle')).toEqual([
      ['dot participant', 'Bahamas: participant'],
      ['dot participant', 'Bahrain: participant'],
      ['dot participant', 'Maldives: participant'],
    ]);
  });

  it('lists a place Natural Earth has no boundary for, and draws nothing for it', () => {
    const { svg, undrawn } = renderWorldMap('m', 'Test', [place('999', 'Nowhere'), place('724', 'Spain')]);
    expect(undrawn.map((p) => p.name)).toEqual(['Nowhere']);
    expect(svg.value).not.toContain('Nowhere');
  });

  it('is accessible by its title, carries no inline style, and is the same every time', () => {
    const places = [place('724', 'Spain'), place('504', 'Morocco', 'case')];
    const a = renderWorldMap('op-x', 'Where <X> took place', places).svg.value;
    expect(a.startsWith('<svg viewBox="0 0 960 500" role="img" aria-labelledby="op-x-title"')).toBe(true);
    expect(a).toContain('<title id="op-x-title">Where &lt;X&gt; took place</title>');
    expect(a).not.toMatch(/\sstyle=|\sfill=/);
    expect(renderWorldMap('op-x', 'Where <X> took place', places).svg.value).toBe(a);
  });
});
