// A filter never silently misses: a value the release does not hold is a 400
// naming the parameter and the closest values it does hold; a country given by
// name or ISO alpha-3 is taken as its code, and the answer says so.
import { expect, it } from 'vitest';
import { get, getJson } from './fetch.ts';
import { LATEST } from '../releases.ts';

const problem = async (path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(400);
  return (await res.json<any>()).invalid_params[0];
};

it('takes a country by English, French, Spanish or Arabic name, or ISO alpha-3, as its code, and says so', async () => {
  const byCode = (await getJson('/v1/country_roles.json?country=ES&fields=operation_id,role')).body.data;
  expect(byCode.length).toBeGreaterThan(0);
  for (const given of ['Spain', 'spain', 'ESP', 'Espagne', 'España', 'إسبانيا']) {
    const res = await get(`/v1/country_roles.json?country=${encodeURIComponent(given)}&fields=operation_id,role`);
    expect(res.status, given).toBe(200);
    expect((await res.json<any>()).data, given).toEqual(byCode);
    expect(res.headers.get('X-Query-Resolved'), given).toBe(`country=${encodeURIComponent(given)} as ES`);
  }
});

it('refuses a value no row holds, naming the parameter, the value and the closest values held', async () => {
  expect(await problem('/v1/metrics.json?operation=liberterra-3')).toMatchObject({
    name: 'operation',
    reason: `no row of metrics in release ${LATEST} has operation_id "liberterra-3"; did you mean liberterra-i, or liberterra-ii, or liberterra-iii?`,
    allowed: ['liberterra-i', 'liberterra-ii', 'liberterra-iii'],
  });
  expect((await problem('/v1/case_figures.csv?case=nope')).name).toBe('case');
  expect((await problem('/v1/countries.csv?region=Afrika')).reason).toBe(`no row of countries in release ${LATEST} has region "Afrika"; did you mean Africa, or Asia, or Americas?`);
});

it('suggests a country by name when the code is unknown, and says when a known country is not in the table', async () => {
  const unknown = await problem('/v1/cases.csv?country=SPN');
  expect(unknown.reason).toMatch(/^no row of cases in release .+ has countries "SPN"; did you mean /);
  // Japan is in no table of the data, so it is not recognised as a name here; Mongolia is, and is in no case.
  const japan = await problem('/v1/cases.csv?country=Japan');
  expect(japan.reason).toMatch(/^no row of cases in release .+ has countries "Japan"; did you mean/);
  const absent = await problem('/v1/cases.csv?country=Mongolia');
  expect(absent.reason).toBe(`Mongolia is MN (Mongolia), which no row of cases in release ${LATEST} has in countries`);
});
