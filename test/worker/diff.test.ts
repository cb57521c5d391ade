// What changed between two releases, by primary key, old and new values.
import { describe, expect, it } from 'vitest';
import { get, getJson } from './fetch.ts';

describe('release diff', () => {
  it('counts rows added, removed and changed per table', async () => {
    const { body } = await getJson('/v1/releases/1.0.0/diff/1.1.0.json');
    expect(body.meta.counts.operations).toEqual({ added: 1, removed: 0, changed: 1 });
    expect(body.meta.counts.discrepancies).toEqual({ added: 9, removed: 0, changed: 0 });
  });

  it('shows a correction with old and new values', async () => {
    const { body } = await getJson('/v1/releases/1.0.0/diff/1.1.0.json');
    const change = body.data.find((c: any) => c.table === 'operations' && c.change === 'changed');
    expect(change.key).toBe('liberterra-ii');
    expect(change.fields).toEqual(['source_ids']);
    expect(change.old.source_ids).toEqual(['interpol-2024-11-06', 'liberterra-ii-article-undated']);
    expect(change.new.source_ids).toEqual([
      'interpol-2024-11-06', 'liberterra-ii-article-undated', 'unodc-2024-11', 'jurist-undated', 'bali-process-rso-undated',
    ]);
  });

  it('gives the same change as CSV, one line per field', async () => {
    const text = await (await get('/v1/releases/1.0.0/diff/1.1.0.csv')).text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('table,key,change,field,old_value,new_value');
    expect(lines).toContain(
      'operations,liberterra-ii,changed,source_ids,interpol-2024-11-06;liberterra-ii-article-undated,interpol-2024-11-06;liberterra-ii-article-undated;unodc-2024-11;jurist-undated;bali-process-rso-undated',
    );
  });

  it('works in reverse: what 1.0.0 lacks compared with 1.1.0', async () => {
    const { body } = await getJson('/v1/releases/1.1.0/diff/1.0.0.json');
    expect(body.meta.counts.operations).toEqual({ added: 0, removed: 1, changed: 1 });
  });

  it('refuses comparing a release with itself', async () => {
    expect((await get('/v1/releases/1.0.0/diff/1.0.0.json')).status).toBe(400);
  });
});
