// Reads a page the way a browser's parser would, with workerd's own HTML
// parser (HTMLRewriter): the elements a selector matches, their attributes
// and their text, so tests assert on structure rather than on regexes.
import { BASE, get } from './fetch.ts';

const VOID = new Set(['input', 'link', 'meta', 'br', 'img', 'hr', 'col', 'source']);

export interface Found {
  attrs: Record<string, string>;
  text: string;
}

export async function select(page: string, selector: string): Promise<Found[]> {
  const found: Found[] = [];
  const open: Found[] = [];
  await new HTMLRewriter()
    .on(selector, {
      element(el) {
        const item: Found = { attrs: Object.fromEntries(el.attributes), text: '' };
        found.push(item);
        open.push(item);
        // A void element (input, link) has no end tag: it holds no text either.
        if (VOID.has(el.tagName)) open.pop();
        else el.onEndTag(() => void open.splice(open.indexOf(item), 1));
      },
      text(t) {
        for (const item of open) item.text += t.text;
      },
    })
    .transform(new Response(page))
    .text();
  // HTMLRewriter hands over text and attributes as written: entities still encoded.
  for (const item of found) {
    item.text = decode(item.text).replace(/\s+/g, ' ').trim();
    for (const name of Object.keys(item.attrs)) item.attrs[name] = decode(item.attrs[name]!);
  }
  return found;
}

/** The page at `path` as a browser asks for it. */
export async function browse(path: string): Promise<{ res: Response; page: string }> {
  const res = await get(path, { headers: { Accept: BROWSER_ACCEPT } });
  return { res, page: await res.text() };
}

/** What Chromium sends for a page it navigates to. */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

/** Every link's target, as a path and query on this origin. */
export async function hrefs(page: string, selector = 'a[href]'): Promise<string[]> {
  return (await select(page, selector)).map((a) => {
    const url = new URL(a.attrs.href!, `${BASE}/`);
    return url.origin === BASE ? `${url.pathname}${url.search}` : url.href;
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text a browser shows for HTML source: named entities of the five, and numeric ones. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}
