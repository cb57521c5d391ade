// What the Worker needs to serve pages it renders (table and row pages): the
// Content-Security-Policy allowing exactly the shared stylesheet, by hash,
// computed here so the Worker hashes nothing per request or at startup.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageCsp } from '../../core/pages/frame.ts';
import { STYLE } from '../../core/pages/style.ts';
import { BUILD_DIR } from '../repo.ts';

/** The CSP of every page that uses the shared frame (src/core/pages/frame.ts). */
export const PAGE_CSP = pageCsp(createHash('sha256').update(STYLE, 'utf8').digest('base64'));

export function writePageFacts(dir = BUILD_DIR): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pages.json'), `${JSON.stringify({ csp: PAGE_CSP })}\n`);
}
