// Renders a release's documents (JSON Schemas, Data Package, DCAT catalog,
// OpenAPI, landing page, diffs with earlier releases as data and pages, the
// release's page, its operations' maps) and the index the Worker
// finds them by, each verified by its hash when read.
import { diffFile, DOCUMENTS, kvKeys, RELEASE_PAGE_FILE, schemaFile } from '../../core/paths.ts';
import { PAGE_TYPE } from '../../core/negotiate.ts';
import { PAGE_CSP } from '../render/page-facts.ts';
import { renderDiffPage } from './pages/diff-page.ts';
import { renderReleasePage } from './pages/release-page.ts';
import { renderOperationMaps } from './pages/operation-maps.ts';
import { MEDIA_TYPES } from '../../core/formats.ts';
import type { BodyRef, DocumentsIndex } from '../../core/release-types.ts';
import { tableJsonSchema } from '../../schema/json-schema.ts';
import { renderCatalog } from './catalog.ts';
import { renderDataPackage } from './datapackage.ts';
import type { DocumentInput } from './input.ts';
import { renderLandingPage } from './landing/page.ts';
import { renderOpenApi } from './openapi/document.ts';
import { body, type KvEntry, sha256 } from '../render/bodies.ts';
import { diffReleases, renderDiffCsv, renderDiffJson, type RowChange } from '../render/diff.ts';

const json = (value: unknown) => JSON.stringify(value);

export function renderDocuments(input: DocumentInput): { index: BodyRef; entries: KvEntry[] } {
  const version = input.release.manifest.version;
  const index: DocumentsIndex = {};
  const entries: KvEntry[] = [];
  const add = (file: string, contentType: string, value: string, headers?: Record<string, string>, compress = true) => {
    const stored = body(kvKeys.document(version, file, sha256(value)), value, { compress });
    index[file] = { ...stored.ref, contentType, ...(headers ? { headers } : {}) };
    entries.push(...stored.entries);
  };

  for (const { table } of input.release.built.tables) {
    add(schemaFile(table.name), 'application/schema+json', json(tableJsonSchema(table, input.origin, version)));
  }
  add(DOCUMENTS.datapackage.file, DOCUMENTS.datapackage.contentType, json(renderDataPackage(input)));
  add(DOCUMENTS.catalog.file, DOCUMENTS.catalog.contentType, json(renderCatalog(input)));
  add(DOCUMENTS.openapi.file, DOCUMENTS.openapi.contentType, json(renderOpenApi(input)));
  // Pages allow exactly the shared stylesheet, and run nothing.
  const page = (file: string, text: string) => add(file, PAGE_TYPE, text, { 'Content-Security-Policy': PAGE_CSP });
  // Diffs with every earlier release, both ways: all sides are immutable, so these are too.
  const previous = input.history.at(-2);
  let sincePrevious: RowChange[] | undefined;
  for (const earlier of input.history.filter((r) => r !== input.release)) {
    const [a, b] = [earlier, input.release];
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const changes = diffReleases(from.built, to.built);
      const [v1, v2] = [from.manifest.version, to.manifest.version];
      add(diffFile(v1, v2, 'json'), MEDIA_TYPES.json, renderDiffJson(v1, v2, changes));
      add(diffFile(v1, v2, 'csv'), MEDIA_TYPES.csv, renderDiffCsv(changes));
      // As a page, the change a reader follows: from the release before this one.
      if (from === previous && to === input.release) {
        sincePrevious = changes;
        page(diffFile(v1, v2, 'html'), renderDiffPage(v1, v2, changes, input.contact));
      }
    }
  }
  page(RELEASE_PAGE_FILE, renderReleasePage(input, sincePrevious));
  // Fragments the operations' row pages inline, never sent alone: stored uncompressed.
  for (const [file, fragment] of renderOperationMaps(input.release.built)) add(file, PAGE_TYPE, fragment, undefined, false);
  const landing = renderLandingPage(input);
  add(DOCUMENTS.landing.file, DOCUMENTS.landing.contentType, landing.html, { 'Content-Security-Policy': landing.csp });

  const value = json(index);
  const hash = sha256(value);
  const key = kvKeys.documentsIndex(version, hash);
  entries.push({ key, value });
  return { index: { key, sha256: hash, bytes: Buffer.byteLength(value, 'utf8') }, entries };
}
