// The landing page at `/`, rendered once per release at build time: what the
// dataset is, its headline figures, every table with its links and snippets,
// the releases, and how to cite it. No script, no third-party request.
import { createHash } from 'node:crypto';
import { paths } from '../../../core/paths.ts';
import { DATASET, LICENCE } from '../../../core/dataset.ts';
import { type RowOf, tableNamed } from '../../../schema/registry.ts';
import { rowsOf } from '../../validate/release.ts';
import { absolute, type DocumentInput, manifestEntry, type PublishedRelease } from '../input.ts';
import { renderSchemaOrgDataset } from '../schema-org.ts';
import { renderPanel } from './chart.ts';
import { html, type Html, jsonInScript, styleText } from '../../../core/html.ts';
import { formatFigure, formatNumber } from './numbers.ts';
import { snippetsFor } from '../../../core/snippets.ts';
import { STYLE } from '../../../core/pages/style.ts';
import { contactLink } from '../../../core/pages/frame.ts';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const formatDate = (iso: string) => DATE.format(new Date(`${iso}T00:00:00Z`));
/** "Liberterra III (2025)": short enough for a chart label or a column head on a phone. */
const operationLabel = (op: RowOf<'operations'>) => `${op.name.replace(/^Operation /, '')} (${op.start_date.slice(0, 4)})`;
const formatPeriod = (start: string, end: string) => DATE.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`));

export function renderLandingPage(input: DocumentInput): { html: string; csp: string } {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${DATASET.title}</title>
<meta name="description" content="${DATASET.description}">
<link rel="icon" href="data:,">
<link rel="describedby" type="application/vnd.datapackage+json" href="${paths.document('latest', 'datapackage')}">
<link rel="alternate" type="application/atom+xml" title="Releases" href="${paths.releases('atom')}">
<style>${styleText(STYLE)}</style>
<script type="application/ld+json">${jsonInScript(renderSchemaOrgDataset(input))}</script>
</head>
<body>
${header(input)}
<main>
${figures(input.release)}
${provenance(input.release)}
${tableList(input)}
${releaseList(input)}
${citation(input)}
</main>
<footer>${DATASET.title} · release ${input.release.manifest.version} · data licensed <a href="${LICENCE.url}" rel="license">${LICENCE.id}</a> · corrections: ${contactLink(input.contact)} · <a href="${paths.releases('atom')}">releases feed</a></footer>
</body>
</html>
`;
  const styleHash = createHash('sha256').update(STYLE, 'utf8').digest('base64');
  // Only the inline stylesheet and the data: favicon may load; nothing may run.
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return { html: page.value, csp };
}

function header({ release }: DocumentInput): Html {
  const { manifest } = release;
  return html`<header>
<h1>${DATASET.title}</h1>
<p class="lead">${DATASET.description}</p>
<p class="meta">Latest release <strong>${manifest.version}</strong>, ${formatDate(manifest.date)}: ${manifest.title}</p>
<nav aria-label="Machine-readable descriptions"><ul>
<li><a href="${paths.index()}">API index (JSON)</a></li>
<li><a href="${paths.document('latest', 'datapackage')}">Data Package</a></li>
<li><a href="${paths.document('latest', 'catalog')}">DCAT catalogue</a></li>
<li><a href="${paths.document('latest', 'openapi')}">OpenAPI</a></li>
<li><a href="${paths.releases('html')}">Releases</a></li>
</ul></nav>
</header>`;
}

function figures(release: PublishedRelease): Html {
  const operations = [...rowsOf(release.built, 'operations')].sort((a, b) => a.edition - b.edition);
  const metrics = rowsOf(release.built, 'metrics');
  const figure = (op: RowOf<'operations'>, metric: string) => metrics.find((m) => m.operation_id === op.operation_id && m.metric === metric);
  const labels = tableNamed('metrics')!.columns.find((c) => c.name === 'metric')!.labels!;
  const reported = Object.keys(labels).filter((metric) => operations.some((op) => figure(op, metric)));
  const everywhere = reported.filter((metric) => operations.every((op) => figure(op, metric)));
  return html`<section id="figures" aria-labelledby="figures-title">
<h2 id="figures-title">Headline figures</h2>
<p>As each operation's results were announced, with the wording the source uses ("more than", "about"). Each chart has its own scale.</p>
<div class="charts">
${everywhere.map((metric) => renderPanel({ label: labels[metric]!, bars: operations.map((op) => ({ label: operationLabel(op), metric: figure(op, metric)! })) }))}
</div>
<p class="muted">All headline figures; — means none was published. Source: <a href="${paths.table('latest', 'metrics', 'csv')}">metrics.csv</a>, <a href="${paths.table('latest', 'operations', 'csv')}">operations.csv</a>.</p>
<div class="scroll"><table>
<thead><tr><th scope="col">Figure</th>${operations.map((op) => html`<th scope="col" class="num">${operationLabel(op)}</th>`)}</tr></thead>
<tbody>
<tr><th scope="row">Dates</th>${operations.map((op) => html`<td class="num">${formatPeriod(op.start_date, op.end_date)}</td>`)}</tr>
<tr><th scope="row">Countries and territories taking part</th>${operations.map((op) => html`<td class="num">${formatNumber(op.participant_count)}</td>`)}</tr>
${reported.map((metric) => html`<tr><th scope="row">${labels[metric]}</th>${operations.map((op) => {
  const row = figure(op, metric);
  return html`<td class="num">${row ? formatFigure(row) : '—'}</td>`;
})}</tr>
`)}</tbody>
</table></div>
</section>`;
}

function provenance(release: PublishedRelease): Html {
  const sources = rowsOf(release.built, 'sources');
  const publishers = [...new Set(sources.map((s) => s.publisher))];
  const discrepancies = rowsOf(release.built, 'discrepancies').length;
  return html`<section id="sources" aria-labelledby="sources-title">
<h2 id="sources-title">Where the data comes from</h2>
<p>Every figure is copied from a published document and every row names its sources. This release cites ${sources.length} documents from ${publishers.length} publishers, chiefly INTERPOL's own press releases; see the <a href="${paths.table('latest', 'sources', 'csv')}">sources table</a>. Case summaries are written in our own words.${discrepancies ? html` Where sources disagree, the <a href="${paths.table('latest', 'discrepancies', 'csv')}">discrepancies table</a> records each version and which one the dataset adopts (${discrepancies} cases).` : ''}</p>
<p>Country names are stored exactly as published; ISO 3166 codes and UN M49 regions are added at build time.</p>
</section>`;
}

function tableList({ origin, release, history }: DocumentInput): Html {
  return html`<section id="tables" aria-labelledby="tables-title">
<h2 id="tables-title">Tables</h2>
<p>Each table is a CSV file and a JSON document. The latest URLs follow new releases; the numbered ones never change. Browse any of them as a page with filters, facets and links between rows, or filter, sort and page with query parameters, e.g. <a href="${paths.table('latest', 'metrics', 'json')}?operation=liberterra-iii"><code>/v1/metrics.json?operation=liberterra-iii</code></a>.</p>
${release.built.tables.map(({ table }) => {
  const entry = manifestEntry(release.manifest, table.name);
  const earlier = history.filter((r) => r !== release && r.manifest.tables.some((t) => t.name === table.name)).reverse();
  return html`<article id="table-${table.name}">
<h3>${table.title} <span class="muted">(${table.name}, ${formatNumber(entry.rows)} rows)</span></h3>
<p>${table.description}</p>
${tableLinks('latest', table.name, 'Latest')}
${earlier.length ? html`<details><summary>Earlier releases</summary>${earlier.map((r) => tableLinks({ version: r.manifest.version }, table.name, `Release ${r.manifest.version}`))}</details>` : ''}
<details><summary>Load it in Sheets, Excel, pandas, R or curl</summary>
${snippetsFor(table, absolute(origin, paths.table('latest', table.name, 'csv'))).map(
  (s) => html`<div class="snippet"><h4>${s.tool}</h4><pre tabindex="0"><code>${s.code}</code></pre></div>`,
)}</details>
</article>`;
})}
</section>`;
}

function tableLinks(ref: 'latest' | { version: string }, table: string, label: string): Html {
  return html`<ul class="links" aria-label="${label}: ${table}"><li><strong>${label}:</strong></li><li><a href="${paths.table(ref, table, 'html')}">Browse</a></li><li><a href="${paths.table(ref, table, 'csv')}">CSV</a></li><li><a href="${paths.table(ref, table, 'json')}">JSON</a></li><li><a href="${paths.schema(ref, table)}">Schema</a></li></ul>`;
}

function releaseList({ history }: DocumentInput): Html {
  const newestFirst = [...history].reverse();
  return html`<section id="releases" aria-labelledby="releases-title">
<h2 id="releases-title">Releases</h2>
<p>Each release is a complete, immutable snapshot with its own URLs; corrections come as new releases. Subscribe to the <a href="${paths.releases('atom')}">releases feed (Atom)</a> to hear of each.</p>
<ol reversed>
${newestFirst.map(({ manifest }, i) => {
  const previous = newestFirst[i + 1]?.manifest.version;
  return html`<li><strong>${manifest.version}</strong> (${formatDate(manifest.date)}): ${manifest.title}.
<ul class="links"><li><a href="${paths.release(manifest.version, 'html')}">Release notes</a></li><li><a href="${paths.release(manifest.version)}">Release (JSON)</a></li><li><a href="${paths.document({ version: manifest.version }, 'datapackage')}">Data Package</a></li>${
    previous ? html`<li><a href="${paths.diff(previous, manifest.version, 'html')}">Changes since ${previous}</a></li><li><a href="${paths.diff(previous, manifest.version, 'csv')}">(CSV)</a></li>` : ''
  }</ul></li>
`;
})}</ol>
</section>`;
}

function citation({ release: { manifest }, contact }: DocumentInput): Html {
  return html`<section id="cite" aria-labelledby="cite-title">
<h2 id="cite-title">Cite and reuse</h2>
<p>The data is licensed <a href="${LICENCE.url}" rel="license">${LICENCE.name} (${LICENCE.id})</a>: reuse it freely, with attribution. Cite the release you used, and link its numbered URLs so others get the same bytes:</p>
<pre class="wrap"><code>${manifest.citation} Corrections: ${contact.email}.</code></pre>
<p id="contact">Found a figure that its source does not support, or a source we missed? Write to ${contactLink(contact)}; corrections come out as a new release, with the change listed in its diff.</p>
</section>`;
}
