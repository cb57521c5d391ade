// What a spreadsheet receives: exact bytes and headers of CSV responses.
import { describe, expect, it } from 'vitest';
import entries from '../../.build/kv.json';
import { get } from './fetch.ts';
import { LATEST } from '../releases.ts';
import { tableKey } from '../built.ts';

describe('CSV', () => {
  it('is RFC 4180 with a header row, CRLF, plain numbers and quoting only where needed', async () => {
    const res = await get('/v1/metrics.csv?operation=liberterra-i&fields=metric,value,qualifier,notes');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      'metric,value,qualifier,notes\r\n' +
        'victims_safeguarded,430,approximately,\r\n' +
        'irregular_migrants_detected,4000,exact,\r\n' +
        'migrant_nationalities,74,exact,"Countries of origin among the 4,000 irregular migrants."\r\n' +
        'arrests,286,exact,\r\n' +
        'investigations_opened,60,exact,Published as new transnational investigations.\r\n' +
        'criminal_groups_dismantled,22,exact,\r\n' +
        'inspections,500000,approximately,Inspections at checkpoints and airports.\r\n',
    );
  });

  it('joins list values with ";"', async () => {
    const res = await get('/v1/cases.csv?fields=case_id,countries&q=pyramid');
    expect(await res.text()).toBe('case_id,countries\r\nl3-west-central-africa-pyramid-networks,BJ;BF;CG;CI;GH;SN;SL\r\n');
  });

  it('declares its type, header and a filename carrying table and version', async () => {
    const res = await get('/v1/metrics.csv');
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="liberterra-metrics-${LATEST}.csv"`);
  });

  it('serves the whole table exactly as built, with no BOM by default', async () => {
    const built = entries.find((e) => e.key === tableKey(LATEST, 'operations', 'csv'))!.value;
    const res = await get('/v1/operations.csv');
    const text = await res.text();
    expect(text).toBe(built);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('adds a UTF-8 BOM for Excel when asked, with its own ETag', async () => {
    const plain = await get('/v1/countries.csv');
    const excel = await get('/v1/countries.csv?bom=1');
    const bytes = new Uint8Array(await excel.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(await plain.text());
    expect(excel.headers.get('ETag')).not.toBe(plain.headers.get('ETag'));
  });

  it('keeps non-ASCII text intact as UTF-8', async () => {
    const res = await get('/v1/cases.csv?fields=case_id&q=c%C3%B4te');
    expect(await res.text()).toBe('case_id\r\nl3-west-central-africa-pyramid-networks\r\n');
  });
});
