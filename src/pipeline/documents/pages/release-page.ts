// A release as a page: its notes, its tables with their links and hashes,
// what changed since the release before, and how to cite it.
import { html } from '../../../core/html.ts';
import { contactLink, renderFrame } from '../../../core/pages/frame.ts';
import { paths } from '../../../core/paths.ts';
import type { DocumentInput } from '../input.ts';
import type { RowChange } from '../../render/diff.ts';
import { countChanges, countsTable } from './diff-page.ts';

/** `changes`: from the release before this one, if there is one. */
export function renderReleasePage({ release, history, contact }: DocumentInput, changes: readonly RowChange[] | undefined): string {
  const { manifest } = release;
  const pinned = { version: manifest.version };
  const previous = history.at(-2)?.manifest.version;
  const main = html`<p class="meta">Published ${manifest.date}. Its data never changes; its URLs below are numbered so they always give the same bytes.</p>
<p class="lead">${manifest.title}</p>
<h2>Notes</h2>
<p>${manifest.notes}</p>
<h2>Tables</h2>
<div class="scroll" tabindex="0" role="region" aria-label="Tables of this release"><table><thead><tr><th scope="col">Table</th><th scope="col" class="num">Rows</th><th scope="col">Data</th><th scope="col">SHA-256 of the CSV</th></tr></thead><tbody>${manifest.tables.map(
    (t) => html`<tr><th scope="row"><a href="${paths.table(pinned, t.name)}">${t.name}</a></th><td class="num">${t.rows}</td><td><a href="${paths.table(pinned, t.name, 'csv')}">CSV</a> · <a href="${paths.table(pinned, t.name, 'json')}">JSON</a> · <a href="${paths.schema(pinned, t.name)}">Schema</a></td><td><code>${t.csv.sha256.slice(0, 16)}…</code></td></tr>`,
  )}</tbody></table></div>
<p>Release hash <code>${manifest.hash}</code>. Described as a <a href="${paths.document(pinned, 'datapackage')}">Data Package</a>, a <a href="${paths.document(pinned, 'catalog')}">DCAT catalogue</a> and an <a href="${paths.document(pinned, 'openapi')}">OpenAPI document</a>; the same facts as <a href="${paths.release(manifest.version, 'json')}">JSON</a>.</p>
${
  previous && changes
    ? html`<h2>Changes since ${previous}</h2><p><a href="${paths.diff(previous, manifest.version)}">Every added, removed and changed row</a>, or as <a href="${paths.diff(previous, manifest.version, 'csv')}">CSV</a>.</p>${countsTable(countChanges(changes), paths.diff(previous, manifest.version))}`
    : html`<p>The first release.</p>`
}
<h2>Cite</h2>
<pre class="wrap"><code>${manifest.citation}</code></pre>
<p>Corrections and questions: ${contactLink(contact)}.</p>`;
  return renderFrame(
    {
      title: `Release ${manifest.version}`,
      crumbs: [{ label: 'Releases', href: paths.releases('html') }],
      alternates: [{ href: paths.release(manifest.version, 'json'), type: 'application/json' }],
      version: manifest.version,
      contact,
    },
    main,
  );
}
