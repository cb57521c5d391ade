// What every metadata document is rendered from: one release, the releases
// published before it, and the public origin its absolute URLs start with.
import type { BuiltRelease } from '../validate/release.ts';
import type { Manifest, ManifestTable } from '../../core/release-types.ts';
import type { Contact } from '../../core/pages/frame.ts';

export interface PublishedRelease {
  built: BuiltRelease;
  manifest: Manifest;
}

export interface DocumentInput {
  /** Public origin, no trailing slash: `https://liberterra.example.org`. */
  origin: string;
  /** Where corrections go (wrangler.toml's CONTACT_EMAIL). */
  contact: Contact;
  release: PublishedRelease;
  /** Every release up to and including `release`, oldest first. */
  history: PublishedRelease[];
}

/** A table's manifest entry (stored bodies, row count); the build wrote one for each table it built. */
export function manifestEntry(manifest: Manifest, name: string): ManifestTable {
  const entry = manifest.tables.find((t) => t.name === name);
  if (!entry) throw new Error(`release ${manifest.version} has no manifest entry for table ${name}`);
  return entry;
}

/** The absolute URL of a path on this API. */
export const absolute = (origin: string, path: string) => `${origin}${path}`;
