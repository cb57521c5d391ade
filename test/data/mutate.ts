// Copy-and-break helpers for the data-rule tests: each test copies a real
// release to a fresh temp folder, breaks exactly one thing, and builds it.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { DataError, type DataProblem } from '../../src/pipeline/validate/data-problem.ts';
import { buildRelease, type ReleaseChecks } from '../../src/pipeline/validate/release.ts';
import { RELEASES_DIR } from '../../src/pipeline/read/source.ts';

/**
 * The release most rule tests break: 1.1.0, which has every table of its time.
 * Rules that hold from 1.2.0 on (own words, case countries, source records) break LATEST.
 */
export const BASE_VERSION = '1.1.0';

export interface CopyOptions {
  /** Release to copy from data/releases/. */
  version?: string;
  /** Name of the copy's folder; the build checks it against release.json. */
  folder?: string;
}

/**
 * Copies data/releases/<version> to a fresh temp folder named after the version
 * (the build reads the version from the folder name), applies `edit` to it and
 * returns the folder. The copy is removed when the current test finishes.
 */
export function withBrokenRelease(edit: (dir: string) => void, options: CopyOptions = {}): string {
  const version = options.version ?? BASE_VERSION;
  const root = mkdtempSync(join(tmpdir(), 'liberterra-release-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, options.folder ?? version);
  cpSync(join(RELEASES_DIR, version), dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Copies every release under data/releases/ into a fresh temp folder, for buildAll. */
export function copyOfReleases(): string {
  const root = mkdtempSync(join(tmpdir(), 'liberterra-releases-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  cpSync(RELEASES_DIR, root, { recursive: true });
  return root;
}

/**
 * Replaces `from` by `to` in a file, insisting that `from` occurs exactly once
 * so an edit can never land somewhere unintended. Returns the 1-based line on
 * which `from` started (for `to: ''`, the line that now follows the removal).
 */
export function replaceInFile(path: string, from: string, to: string): number {
  if (!existsSync(path)) throw new Error(`no file ${path}`);
  const text = readFileSync(path, 'utf8');
  const count = from === '' ? 0 : text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected ${JSON.stringify(from)} exactly once in ${path}, found it ${count} times`);
  const at = text.indexOf(from);
  writeFileSync(path, text.slice(0, at) + to + text.slice(at + from.length));
  return lineAt(text, at);
}

/** 1-based line of the one line of a file that contains `needle`. */
export function lineOf(path: string, needle: string): number {
  const lines = readFileSync(path, 'utf8').split('\n');
  const found = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`expected one line containing ${JSON.stringify(needle)} in ${path}, found ${found.length}`);
  return found[0]!;
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Builds a release that must fail, and returns its problems. */
export function problemsOf(dir: string, checks: ReleaseChecks = {}): DataProblem[] {
  let thrown: unknown;
  try {
    buildRelease(dir, checks);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'the build should refuse this release').toBeInstanceOf(DataError);
  return (thrown as DataError).problems;
}

/** A DataProblem on the release the rule tests copy; `message` may be an asymmetric matcher. */
export function problem(fields: Omit<DataProblem, 'release' | 'message'> & { message: unknown }): DataProblem {
  return { release: BASE_VERSION, ...fields } as DataProblem;
}
