// OpenAPI 3.1 description of the API as of one release, generated from the
// table registry, the zod schemas and the Worker's own query validators, so it
// cannot list a table, column, value or parameter the Worker does not serve.
import { paths } from '../../../core/paths.ts';
import { DATASET, LICENCE } from '../../../core/dataset.ts';
import { absolute, type DocumentInput } from '../input.ts';
import { resourcePaths } from './resources.ts';
import { SHARED_SCHEMAS } from './response-schemas.ts';
import { SHARED_HEADERS, sharedParameters, sharedResponses } from './shared.ts';
import { tablePart } from './tables.ts';

export function renderOpenApi({ origin, release, history }: DocumentInput): Record<string, unknown> {
  const { manifest, built } = release;
  const tables = built.tables.map(({ table, rows }) => ({ table, part: tablePart(table, rows) }));
  const resources = resourcePaths(built.tables.map((t) => t.table.name));
  const { [paths.landing()]: landing, [paths.index()]: index, ...rest } = resources.paths;
  return {
    openapi: '3.1.0',
    info: {
      title: DATASET.title,
      version: manifest.version,
      description: describeApi(release.manifest, origin),
      contact: { name: DATASET.publisher.name, url: absolute(origin, paths.landing()) },
      license: { name: LICENCE.name, identifier: LICENCE.id },
    },
    servers: [{ url: origin }],
    // A public, read-only API: no operation needs credentials.
    security: [],
    tags: [
      { name: 'Index', description: 'Where to start: the landing page and the index of the API.' },
      ...tables.map(({ table }) => ({ name: table.name, description: `${table.title}. ${table.description}` })),
      { name: 'Releases', description: 'Every release, each release with its hashes, and what changed between two.' },
      { name: 'Metadata', description: 'JSON Schemas of the rows, and the Data Package, DCAT catalog and OpenAPI documents.' },
    ],
    // The order people read in: start here, then the data, then its history and metadata.
    paths: { [paths.landing()]: landing, [paths.index()]: index, ...Object.assign({}, ...tables.map((t) => t.part.paths)), ...rest },
    components: {
      schemas: { ...Object.assign({}, ...tables.map((t) => t.part.schemas)), ...SHARED_SCHEMAS },
      parameters: {
        ...Object.assign({}, ...tables.map((t) => t.part.parameters)),
        ...sharedParameters(history.map((r) => r.manifest.version).reverse()),
        ...resources.parameters,
      },
      responses: sharedResponses(built.tables[0]!.table),
      headers: SHARED_HEADERS,
    },
  };
}

function describeApi(manifest: DocumentInput['release']['manifest'], origin: string): string {
  return `${DATASET.description}

This document describes release ${manifest.version} of ${manifest.date}: ${manifest.title}. ${manifest.notes}

- **Latest or pinned**: \`/v1/{table}\` follows the latest release; \`/v1/releases/{version}/{table}\` is pinned to one, and its bytes never change.
- **Formats**: add \`.json\` or \`.csv\` to a table URL; without a suffix the \`Accept\` header decides, JSON by default.
- **Errors**: every error is an RFC 9457 \`application/problem+json\` document. The API is read-only: HEAD works wherever GET does, OPTIONS answers CORS preflights, and any other method gets 405.
- **Caching**: every response has a strong \`ETag\`; send it back in \`If-None-Match\` for a 304.
- **CORS**: any web page may read any response.
- **Licence**: the data is under [${LICENCE.name}](${LICENCE.url}); each JSON response says how to cite it in \`meta.citation\`. Start at [the landing page](${absolute(origin, paths.landing())}).`;
}
