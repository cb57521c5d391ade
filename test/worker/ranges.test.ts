// Ranges on number and date columns: <column>_gt, _gte, _lt, _lte, one syntax for
// every table, validated like every parameter; an empty cell never matches.
// Checked against the built rows filtered by hand.
import { expect, it } from 'vitest';
import { builtRows } from '../built.ts';
import { get, getJson } from './fetch.ts';


it('keeps case figures with more than 100 people', async () => {
  const { body } = await getJson('/v1/case_figures.json?value_gt=100&unit=people&limit=1000');
  const expected = builtRows('case_figures').filter((r) => r.unit === 'people' && r.value > 100);
  expect(body.data).toEqual(expected);
  expect(expected.length).toBeGreaterThan(3);
});

it('keeps operations that started in 2024, and bounds include their ends', async () => {
  const { body } = await getJson('/v1/operations.json?start_date_gte=2024-01-01&start_date_lt=2025-01-01&fields=operation_id');
  expect(body.data).toEqual([{ operation_id: 'liberterra-ii' }]);
  const { body: exact } = await getJson('/v1/operations.json?participant_count_gte=116&participant_count_lte=116&fields=operation_id');
  expect(exact.data).toEqual([{ operation_id: 'liberterra-ii' }]);
});

it('never matches an empty cell', async () => {
  const { body } = await getJson('/v1/sources.json?published_date_lt=2100-01-01&limit=1000&fields=source_id,published_date');
  const expected = builtRows('sources').filter((r) => r.published_date !== null).map((r) => ({ source_id: r.source_id, published_date: r.published_date }));
  expect(body.data).toEqual(expected);
});

it('refuses a bound that is no number or no date, saying how to write one', async () => {
  const number = await get('/v1/metrics.json?value_gt=lots');
  expect(number.status).toBe(400);
  expect((await number.json<any>()).invalid_params[0]).toMatchObject({ name: 'value_gt', reason: 'must be a number, such as 100 or 2.5', allowed: 'a number' });
  const date = await get('/v1/operations.json?start_date_gte=2024');
  expect(date.status).toBe(400);
  expect((await date.json<any>()).invalid_params[0].reason).toBe('must be an ISO date, YYYY-MM-DD (start_date in 2024: start_date_gte=2024-01-01&start_date_lt=2025-01-01)');
  expect((await get('/v1/operations.json?start_date_gte=2024-02-30')).status).toBe(400);
});
