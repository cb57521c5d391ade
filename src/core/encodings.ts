// The content codings bodies are stored in besides identity: read by the build,
// the manifest schema and the Worker alike.

/** Content codings the build pre-compresses bodies in, best first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];
