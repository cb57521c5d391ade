// The frame every HTML page shares, whether the build renders it (release and
// diff pages) or the Worker does (table and row pages): head, breadcrumbs,
// footer with the licence and the contact for corrections. No script runs on
// any page; every control is a link or a GET form.
import { DATASET, LICENCE } from '../dataset.ts';
import { html, type Html, styleText } from '../html.ts';
import { paths } from '../paths.ts';
import { STYLE } from './style.ts';

/** Where to send corrections, configured per environment (wrangler.toml's CONTACT_EMAIL). */
export interface Contact {
  email: string;
}

export interface Frame {
  title: string;
  /** The way back up: every step but the page itself links. */
  crumbs: readonly { label: string; href: string }[];
  /** Other representations of the same resource (CSV, JSON), for the head's alternate links. */
  alternates?: readonly { href: string; type: string }[];
  version?: string;
  contact?: Contact;
  /** Wide tables: the page may use the whole window. */
  wide?: boolean;
}

/** The pages' CSP: only the one stylesheet, by hash; forms submit here, nothing runs. */
export const pageCsp = (styleHash: string) =>
  `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

export const contactLink = (contact: Contact | undefined, text?: string) =>
  contact ? html`<a href="mailto:${contact.email}">${text ?? contact.email}</a>` : '';

export function renderFrame(frame: Frame, main: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · ${DATASET.title}</title>
<link rel="icon" href="data:,">
${(frame.alternates ?? []).map((a) => html`<link rel="alternate" type="${a.type}" href="${a.href}">\n`)}<link rel="alternate" type="application/atom+xml" title="Releases" href="${paths.releases('atom')}">
<style>${styleText(STYLE)}</style>
</head>
<body${frame.wide ? html` class="wide"` : ''}>
<header>
<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="${paths.landing()}">${DATASET.title}</a></li>${frame.crumbs.map((c) => html`<li><a href="${c.href}">${c.label}</a></li>`)}</ol></nav>
<h1>${frame.title}</h1>
</header>
<main>
${main}
</main>
<footer>${DATASET.title}${frame.version ? html` · release ${frame.version}` : ''} · data licensed <a href="${LICENCE.url}" rel="license">${LICENCE.id}</a>${
    frame.contact ? html` · corrections and questions: ${contactLink(frame.contact)}` : ''
  } · <a href="${paths.releases('atom')}">releases feed</a></footer>
</body>
</html>
`.value;
}
