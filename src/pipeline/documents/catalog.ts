// DCAT-AP 3 catalog (JSON-LD) of the dataset as of one release: a catalog
// holding one dataset whose versions are the releases published so far, each
// with a CSV and a JSON distribution per table at its immutable URL.
import type { Format } from '../../core/formats.ts';
import { paths } from '../../core/paths.ts';
import { DATASET, LICENCE } from '../../core/dataset.ts';
import { builtTable, rowsOf } from '../validate/release.ts';
import { absolute, type DocumentInput, manifestEntry, type PublishedRelease } from './input.ts';

/** How each format is named in the two vocabularies DCAT-AP wants: IANA media types and the EU file-type authority. */
const FORMATS: Record<Format, { mediaType: string; fileType: string; label: string }> = {
  csv: { mediaType: 'text/csv', fileType: 'CSV', label: 'CSV' },
  json: { mediaType: 'application/json', fileType: 'JSON', label: 'JSON' },
};

const IANA = 'http://www.iana.org/assignments/media-types/';
const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';

// Inline, never a URL: consumers (and our tests) must be able to read it offline.
// The coercions let the document write IRIs, dates and sizes as plain strings and numbers.
const iri = { '@type': '@id' } as const;
const CONTEXT = {
  '@language': DATASET.language,
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  spdx: 'http://spdx.org/rdf/terms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  'dcat:dataset': iri,
  'dcat:hasVersion': iri,
  'dct:hasVersion': iri,
  'dcat:hasCurrentVersion': iri,
  'dcat:isVersionOf': iri,
  'dcat:previousVersion': iri,
  'dcat:accessURL': iri,
  'dcat:downloadURL': iri,
  'dcat:landingPage': iri,
  'foaf:homepage': iri,
  'dct:publisher': iri,
  'dct:license': iri,
  'dcat:contactPoint': iri,
  'vcard:hasURL': iri,
  'vcard:hasEmail': iri,
  'spdx:algorithm': iri,
  'dct:issued': { '@type': 'xsd:date' },
  'dct:modified': { '@type': 'xsd:date' },
  'dcat:startDate': { '@type': 'xsd:date' },
  'dcat:endDate': { '@type': 'xsd:date' },
  // DCAT-AP's shapes require exactly these datatypes.
  'dcat:byteSize': { '@type': 'xsd:decimal' },
  'spdx:checksumValue': { '@type': 'xsd:hexBinary' },
  // A version number is not English text.
  'dcat:version': { '@language': null },
  'dct:identifier': { '@language': null },
};

export function renderCatalog({ origin, contact, release, history }: DocumentInput): Record<string, unknown> {
  const url = (path: string) => absolute(origin, path);
  const ids = {
    catalog: `${url(paths.document('latest', 'catalog'))}#catalog`,
    // The API root serves the latest release, so it names the dataset across versions.
    dataset: url(paths.index()),
    release: (r: PublishedRelease) => url(paths.release(r.manifest.version)),
    publisher: `${url(paths.landing())}#publisher`,
    contact: `${url(paths.landing())}#contact`,
    landing: url(paths.landing()),
  };
  const { manifest } = release;
  // Said by every dataset; the shapes check ranges by rdf:type, so the targets carry theirs.
  const common = {
    'dct:publisher': ids.publisher,
    'dcat:contactPoint': ids.contact,
    'dcat:landingPage': ids.landing,
    'dct:license': LICENCE.url,
    'dcat:keyword': [...DATASET.keywords],
    // EU authority terms portals facet on: the "Justice, legal system and public safety" theme, English.
    'dcat:theme': { '@id': `${EU_AUTHORITY}data-theme/JUST`, '@type': 'skos:Concept', 'skos:prefLabel': 'Justice, legal system and public safety' },
    'dct:language': { '@id': `${EU_AUTHORITY}language/ENG`, '@type': 'dct:LinguisticSystem' },
  };

  /** A table in one format; pinned distributions also state their size and checksum, which never change. */
  const distribution = (r: PublishedRelease, ref: 'latest' | { version: string }, idBase: string, name: string, format: Format) => {
    const table = builtTable(r.built, name)!.table;
    const entry = manifestEntry(r.manifest, name);
    const { mediaType, fileType, label } = FORMATS[format];
    const download = url(paths.table(ref, name, format));
    return {
      '@id': `${idBase}#${name}.${format}`,
      '@type': 'dcat:Distribution',
      'dct:title': `${table.title} (${label}), ${ref === 'latest' ? 'latest release' : `release ${ref.version}`}`,
      'dct:description': table.description,
      'dcat:accessURL': download,
      'dcat:downloadURL': download,
      'dcat:mediaType': { '@id': `${IANA}${mediaType}`, '@type': 'dct:MediaType' },
      'dct:format': { '@id': `${EU_AUTHORITY}file-type/${fileType}`, '@type': 'dct:MediaTypeOrExtent' },
      ...(ref === 'latest'
        ? {}
        : {
            'dcat:byteSize': entry[format].bytes,
            'spdx:checksum': {
              '@type': 'spdx:Checksum',
              'spdx:algorithm': 'spdx:checksumAlgorithm_sha256',
              'spdx:checksumValue': entry[format].sha256,
            },
            'dct:issued': r.manifest.date,
          }),
      'dct:license': LICENCE.url,
    };
  };
  const distributions = (r: PublishedRelease, ref: 'latest' | { version: string }, idBase: string) =>
    r.built.tables.flatMap(({ table }) => (Object.keys(FORMATS) as Format[]).map((format) => distribution(r, ref, idBase, table.name, format)));

  const version = (r: PublishedRelease, i: number) => {
    const pinned = { version: r.manifest.version };
    return {
      '@id': ids.release(r),
      '@type': 'dcat:Dataset',
      'dct:title': r.manifest.title,
      'dct:description': r.manifest.notes,
      'dcat:version': r.manifest.version,
      'dct:issued': r.manifest.date,
      'dct:identifier': r.manifest.hash,
      'dcat:isVersionOf': ids.dataset,
      ...(i > 0 ? { 'dcat:previousVersion': ids.release(history[i - 1]!) } : {}),
      ...common,
      ...coverage(r),
      'dcat:distribution': distributions(r, pinned, ids.release(r)),
    };
  };

  return {
    '@context': CONTEXT,
    '@graph': [
      {
        '@id': ids.catalog,
        '@type': 'dcat:Catalog',
        'dct:title': DATASET.title,
        'dct:description': DATASET.description,
        'dct:publisher': ids.publisher,
        'foaf:homepage': ids.landing,
        'dct:license': LICENCE.url,
        'dct:issued': history[0]!.manifest.date,
        'dct:modified': manifest.date,
        'dcat:dataset': [ids.dataset],
      },
      {
        '@id': ids.dataset,
        '@type': 'dcat:Dataset',
        'dct:title': DATASET.title,
        'dct:description': DATASET.description,
        'dct:issued': history[0]!.manifest.date,
        'dct:modified': manifest.date,
        ...common,
        ...coverage(release),
        // For harvesters that ignore versions: the latest URLs, which follow new releases.
        'dcat:distribution': distributions(release, 'latest', ids.dataset),
        'dcat:hasCurrentVersion': ids.release(release),
        'dcat:hasVersion': history.map(ids.release),
        // DCAT-AP 3.0.0's shapes check dct:hasVersion, the super-property of
        // dcat:hasVersion; with no reasoner in a validator, both are stated.
        'dct:hasVersion': history.map(ids.release),
      },
      ...history.map(version),
      { '@id': ids.publisher, '@type': 'foaf:Agent', 'foaf:name': DATASET.publisher.name },
      // The address for corrections is each environment's (wrangler.toml's CONTACT_EMAIL).
      { '@id': ids.contact, '@type': 'vcard:Kind', 'vcard:fn': DATASET.publisher.name, 'vcard:hasEmail': `mailto:${contact.email}`, 'vcard:hasURL': ids.landing },
      { '@id': ids.landing, '@type': 'foaf:Document', 'dct:title': DATASET.title },
      { '@id': LICENCE.url, '@type': 'dct:LicenseDocument', 'dct:title': LICENCE.name, 'dct:identifier': LICENCE.id },
    ],
  };
}

/** Where and when a release's data is about: its countries, and its operations' first and last days. */
function coverage({ built }: PublishedRelease) {
  // The countries table lists every country the release mentions, in any role.
  const spatial = rowsOf(built, 'countries').map((c) => ({ '@id': `${EU_AUTHORITY}country/${c.iso3}`, '@type': 'dct:Location' }));
  const operations = rowsOf(built, 'operations');
  const starts = operations.map((o) => o.start_date).sort();
  const ends = operations.map((o) => o.end_date).sort();
  return {
    ...(spatial.length ? { 'dct:spatial': spatial } : {}),
    ...(operations.length
      ? { 'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': starts[0], 'dcat:endDate': ends.at(-1) } }
      : {}),
  };
}
