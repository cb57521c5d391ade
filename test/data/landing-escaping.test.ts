// The landing page is rendered from data: whatever a release's text says, it
// is escaped into the HTML and cannot close the JSON-LD script element.
import { expect, it } from 'vitest';
import { buildAll } from '../../src/pipeline/build-all.ts';
import { renderLandingPage } from '../../src/pipeline/documents/landing/page.ts';

const HOSTILE = `</script><script>alert(1)</script><img src=x onerror="alert(2)"> & 'quotes'`;

it('escapes hostile release text in the page and in its JSON-LD', () => {
  const build = buildAll();
  const real = build.releases.at(-1)!;
  const release = { ...real, manifest: { ...real.manifest, title: HOSTILE, notes: HOSTILE, citation: HOSTILE } };
  const { html } = renderLandingPage({ origin: 'http://localhost:8787', contact: { email: 'corrections@example.org' }, release, history: [...build.releases.slice(0, -1), release] });
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<img src=x');
  expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; &#39;quotes&#39;');
  // One script element only: the JSON-LD, whose content escapes every `<`.
  expect(html.match(/<script/g)).toHaveLength(1);
  const jsonLd = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1]!;
  expect(JSON.parse(jsonLd).citation).toBe(HOSTILE);
}, 30_000); // a whole buildAll: ~3–5 s here, more on a busy machine
