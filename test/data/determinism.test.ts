// The build is a pure function of the source files: same files, same bytes, same hash;
// and a published release may never change (rule `immutable-release`).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRelease } from '../../src/pipeline/render/bodies.ts';
import { buildAll } from '../../src/pipeline/build-all.ts';
import { DataError } from '../../src/pipeline/validate/data-problem.ts';
import { buildRelease } from '../../src/pipeline/validate/release.ts';
import { RELEASES_DIR } from '../../src/pipeline/read/source.ts';
import { copyOfReleases, replaceInFile, withBrokenRelease } from './mutate.ts';
import { LATEST, PUBLISHED } from '../releases.ts';

const render = (dir: string) => renderRelease(buildRelease(dir));

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const hashesOf = (result: ReturnType<typeof buildAll>) => Object.fromEntries(result.pointer.releases.map((r) => [r.version, r.hash]));

describe('rendering a release', () => {
  it.each(['1.0.0', '1.1.0'])('%s twice gives identical KV entries and the same manifest hash', (version) => {
    const first = render(join(RELEASES_DIR, version));
    const second = render(join(RELEASES_DIR, version));
    expect(second.entries).toEqual(first.entries);
    expect(second.manifest.hash).toBe(first.manifest.hash);
    expect(first.manifest.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on where the release folder is', () => {
    const copy = withBrokenRelease(() => {});
    expect(render(copy).manifest.hash).toBe(render(join(RELEASES_DIR, '1.1.0')).manifest.hash);
    expect(render(copy).entries).toEqual(render(join(RELEASES_DIR, '1.1.0')).entries);
  });

  it('changes its hash when one source byte of data changes', () => {
    const copy = withBrokenRelease((d) => {
      replaceInFile(join(d, 'metrics.csv'), '"Included in the 3,744 arrests."', '"Included in the 3,744 arrests!"');
    });
    expect(render(copy).manifest.hash).not.toBe(render(join(RELEASES_DIR, '1.1.0')).manifest.hash);
  });
});

// Each buildAll renders every release, its documents and the diffs between all of them (~3 s here).
const BUILD_ALL_MS = 30_000;
describe('buildAll', () => {
  it('is deterministic across runs', () => {
    const first = buildAll({ hashes: {} });
    const second = buildAll({ hashes: {} });
    expect(second.entries).toEqual(first.entries);
    expect(second.pointer).toEqual(first.pointer);
    expect(first.pointer.latest).toBe(LATEST);
    expect(first.unrecorded).toEqual([...PUBLISHED]);
  }, BUILD_ALL_MS);

  it('passes when the recorded hashes match, with nothing left unrecorded', () => {
    const hashes = hashesOf(buildAll({ hashes: {} }));
    const result = buildAll({ hashes });
    expect(result.unrecorded).toEqual([]);
    expect(hashesOf(result)).toEqual(hashes);
  }, BUILD_ALL_MS);

  it('refuses a release whose recorded hash differs: a published version never changes', () => {
    const hashes = hashesOf(buildAll({ hashes: {} }));
    const wrong = '0'.repeat(64);
    const error = thrownBy(() => buildAll({ hashes: { ...hashes, '1.0.0': wrong } }));
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).problems).toEqual([
      {
        release: '1.0.0',
        table: 'release',
        rule: 'immutable-release',
        message: expect.stringContaining('never changes'),
      },
    ]);
    const message = (error as DataError).problems[0]!.message;
    expect(message).toContain(`published with hash ${wrong}`);
    expect(message).toContain(`this build produces ${hashes['1.0.0']}`);
  }, BUILD_ALL_MS);

  it('refuses an edit to a release folder that was already published', () => {
    const dir = copyOfReleases();
    const hashes = hashesOf(buildAll({ releasesDir: dir, hashes: {} }));
    replaceInFile(join(dir, '1.0.0', 'metrics.csv'), 'liberterra-iii,arrests_trafficking_smuggling,1800,', 'liberterra-iii,arrests_trafficking_smuggling,1801,');
    const error = thrownBy(() => buildAll({ releasesDir: dir, hashes }));
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).problems).toEqual([
      { release: '1.0.0', table: 'release', rule: 'immutable-release', message: expect.stringContaining('never changes') },
    ]);
  }, BUILD_ALL_MS);
});
