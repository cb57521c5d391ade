// DCAT-AP 3 catalog (JSON-LD) of the dataset as of one release. STUB: being written.
import type { DocumentInput } from './input.ts';

export function renderCatalog(_input: DocumentInput): Record<string, unknown> {
  return {};
}
