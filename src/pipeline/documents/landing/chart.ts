// Small multiples as inline SVG: one panel per metric that every operation
// reports, one bar per operation, so editions compare at a glance. Each panel
// has its own scale: arrests and migrants detected differ by an order of magnitude.
import { html, type Html } from '../../../core/html.ts';
import { formatFigure } from './numbers.ts';
import type { RowOf } from '../../../schema/registry.ts';

const WIDTH = 320;
const ROW = 40;
const BAR = 12;

export interface ChartPanel {
  label: string;
  bars: { label: string; metric: RowOf<'metrics'> }[];
}

export function renderPanel(panel: ChartPanel): Html {
  const max = Math.max(...panel.bars.map((b) => b.metric.value));
  const height = panel.bars.length * ROW;
  const summary = `${panel.label}: ${panel.bars.map((b) => `${b.label} ${formatFigure(b.metric)}`).join('; ')}`;
  return html`<figure class="panel">
<figcaption>${panel.label}</figcaption>
<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${summary}"><title>${summary}</title>
${panel.bars.map((bar, i) => {
  const y = i * ROW;
  const width = Math.max(1, Math.round((bar.metric.value / max) * WIDTH));
  return html`<text x="0" y="${y + 14}">${bar.label}</text><text x="${WIDTH}" y="${y + 14}" text-anchor="end" class="value">${formatFigure(bar.metric)}</text><rect x="0" y="${y + 20}" width="${width}" height="${BAR}" rx="2"/>
`;
})}</svg>
</figure>`;
}
