// One cell as a page shows it, wherever the page is rendered: ids as links to
// the rows they name with the name beside them, lists item by item, numbers
// grouped, web addresses as links. Every value is escaped by the html tag.
import { html, type Html } from '../html.ts';
import type { Cell, Column } from '../table-types.ts';

/** Where an id of a column links, and what names it; either may know nothing. */
export interface CellLinks {
  href(column: string, id: string): string | undefined;
  name(column: string, id: string, item?: number): string | undefined;
}

export const NO_LINKS: CellLinks = { href: () => undefined, name: () => undefined };

/**
 * A number with its thousands grouped (4,414; 1234.5 → 1,234.5), every digit kept.
 * Written out because Intl's first formatter loads locale data: ~20 ms of an isolate's start.
 */
export function groupDigits(n: number): string {
  const [whole = '', fraction] = String(n).split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

const isNumeric = (column: Column) => column.kind === 'integer' || column.kind === 'number';

/** `num` columns line up on the right; `text` ones (`long`: prose such as summaries) get room to be read. */
export const cellClass = (column: Column, long: readonly string[] = []) => (isNumeric(column) ? 'num' : long.includes(column.name) ? 'text' : column.kind === 'list' ? 'list' : undefined);

/** `compact`: for a grid of rows, where a list's names would make every row tall: they go in a tooltip. */
function item(column: Column, value: string, links: CellLinks, index: number | undefined, compact: boolean): Html {
  const href = links.href(column.name, value);
  const name = links.name(column.name, value, index);
  if (href && compact && name && index !== undefined) return html`<a href="${href}" title="${name}">${value}</a>`;
  const shown = href ? html`<a href="${href}">${value}</a>` : /^https:\/\/[^\s]+$/.test(value) ? html`<a href="${value}" rel="nofollow noreferrer">${value}</a>` : html`${value}`;
  return name ? html`${shown} <span class="label">${name}</span>` : shown;
}

export function cellHtml(column: Column, cell: Cell | undefined, links: CellLinks = NO_LINKS, compact = false): Html {
  if (cell === null || cell === undefined || cell === '') return html`<span class="label">—</span>`;
  if (Array.isArray(cell)) {
    if (!cell.length) return html`<span class="label">—</span>`;
    if (compact) return html`${cell.map((value, i) => html`${i ? ', ' : ''}${item(column, value, links, i, true)}`)}`;
    return html`<ul class="refs">${cell.map((value, i) => html`<li>${item(column, value, links, i, false)}</li>`)}</ul>`;
  }
  if (typeof cell === 'number') return html`${groupDigits(cell)}`;
  return item(column, cell, links, undefined, compact);
}
