// What every metadata document is rendered from: one release, the releases
// published before it, and the public origin its absolute URLs start with.
import type { BuiltRelease } from '../validate/release.ts';
import type { Manifest } from '../../core/release-types.ts';

export interface PublishedRelease {
  built: BuiltRelease;
  manifest: Manifest;
}

export interface DocumentInput {
  /** Public origin, no trailing slash: `https://liberterra.example.org`. */
  origin: string;
  release: PublishedRelease;
  /** Every release up to and including `release`, oldest first. */
  history: PublishedRelease[];
}

/** The absolute URL of a path on this API. */
export const absolute = (origin: string, path: string) => `${origin}${path}`;
