// schema.org `Dataset` (JSON-LD) for the landing page: what Google Dataset
// Search and other crawlers read.
import { paths } from '../../core/paths.ts';
import { DATASET, LICENCE } from '../../core/dataset.ts';
import { rowsOf } from '../validate/release.ts';
import { absolute, type DocumentInput } from './input.ts';

export function renderSchemaOrgDataset({ origin, release }: DocumentInput): Record<string, unknown> {
  const { manifest, built } = release;
  const pinned = { version: manifest.version };
  const operations = rowsOf(built, 'operations');
  const starts = operations.map((o) => o.start_date).sort();
  const ends = operations.map((o) => o.end_date).sort();
  const publisher = { '@type': 'Organization', name: DATASET.publisher.name, url: absolute(origin, paths.landing()) };
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': absolute(origin, paths.landing()),
    name: DATASET.title,
    description: DATASET.description,
    url: absolute(origin, paths.landing()),
    version: manifest.version,
    datePublished: manifest.date,
    keywords: [...DATASET.keywords],
    inLanguage: DATASET.language,
    license: LICENCE.url,
    isAccessibleForFree: true,
    creator: publisher,
    publisher,
    citation: manifest.citation,
    ...(starts.length ? { temporalCoverage: `${starts[0]}/${ends.at(-1)}` } : {}),
    spatialCoverage: { '@type': 'Place', name: 'Worldwide: the countries and territories in the countries table' },
    distribution: manifest.tables.flatMap((t) => [
      { '@type': 'DataDownload', name: `${t.name}.csv`, encodingFormat: 'text/csv', contentUrl: absolute(origin, paths.table(pinned, t.name, 'csv')), contentSize: `${t.csv.bytes} B` },
      { '@type': 'DataDownload', name: `${t.name}.json`, encodingFormat: 'application/json', contentUrl: absolute(origin, paths.table(pinned, t.name, 'json')), contentSize: `${t.json.bytes} B` },
    ]),
  };
}
