// The DCAT-AP 3 catalog, as served by the shipped Worker, read as RDF and
// checked by the standard's own SHACL shapes, then against the build's facts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import rdf from '@zazuko/env';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS, kvKeys, paths } from '../../src/core/paths.ts';
import type { Manifest, Pointer } from '../../src/core/release-types.ts';
import { compareVersions } from '../../src/core/semver.ts';
import { environment } from '../../src/pipeline/environments.ts';
import { builtEntries, type RunningWorker, startWorker } from '../harness/worker.ts';

/** The origin the test build writes into absolute URLs: the local one in wrangler.toml. */
const LOCAL_ORIGIN = environment().origin;

const SHAPES = new URL('../../../shared/standards/dcat-ap-3.0.0/', import.meta.url).pathname;
// shapes.ttl holds the mandatory constraints, range.ttl the classes each property
// must point at. Not loaded: mdr-vocabularies.shape.ttl, whose shapes require
// skos:inScheme triples about the EU vocabularies' concepts (countries, file
// types), which only the Publications Office's downloads carry and nothing here
// may fetch; without them every country and format would fail. (Its checksum
// algorithm pattern, ^https://spdx.org, also contradicts the http:// SPDX
// namespace shapes.ttl itself uses.) shapes_recommended.ttl lists
// recommendations, not conformance, and imports.ttl only names ontologies by URL.
const SHAPE_FILES = ['shapes.ttl', 'range.ttl'];

const vocabulary = (base: string) => (name: string) => rdf.namedNode(`${base}${name}`);
const dcat = vocabulary('http://www.w3.org/ns/dcat#');
const dct = vocabulary('http://purl.org/dc/terms/');
const spdx = vocabulary('http://spdx.org/rdf/terms#');
const vcard = vocabulary('http://www.w3.org/2006/vcard/ns#');
const rdfType = rdf.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
const IANA = 'http://www.iana.org/assignments/media-types/';

const { entries, pointer: pointerJson } = builtEntries();
const pointer = JSON.parse(pointerJson) as Pointer;
const manifestOf = (version: string) =>
  JSON.parse(entries.find((e) => e.key === pointer.releases.find((r) => r.version === version)!.manifest.key)!.value) as Manifest;

let worker: RunningWorker;
let validator: SHACLValidator;

beforeAll(async () => {
  worker = await startWorker();
  const shapes = rdf.dataset();
  for (const file of SHAPE_FILES) {
    for (const quad of new Parser().parse(readFileSync(`${SHAPES}${file}`, 'utf8'))) shapes.add(quad);
  }
  validator = new SHACLValidator(shapes, { factory: rdf });
});

afterAll(() => worker?.dispose());

/** JSON-LD → RDF with every remote document refused, so nothing touches the network. */
async function toDataset(document: unknown): Promise<DatasetCore> {
  const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
    format: 'application/n-quads',
    documentLoader: async (url: string) => {
      throw new Error(`the catalog must not load ${url}`);
    },
  })) as unknown as string;
  return rdf.dataset(new Parser({ format: 'N-Quads' }).parse(nquads));
}

/** Every violation, one line each, so a failing test says what to fix. */
async function violations(data: DatasetCore): Promise<string[]> {
  const report = await validator.validate(data);
  return report.results.map((r) =>
    [
      r.severity?.value.replace('http://www.w3.org/ns/shacl#', ''),
      r.message.map((m) => m.value).join(' / ') || r.sourceConstraintComponent?.value,
      `focus ${r.focusNode?.value}`,
      `path ${r.path?.value}`,
      `value ${r.value?.value}`,
      `shape ${r.sourceShape?.termType === 'BlankNode' ? `${r.sourceConstraintComponent?.value} in a property shape` : r.sourceShape?.value}`,
    ].join(' | '),
  );
}

const objects = (data: DatasetCore, subject: Term, predicate: Term): Term[] =>
  [...data.match(subject, predicate, null)].map((q: Quad) => q.object);
const one = (data: DatasetCore, subject: Term, predicate: Term): Term => {
  const found = objects(data, subject, predicate);
  expect(found, `${subject.value} ${predicate.value}`).toHaveLength(1);
  return found[0]!;
};

async function fetchCatalog(path: string): Promise<Record<string, unknown>> {
  const response = await worker.fetch(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(DOCUMENTS.catalog.contentType);
  return (await response.json()) as Record<string, unknown>;
}

const CATALOGS = [
  { path: paths.document('latest', 'catalog'), as: pointer.latest },
  { path: paths.document({ version: '1.0.0' }, 'catalog'), as: '1.0.0' },
];

describe.each(CATALOGS)('DCAT-AP 3 catalog at $path', ({ path, as }) => {
  // Releases the document knows: every published one up to its own, oldest first.
  const published = pointer.releases
    .map((r) => r.version)
    .filter((v) => compareVersions(v, as) <= 0)
    .sort(compareVersions);

  let document: Record<string, unknown>;
  let data: DatasetCore;
  beforeAll(async () => {
    document = await fetchCatalog(path);
    data = await toDataset(document);
  });

  it('has an inline context, never a remote one', () => {
    expect(typeof document['@context']).toBe('object');
    expect(data.size).toBeGreaterThan(100);
  });

  it('conforms to the DCAT-AP 3.0.0 shapes with zero violations', async () => {
    const found = await violations(data);
    expect(found, `\n${found.join('\n')}`).toEqual([]);
  });

  it('lists one dataset whose versions are the published releases, chained in order', () => {
    const [catalog, ...others] = [...data.match(null, rdfType, dcat('Catalog'))].map((q) => q.subject);
    expect(others).toEqual([]);
    const dataset = one(data, catalog!, dcat('dataset'));
    const versions = objects(data, dataset, dcat('hasVersion'));
    expect(versions).toHaveLength(published.length);

    const byVersion = new Map(versions.map((v) => [one(data, v, dcat('version')).value, v]));
    expect([...byVersion.keys()].sort(compareVersions)).toEqual(published);
    published.forEach((version, i) => {
      const node = byVersion.get(version)!;
      expect(objects(data, node, rdfType).map((t) => t.value)).toContain(dcat('Dataset').value);
      expect(one(data, node, dct('issued')).value).toBe(manifestOf(version).date);
      const previous = objects(data, node, dcat('previousVersion')).map((t) => t.value);
      expect(previous).toEqual(i === 0 ? [] : [byVersion.get(published[i - 1]!)!.value]);
    });
    expect(one(data, dataset, dcat('hasCurrentVersion')).value).toBe(byVersion.get(as)!.value);
  });

  it('gives each release one CSV and one JSON distribution per table, and each download answers as declared', async () => {
    const versions = [...data.match(null, dcat('version'), null)];
    expect(versions).toHaveLength(published.length);
    for (const { subject: release, object: version } of versions) {
      const manifest = manifestOf(version.value);
      const distributions = objects(data, release, dcat('distribution'));
      expect(distributions, version.value).toHaveLength(manifest.tables.length * 2);
      for (const distribution of distributions) {
        const download = one(data, distribution, dcat('downloadURL')).value;
        expect(one(data, distribution, dcat('accessURL')).value).toBe(download);
        expect(download.startsWith(`${LOCAL_ORIGIN}/v1/releases/${version.value}/`)).toBe(true);
        const mediaType = one(data, distribution, dcat('mediaType')).value;
        expect(mediaType.startsWith(IANA)).toBe(true);

        const response = await worker.fetch(download.slice(LOCAL_ORIGIN.length));
        expect(response.status, download).toBe(200);
        expect(response.headers.get('content-type')?.split(';')[0]).toBe(mediaType.slice(IANA.length));
        const body = Buffer.from(await response.arrayBuffer());
        expect(Number(one(data, distribution, dcat('byteSize')).value), download).toBe(body.length);
        const checksum = one(data, distribution, spdx('checksum'));
        expect(one(data, checksum, spdx('checksumValue')).value).toBe(createHash('sha256').update(body).digest('hex'));
      }
    }
  });
  it("names a contact point that takes corrections by email: the environment's CONTACT_EMAIL", () => {
    const [catalog] = [...data.match(null, rdfType, dcat('Catalog'))].map((q) => q.subject);
    const contact = one(data, one(data, catalog!, dcat('dataset')), dcat('contactPoint'));
    expect(one(data, contact, vcard('hasEmail')).value).toBe(`mailto:${environment().contact.email}`);
    expect(one(data, contact, vcard('hasURL')).value).toBe(`${LOCAL_ORIGIN}/`);
  });
  it('offers the latest URLs on the dataset itself, for harvesters that ignore versions', async () => {
    const [catalog] = [...data.match(null, rdfType, dcat('Catalog'))].map((q) => q.subject);
    const dataset = one(data, catalog!, dcat('dataset'));
    const downloads = objects(data, dataset, dcat('distribution')).map((d) => one(data, d, dcat('downloadURL')).value);
    const tables = manifestOf(as).tables.map((t) => t.name);
    expect(downloads.sort()).toEqual(tables.flatMap((t) => [`${LOCAL_ORIGIN}/v1/${t}.csv`, `${LOCAL_ORIGIN}/v1/${t}.json`]).sort());
  });
});

describe('the SHACL check itself', () => {
  // A copy of the latest catalog with one thing broken, so conformance above cannot be vacuous.
  async function brokenCatalog(edit: (node: Record<string, unknown>) => void, type: string) {
    const document = await fetchCatalog(paths.document('latest', 'catalog'));
    const graph = document['@graph'] as Record<string, unknown>[];
    edit(graph.find((node) => node['@type'] === type)!);
    return violations(await toDataset(document));
  }

  it('reports a catalog without a title (shapes.ttl)', async () => {
    const found = await brokenCatalog((catalog) => delete catalog['dct:title'], 'dcat:Catalog');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/focus .*#catalog \| path http:\/\/purl\.org\/dc\/terms\/title/);
  });

  it('reports a licence that is not typed as a licence document (range.ttl)', async () => {
    const found = await brokenCatalog((licence) => delete licence['@type'], 'dct:LicenseDocument');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((line) => line.includes('path http://purl.org/dc/terms/license'))).toBe(true);
  });
});
