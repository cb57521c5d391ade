// The releases for people and for feed readers: /v1/releases as a page, and
// /v1/releases.atom, an Atom feed (RFC 4287) with one entry per release, so
// portals and journalists hear of new releases and corrections.
import { DATASET } from '../../core/dataset.ts';
import { escapeHtml, html } from '../../core/html.ts';
import { renderFrame } from '../../core/pages/frame.ts';
import { FEED_TYPE, PAGE_TYPE } from '../../core/negotiate.ts';
import { paths } from '../../core/paths.ts';
import type { Reply } from '../http/respond.ts';
import { contactOf } from '../kv/env.ts';
import { type Asked, reply } from './asked.ts';
import { PAGE_HEADERS } from './table-pages.ts';

export const FEED_SUFFIX = 'atom';

const newestFirst = (asked: Asked) => [...asked.pointer.releases].reverse();

export function releasesPageRoute(asked: Asked, suffixed: boolean): Promise<Reply> {
  const releases = newestFirst(asked);
  const main = html`<p>Each release is a complete snapshot that never changes; corrections come as new releases. Subscribe to the <a href="${paths.releases(FEED_SUFFIX)}">Atom feed</a> to hear of each, or read this list as <a href="${paths.releases('json')}">JSON</a> or <a href="${paths.releases('csv')}">CSV</a>.</p>
<ol reversed>${releases.map((r, i) => {
    const previous = releases[i + 1]?.version;
    return html`<li><h2><a href="${paths.release(r.version)}">${r.version}</a> <span class="label">${r.date}${r.version === asked.pointer.latest ? ', latest' : ''}</span></h2><p>${r.title}</p>${
      previous ? html`<p><a href="${paths.diff(previous, r.version)}">What changed since ${previous}</a></p>` : ''
    }</li>`;
  })}</ol>`;
  const text = renderFrame({ title: 'Releases', crumbs: [], alternates: [{ href: paths.releases('json'), type: 'application/json' }], version: asked.pointer.latest, ...contactOf(asked.env) }, main);
  return reply(asked, { content: { text }, contentType: PAGE_TYPE, freshness: 'latest', version: asked.pointer.latest, negotiated: !suffixed, headers: PAGE_HEADERS });
}

/** XML text: the same five characters as HTML need escaping. */
const xml = escapeHtml;

export function releasesFeedRoute(asked: Asked): Promise<Reply> {
  // Atom ids and links are absolute: a feed reader keeps them apart from the page it came from.
  const at = (path: string) => `${asked.url.origin}${path}`;
  const releases = newestFirst(asked);
  const updated = (date: string) => `${date}T00:00:00Z`;
  const contact = contactOf(asked.env).contact;
  const entries = releases.map((r, i) => {
    const previous = releases[i + 1]?.version;
    return `<entry>
<id>${xml(at(paths.release(r.version)))}</id>
<title>${xml(`${r.version}: ${r.title}`)}</title>
<updated>${updated(r.date)}</updated>
<published>${updated(r.date)}</published>
<link rel="alternate" type="text/html" href="${xml(at(paths.release(r.version, 'html')))}"/>
<link rel="related" type="application/json" href="${xml(at(paths.release(r.version, 'json')))}"/>
${previous ? `<link rel="related" type="text/html" title="${xml(`Changes since ${previous}`)}" href="${xml(at(paths.diff(previous, r.version, 'html')))}"/>\n` : ''}<summary>${xml(r.notes)}</summary>
</entry>`;
  });
  const text = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${xml(at(paths.releases(FEED_SUFFIX)))}</id>
<title>${xml(`${DATASET.title}: releases`)}</title>
<subtitle>${xml(DATASET.description)}</subtitle>
<updated>${updated(releases[0]!.date)}</updated>
<author><name>${xml(DATASET.publisher.name)}</name>${contact ? `<email>${xml(contact.email)}</email>` : ''}</author>
<link rel="self" type="application/atom+xml" href="${xml(at(paths.releases(FEED_SUFFIX)))}"/>
<link rel="alternate" type="text/html" href="${xml(at(paths.releases('html')))}"/>
${entries.join('\n')}
</feed>
`;
  return reply(asked, { content: { text }, contentType: FEED_TYPE, freshness: 'latest', version: asked.pointer.latest });
}
