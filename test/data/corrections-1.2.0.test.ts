// What release 1.2.0 corrected and added (its release notes say the same):
// each fact-check point, the sources, and the coverage of every operation.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRelease } from '../../src/pipeline/validate/release.ts';
import { rowsOf } from '../../src/pipeline/validate/release.ts';
import { RELEASES_DIR } from '../../src/pipeline/read/source.ts';

const built = buildRelease(join(RELEASES_DIR, '1.2.0'));
const cases = rowsOf(built, 'cases');
const figures = rowsOf(built, 'case_figures');
const sources = rowsOf(built, 'sources');
const figuresOf = (caseId: string) => figures.filter((f) => f.case_id === caseId).map((f) => `${f.figure} ${f.value} ${f.qualifier} ${f.unit}`);

describe('the fact-check of 1.1.0, applied', () => {
  it('ties the phones and computers to the actions against scam centres, not to the one Myanmar raid', () => {
    expect(figuresOf('l3-myanmar-scam-compound')).toEqual(['workers_found 450 approximately people']);
    expect(figuresOf('l3-asia-scam-centre-actions')).toEqual(['phones_seized 18800 exact devices', 'computers_seized 300 more_than devices']);
  });

  it('records the EUR 6,000 as the debt the women were made to repay, not a debt per victim', () => {
    expect(figures.filter((f) => f.figure === 'debt_per_victim')).toEqual([]);
    expect(figuresOf('l3-spain-salons-massage-parlours')).toEqual(['victims 21 exact people', 'debt_imposed 6000 exact EUR', 'debt_imposed 7000 exact USD']);
  });

  it('cites only INTERPOL for the EU as a funder, and only the news summary for the 196-member claim', () => {
    const eu = rowsOf(built, 'partners').find((p) => p.operation_id === 'liberterra-iii' && p.organisation === 'European Union')!;
    expect(eu.source_ids).toEqual(['interpol-2026-01-26']);
    const members = rowsOf(built, 'discrepancies').find((d) => d.discrepancy_id === 'l3-member-countries')!;
    expect(members.claim_source_ids).toEqual(['news-summary-2026-01-26']);
  });

  it('no longer says the Romanian woman was safeguarded in Dundee', () => {
    expect(cases.find((c) => c.case_id === 'l3-scotland-dundee')!.title).toBe('Romanian woman trafficked to Scotland safeguarded by Police Scotland');
  });
});

describe('sources a reader can open', () => {
  it('gives every source a URL, except one whose missing_note says what was looked for', () => {
    expect(sources.filter((s) => s.url === null).map((s) => s.source_id)).toEqual(['tt-ministry-national-security-undated']);
    expect(sources.filter((s) => s.url === null).every((s) => (s.missing_note ?? '').length > 40)).toBe(true);
  });

  it("marks INTERPOL's releases primary, and names the release each retelling retells", () => {
    expect(sources.filter((s) => s.standing === 'primary').map((s) => s.source_id)).toEqual(['interpol-2026-01-26', 'interpol-2024-11-06', 'interpol-2021-07-26', 'interpol-2025-08-22']);
    expect(sources.find((s) => s.source_id === 'the-national-2024-11-06')!.retells).toEqual(['interpol-2024-11-06']);
  });
});

describe('coverage', () => {
  it('has cases for every operation: 9 of Liberterra I, 13 of II, 19 of III', () => {
    const count = (op: string) => cases.filter((c) => c.operation_id === op).length;
    expect([count('liberterra-i'), count('liberterra-ii'), count('liberterra-iii')]).toEqual([9, 13, 19]);
  });

  it("records Liberterra III's seven major findings by theme", () => {
    expect(rowsOf(built, 'findings').map((f) => f.theme)).toEqual(['scam_centres', 'forms_of_exploitation', 'victim_flows', 'migration_routes', 'maritime_routes', 'detection', 'linked_crimes']);
  });
});
