// The changes between two releases as a page: counts per table, then each
// table's added and removed rows and, for changed rows, each changed cell
// before and after (del/ins, so the change reads without colour too).
import { html, type Html } from '../../../core/html.ts';
import { cellHtml } from '../../../core/pages/cells.ts';
import { type Contact, renderFrame } from '../../../core/pages/frame.ts';
import { paths } from '../../../core/paths.ts';
import { tableNamed } from '../../../schema/registry.ts';
import type { RowChange } from '../../render/diff.ts';
import { idLinks, pageColumns } from './id-links.ts';

export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
}

export function countChanges(changes: readonly RowChange[]): Map<string, DiffCounts> {
  const counts = new Map<string, DiffCounts>();
  for (const c of changes) {
    const n = counts.get(c.table) ?? { added: 0, removed: 0, changed: 0 };
    n[c.change] += 1;
    counts.set(c.table, n);
  }
  return counts;
}

/** The per-table counts, linking to each table's section of the diff page. */
export function countsTable(counts: ReadonlyMap<string, DiffCounts>, diffHref: string): Html {
  if (!counts.size) return html`<p>No row changed.</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Changes per table"><table class="counts"><thead><tr><th scope="col">Table</th><th scope="col" class="num">Added</th><th scope="col" class="num">Removed</th><th scope="col" class="num">Changed</th></tr></thead><tbody>${[...counts].map(
    ([table, n]) => html`<tr><th scope="row"><a href="${diffHref}#${table}">${tableNamed(table)?.title ?? table}</a></th><td class="num">${n.added}</td><td class="num">${n.removed}</td><td class="num">${n.changed}</td></tr>`,
  )}</tbody></table></div>`;
}

export function renderDiffPage(from: string, to: string, changes: readonly RowChange[], contact: Contact): string {
  const counts = countChanges(changes);
  const self = paths.diff(from, to);
  const main = html`<p>Every row added, removed or changed from release <a href="${paths.release(from, 'html')}">${from}</a> to <a href="${paths.release(to, 'html')}">${to}</a>, matched on each table's primary key. As data: <a href="${paths.diff(from, to, 'csv')}">CSV</a> (one line per changed field) or <a href="${paths.diff(from, to, 'json')}">JSON</a>.</p>
${countsTable(counts, self)}
${[...counts.keys()].map((table) => tableChanges(table, from, to, changes.filter((c) => c.table === table)))}`;
  return renderFrame({ title: `Changes from ${from} to ${to}`, wide: true, crumbs: [{ label: 'Releases', href: paths.releases('html') }, { label: `Release ${to}`, href: paths.release(to, 'html') }], version: to, contact }, main);
}

function tableChanges(table: string, from: string, to: string, changes: readonly RowChange[]): Html {
  const columns = pageColumns(table);
  const whole = (kind: 'added' | 'removed') => {
    const rows = changes.filter((c) => c.change === kind);
    if (!rows.length) return '';
    const links = idLinks(table, kind === 'added' ? to : from);
    const mark = (content: Html) => (kind === 'added' ? html`<ins>${content}</ins>` : html`<del>${content}</del>`);
    return html`<h3>${kind === 'added' ? 'Added' : 'Removed'} (${rows.length})</h3><div class="scroll" tabindex="0" role="region" aria-label="${kind === 'added' ? 'Added' : 'Removed'} rows of ${table}"><table><thead><tr>${columns.map((c) => html`<th scope="col">${c.name}</th>`)}</tr></thead><tbody>${rows.map(
      (c) => html`<tr class="${kind}">${columns.map((col) => html`<td>${mark(cellHtml(col, (c.new ?? c.old)![col.name], links, true))}</td>`)}</tr>`,
    )}</tbody></table></div>`;
  };
  const changed = changes.filter((c) => c.change === 'changed');
  const [before, after] = [idLinks(table, from), idLinks(table, to)];
  return html`<section id="${table}" aria-labelledby="${table}-title"><h2 id="${table}-title">${tableNamed(table)?.title ?? table} <span class="label">(${table})</span></h2>
${whole('added')}${whole('removed')}${
    changed.length
      ? html`<h3>Changed (${changed.length})</h3><div class="scroll" tabindex="0" role="region" aria-label="Changed cells of ${table}"><table><thead><tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Before (${from})</th><th scope="col">After (${to})</th></tr></thead><tbody>${changed.flatMap((c) =>
          c.fields.map((field) => {
            const column = columns.find((col) => col.name === field) ?? { name: field, kind: 'string' as const, nullable: true };
            return html`<tr><th scope="row">${c.key}</th><td>${field}</td><td><del>${cellHtml(column, c.old?.[field] ?? null, before)}</del></td><td><ins>${cellHtml(column, c.new?.[field] ?? null, after)}</ins></td></tr>`;
          }),
        )}</tbody></table></div>`
      : ''
  }</section>`;
}
