// An error as a page, for a browser: the same status and words as the
// problem+json answer, each invalid parameter with what it accepts, and a way on
// (on this site: `//host/x` as a path would link to another one).
import { html } from '../../core/html.ts';
import { renderFrame } from '../../core/pages/frame.ts';
import type { ApiError, InvalidParam } from '../../core/problem.ts';

export function renderProblemPage(error: ApiError, path: string): string {
  const invalid = (error.extra.invalid_params ?? []) as InvalidParam[];
  const allowed = (a: InvalidParam['allowed']) => (a === undefined ? '' : html` Accepted: ${typeof a === 'string' ? a : a.join(', ')}.`);
  const main = html`<p class="lead">${error.message}</p>
${invalid.length ? html`<ul>${invalid.map((i) => html`<li><code>${i.name}</code>: ${i.reason}${/[.?!]$/.test(i.reason) ? '' : '.'}${allowed(i.allowed)}</li>`)}</ul>` : ''}
<p><a href="${`/${path.replace(/^\/+/, '')}`}">This page without its query</a> · <a href="/">Start again at the overview</a></p>`;
  return renderFrame({ title: `${error.status} ${error.title}`, crumbs: [] }, main);
}
