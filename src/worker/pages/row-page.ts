// One row as a page: its fields, the ids it cites as links with their names,
// and every row elsewhere that cites it, table by table. An operation's page
// also carries its map, drawn at build time (src/pipeline/documents/pages/).
import { html, Html } from '../../core/html.ts';
import { type Contact, renderFrame } from '../../core/pages/frame.ts';
import { cellClass, cellHtml } from '../../core/pages/cells.ts';
import type { LabelColumn } from '../../core/labels.ts';
import { type ReleaseRef, paths } from '../../core/paths.ts';
import type { Column, Row, TableFacts } from '../../core/table-types.ts';
import { releaseCrumbs, rowLinks } from './row-links.ts';

/** The rows of one table that cite this one through one column. */
export interface Related {
  table: TableFacts;
  column: string;
  columns: readonly Column[];
  labels: readonly LabelColumn[];
  rows: readonly Row[];
  total: number;
}

export interface RowPage {
  table: TableFacts;
  ref: ReleaseRef;
  version: string;
  id: string;
  /** With its label columns (`operation_id_name`, …). */
  row: Row;
  columns: readonly Column[];
  labels: readonly LabelColumn[];
  related: readonly Related[];
  /** The operation's map: a fragment the build rendered and stored. */
  map?: string;
  contact?: Contact;
}

export function renderRowPage(p: RowPage): string {
  const links = rowLinks(p.table, p.ref, p.labels, p.row);
  const name = p.table.label?.[0] ? p.row[p.table.label[0].column] : null;
  const title = typeof name === 'string' && name ? name : `${p.table.title}: ${p.id}`;
  const fields = p.columns.map((c) => html`<dt>${c.name}</dt><dd>${cellHtml(c, p.row[c.name], links)}</dd>`);
  const shown = p.related.filter((r) => r.total > 0);
  const main = html`<p class="meta">${p.table.title}, <code>${p.table.rowPath}</code> ${p.id}</p>
<dl class="row">${fields}</dl>
<ul class="links"><li><a href="${paths.row(p.ref, p.table.name, p.id, 'json')}">JSON</a></li><li><a href="${paths.row(p.ref, p.table.name, p.id, 'csv')}">CSV</a></li><li><a href="${paths.table(p.ref, p.table.name)}">All ${p.table.title.toLowerCase()}</a></li></ul>
${p.map ? html`<h2 id="map-title">Map</h2>${new Html(p.map)}` : ''}
${shown.length ? html`<h2>Rows that cite this one</h2>` : html`<p>No other row cites this one.</p>`}
${shown.map((r) => relatedSection(p, r))}`;
  return renderFrame(
    {
      title,
      crumbs: releaseCrumbs(p.ref, p.version, [{ label: p.table.title, href: paths.table(p.ref, p.table.name) }]),
      alternates: [
        { href: paths.row(p.ref, p.table.name, p.id, 'json'), type: 'application/json' },
        { href: paths.row(p.ref, p.table.name, p.id, 'csv'), type: 'text/csv' },
      ],
      version: p.version,
      wide: true,
      ...(p.contact ? { contact: p.contact } : {}),
    },
    main,
  );
}

function relatedSection(p: RowPage, r: Related): Html {
  // A column that holds only this id says nothing on its own page; a list column says what else it cites.
  const columns = r.columns.filter((c) => c.name !== r.column || c.kind === 'list');
  const param = Object.entries(r.table.filters).find(([, column]) => column === r.column)?.[0];
  const all = param ? `${paths.table(p.ref, r.table.name)}?${new URLSearchParams({ [param]: p.id })}` : undefined;
  const id = `rel-${r.table.name}-${r.column}`;
  return html`<section aria-labelledby="${id}"><h3 id="${id}">${r.table.title} <span class="label">by ${r.column} (${r.total})</span></h3>
<div class="scroll" tabindex="0" role="region" aria-label="${r.table.title} by ${r.column}"><table><thead><tr>${columns.map((c) => html`<th scope="col"${cellClass(c) === 'num' ? html` class="num"` : ''}>${c.name}</th>`)}</tr></thead><tbody>${r.rows.map((row) => {
    const links = rowLinks(r.table, p.ref, r.labels, row);
    return html`<tr>${columns.map((c) => {
      const kind = cellClass(c, r.table.search);
      return html`<td${kind ? html` class="${kind}"` : ''}>${cellHtml(c, row[c.name], links, true)}</td>`;
    })}</tr>`;
  })}</tbody></table></div>
${r.total > r.rows.length ? html`<p>${r.rows.length} of ${r.total} shown.</p>` : ''}${all ? html`<p><a href="${all}">These rows as a table view</a></p>` : ''}</section>`;
}
