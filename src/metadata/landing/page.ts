// The landing page at `/`. STUB: being written.
import type { DocumentInput } from '../input.ts';

export function renderLandingPage(_input: DocumentInput): { html: string; csp: string } {
  return { html: '<!doctype html><title>Liberterra open data</title>', csp: "default-src 'none'" };
}
