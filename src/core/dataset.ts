// What the dataset is, said once for every document that describes it
// (the /v1 index, Data Package, DCAT, OpenAPI, schema.org, the landing page).

export const DATASET = {
  /** Stable, URL-safe name: the Data Package `name`. */
  name: 'liberterra',
  title: 'Liberterra open data',
  description:
    "Figures, participating countries and case summaries of INTERPOL's Liberterra operations against human trafficking and migrant smuggling, with their sources.",
  keywords: ['human trafficking', 'migrant smuggling', 'INTERPOL', 'Operation Liberterra', 'law enforcement', 'open data'],
  /** Who compiles and publishes this dataset (not INTERPOL: the figures are INTERPOL's, the compilation is ours). */
  publisher: { name: 'Liberterra Open Data project' },
  language: 'en',
} as const;

/** The licence every release is published under. */
export const LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/** How to cite a release. */
export function citationFor(release: { version: string; date: string }): string {
  return `Liberterra Open Data, version ${release.version} (${release.date}). Figures compiled from INTERPOL press releases and news reports listed in the sources table. Licensed ${LICENCE.id}.`;
}
