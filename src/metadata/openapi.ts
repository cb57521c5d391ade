// OpenAPI 3.1 description of the API as of one release. STUB: being written.
import type { DocumentInput } from './input.ts';

export function renderOpenApi(_input: DocumentInput): Record<string, unknown> {
  return {};
}
