// A table, or a question asked of it, as a page: the total, a GET form for its
// filters, facet counts that filter when clicked, sortable column heads, pages,
// and "download this view" links with the Sheets, pandas and R lines for
// exactly the rows the page selects. Every control is a link or a GET form.
import { html, type Html } from '../../core/html.ts';
import { type Contact, renderFrame } from '../../core/pages/frame.ts';
import { cellClass, cellHtml, type CellLinks, groupDigits } from '../../core/pages/cells.ts';
import { type ReleaseRef, paths } from '../../core/paths.ts';
import { BOUND_OPS, splitList, type TableQuery } from '../../core/query-params.ts';
import { listValue } from '../../core/list-values.ts';
import { LIST_DELIMITER } from '../../core/list-delimiter.ts';
import { pandasCsv, pandasJson, rCsv } from '../../core/snippets.ts';
import type { Column, Row, TableFacts } from '../../core/table-types.ts';
import type { LabelColumn } from '../../core/labels.ts';
import type { FacetCount } from '../query/select.ts';
import type { PageQuery } from './page-links.ts';
import { releaseCrumbs, rowLinks } from './row-links.ts';

export interface TablePage {
  table: TableFacts;
  ref: ReleaseRef;
  version: string;
  /** The request's origin, for the absolute URL a spreadsheet formula needs. */
  origin: string;
  page: PageQuery;
  /** The query as run (with the page's defaults and names resolved to codes). */
  query: TableQuery;
  /** The columns shown, in order. */
  columns: readonly Column[];
  /** Every column this release has: what the form can filter on, shown or not. */
  releaseColumns: readonly Column[];
  labels: readonly LabelColumn[];
  rows: readonly Row[];
  total: number;
  facets: Record<string, FacetCount[]>;
  /** What names facet values that are ids: column → id → name. */
  facetNames: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Filter values read as codes (`country=Spain as ES`). */
  resolved: readonly string[];
  contact?: Contact;
}

/** Facet values shown before the rest fold away. */
const FACET_SHOWN = 8;

export function renderTablePage(p: TablePage): string {
  const { table, query } = p;
  const first = query.offset + 1;
  const last = query.offset + p.rows.length;
  const main = html`<p class="lead">${table.description}</p>
<p><span class="total">${groupDigits(p.total)} ${p.total === 1 ? 'row' : 'rows'}</span>${p.rows.length ? html` match; rows ${first}–${last} shown.` : !p.total ? ' match this view.' : query.limit === 0 ? html` match; <code>limit=0</code> shows the count alone.` : ' match; this page is past the last of them.'}${
    p.resolved.length ? html` <span class="label">Read ${p.resolved.join('; ')}.</span>` : ''
  }</p>
${filterForm(p)}
${facetLists(p)}
${p.rows.length ? rowsTable(p) : query.limit === 0 && p.total ? html`<p><a href="${p.page.with({ limit: null })}">Show the rows</a>.</p>` : html`<p>No row matches. <a href="${p.page.path}">Show every row</a>, or remove a filter above.</p>`}
${pager(p)}
${downloads(p)}`;
  return renderFrame(
    {
      title: table.title,
      crumbs: releaseCrumbs(p.ref, p.version),
      alternates: [
        { href: p.page.download(p.ref, table, 'csv'), type: 'text/csv' },
        { href: p.page.download(p.ref, table, 'json'), type: 'application/json' },
      ],
      version: p.version,
      wide: true,
      ...(p.contact ? { contact: p.contact } : {}),
    },
    main,
  );
}

const given = (p: TablePage, name: string) => p.page.given.get(name) ?? '';
const inputType = (c: Column) => (c.kind === 'date' ? 'date' : 'number');

function filterForm(p: TablePage): Html {
  const { table } = p;
  const fields = new Set<string>(['offset']);
  const controls: Html[] = [];
  if (table.search.length) {
    fields.add('q');
    controls.push(html`<div><label for="f-q">Words in ${table.search.join(', ')}</label><input id="f-q" type="search" name="q" value="${given(p, 'q')}"></div>`);
  }
  for (const [param, column] of Object.entries(table.filters)) {
    // A filter on a column this release does not have yet has no control.
    if (!p.releaseColumns.some((c) => c.name === column)) continue;
    fields.add(param);
    controls.push(html`<div><label for="f-${param}">${param} (${column})</label>${filterControl(p, param, column)}</div>`);
  }
  const ranged = p.releaseColumns.filter((c) => c.kind === 'integer' || c.kind === 'number' || c.kind === 'date');
  const ranges = ranged.flatMap((c) =>
    (['gte', 'lte'] as const).map((op) => {
      const name = `${c.name}_${op}`;
      fields.add(name);
      return html`<div><label for="f-${name}">${c.name}, ${BOUND_OPS[op]}</label><input id="f-${name}" type="${inputType(c)}" ${c.kind === 'number' ? html`step="any" ` : ''}name="${name}" value="${given(p, name)}"></div>`;
    }),
  );
  // What the reader asked that the form has no control for (sort, fields, other bounds) rides along.
  const hidden = [...p.page.given].filter(([name]) => !fields.has(name)).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return html`<form class="filters" method="get" action="${p.page.path}" aria-label="Filter ${table.title}">
${controls}${hidden}
<div class="actions"><button type="submit">Apply</button><a href="${p.page.path}">Clear all</a></div>
${ranges.length ? html`<details><summary>Ranges</summary>${ranges}</details>` : ''}
</form>`;
}

/** The values a filter parameter gives, as its list syntax reads them, lower-cased for comparing. */
const chosenValues = (p: TablePage, param: string) => (given(p, param) ? (splitList(given(p, param), `,${LIST_DELIMITER}`) ?? []) : []).map((v) => v.toLowerCase());

function filterControl(p: TablePage, param: string, column: string): Html {
  const current = given(p, param);
  const chosen = chosenValues(p, param);
  const counts = p.facets[param];
  const vocabulary = p.table.columns.find((c) => c.name === column)?.values;
  // One value or none: a menu of those present (with counts) or of the vocabulary; several: the text as given.
  const options = counts ? counts.map((c) => ({ value: c.value, text: `${optionName(p, column, c.value)} (${c.count})` })) : vocabulary?.map((v) => ({ value: v, text: v }));
  if (!options || chosen.length > 1) return html`<input id="f-${param}" name="${param}" value="${current}" placeholder="exact value; several with commas">`;
  const known = options.some((o) => o.value.toLowerCase() === chosen[0]);
  return html`<select id="f-${param}" name="${param}"><option value="">any</option>${current && !known ? html`<option selected value="${current}">${current}</option>` : ''}${options.map(
    (o) => html`<option value="${listValue(o.value)}"${o.value.toLowerCase() === chosen[0] ? html` selected` : ''}>${o.text}</option>`,
  )}</select>`;
}

function optionName(p: TablePage, column: string, value: string): string {
  const name = p.facetNames.get(column)?.get(value);
  return name ? `${name} (${value})` : value;
}

function facetLists(p: TablePage): Html {
  const lists = Object.entries(p.facets).map(([param, counts]) => {
    const column = p.table.filters[param]!;
    const chosen = chosenValues(p, param);
    const item = (c: FacetCount) => {
      const on = chosen.includes(c.value.toLowerCase());
      const rest = chosen.filter((v) => v !== c.value.toLowerCase()).map(listValue).join(',');
      const href = on ? p.page.with({ [param]: rest || null }) : p.page.with({ [param]: listValue(c.value) });
      return html`<li${on ? html` class="on"` : ''}><a href="${href}"${on ? html` aria-label="${optionName(p, column, c.value)}, remove this filter"` : ''}>${optionName(p, column, c.value)}${on ? ' ✕' : ''}</a><span>${c.count}</span></li>`;
    };
    return html`<section aria-labelledby="facet-${param}"><h3 id="facet-${param}">${param}</h3>${
      counts.length ? html`<ul>${counts.slice(0, FACET_SHOWN).map(item)}</ul>` : html`<p class="label">none in this view</p>`
    }${counts.length > FACET_SHOWN ? html`<details><summary>${counts.length - FACET_SHOWN} more</summary><ul>${counts.slice(FACET_SHOWN).map(item)}</ul></details>` : ''}</section>`;
  });
  return lists.length ? html`<div class="facets" aria-label="Facets">${lists}</div>` : html``;
}

function rowsTable(p: TablePage): Html {
  const sorted = (column: string) => p.query.sort.find((s) => s.column === column);
  const head = p.columns.map((c) => {
    const s = sorted(c.name);
    // Third click: this column's key goes, any other keys stay.
    const others = p.query.sort.filter((o) => o.column !== c.name).map((o) => `${o.descending ? '-' : ''}${o.column}`).join(',');
    const next = !s ? c.name : !s.descending ? `-${c.name}` : others || null;
    const verb = !s ? 'sort ascending' : !s.descending ? 'sort descending' : 'remove this sort';
    return html`<th scope="col"${cellClass(c) === 'num' ? html` class="num"` : ''}${s ? html` aria-sort="${s.descending ? 'descending' : 'ascending'}"` : ''}><a href="${p.page.with({ sort: next })}" title="${verb}">${c.name}</a></th>`;
  });
  const body = p.rows.map((row) => {
    const links: CellLinks = rowLinks(p.table, p.ref, p.labels, row);
    return html`<tr>${p.columns.map((c) => {
      const kind = cellClass(c, p.table.search);
      return html`<td${kind ? html` class="${kind}"` : ''}>${cellHtml(c, row[c.name], links, true)}</td>`;
    })}</tr>`;
  });
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Rows of ${p.table.title}"><table><caption class="label">${p.table.title}: select a column head to sort by it.</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function pager(p: TablePage): Html {
  const limit = p.query.limit!;
  // limit=0 asks for the count alone: there are no pages to turn.
  if (limit === 0 || (p.total <= limit && p.query.offset === 0)) return html``;
  const offset = p.query.offset;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(p.total / limit));
  const at = (o: number) => p.page.with({ offset: String(o), limit: p.page.given.get('limit') ?? null });
  return html`<nav class="pages" aria-label="Pages">${offset > 0 ? html`<a href="${at(Math.max(0, offset - limit))}" rel="prev">← Previous ${limit}</a>` : html`<span></span>`}<span>Page ${page} of ${pages}</span>${
    offset + limit < p.total ? html`<a href="${at(offset + limit)}" rel="next">Next ${Math.min(limit, p.total - offset - limit)} →</a>` : html`<span></span>`
  }</nav>`;
}

function downloads(p: TablePage): Html {
  const { table, ref } = p;
  const csv = p.page.download(ref, table, 'csv');
  const json = p.page.download(ref, table, 'json');
  const array = p.page.download(ref, table, 'json', { shape: 'array' });
  const snippetTable = { name: table.name, columns: [...p.columns] };
  const absolute = (path: string) => `${p.origin}${path}`;
  const lines = [
    { tool: 'Google Sheets', code: `=IMPORTDATA("${absolute(csv)}")` },
    { tool: 'Python (pandas), CSV', code: `import pandas as pd\n\n${pandasCsv(snippetTable, absolute(csv))}` },
    { tool: 'Python (pandas), JSON', code: `import pandas as pd\n\n${pandasJson(snippetTable, absolute(array))}` },
    { tool: 'R', code: rCsv(snippetTable, absolute(csv)) },
  ];
  return html`<section id="download" aria-labelledby="download-title">
<h2 id="download-title">Download this view</h2>
<p>Every row this view's filters, search and sort select (${groupDigits(p.total)}), not just this page, from release ${p.version}:</p>
<ul class="links"><li><a href="${csv}">CSV</a></li><li><a href="${json}">JSON</a></li><li><a href="${paths.schema({ version: p.version }, table.name)}">JSON Schema</a></li></ul>
${lines.map((l) => html`<div class="snippet"><h4>${l.tool}</h4><pre tabindex="0"><code>${l.code}</code></pre></div>`)}
</section>`;
}
