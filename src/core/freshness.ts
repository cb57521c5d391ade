// How long an answer may be cached, by what it is: one rule for the Worker, which
// sends it, and the OpenAPI document, which describes it.

/** immutable: stored bytes of a pinned release; latest: may change with a release or a deploy; short: a fallback; none: errors. */
export type Freshness = 'immutable' | 'latest' | 'short' | 'none';

/**
 * Only bytes the build stored are immutable. What the Worker renders per request
 * (filtered tables, rows, release descriptions) follows the code, which a later
 * deploy may change, so a pinned answer of that kind is cached like latest.
 */
export const renderedFreshness = (freshness: Freshness): Freshness => (freshness === 'immutable' ? 'latest' : freshness);

export const CACHE_CONTROL: Record<Freshness, string> = {
  immutable: 'public, max-age=31536000, immutable',
  latest: 'public, max-age=300, stale-while-revalidate=86400',
  short: 'public, max-age=30',
  none: 'no-store',
};
