// What every route is given: the request, the KV binding, and the pointer the
// router loaded as the request began — the one every part of the answer follows.
import type { Pointer } from '../../core/release-types.ts';
import type { ReleaseRef } from '../../core/paths.ts';
import { type Answer, prepare, type Reply } from '../http/respond.ts';
import { type Needs, type ResolvedRelease, withRelease } from '../kv/resolve.ts';
import type { Env } from '../kv/store.ts';

export interface Asked {
  request: Request;
  env: Env;
  pointer: Pointer;
  url: URL;
}

/** An answer that needs no release. */
export function reply(asked: Asked, answer: Answer): Promise<Reply> {
  return prepare(asked.request, asked.env, answer);
}

/**
 * An answer from the release a URL means. Its bytes are loaded inside, so that
 * latest's fallback (kv/resolve.ts) covers a body that cannot be read yet too.
 */
export function fromRelease(asked: Asked, ref: ReleaseRef, describe: (resolved: ResolvedRelease) => Answer | Promise<Answer>, needs: Needs = {}): Promise<Reply> {
  return withRelease(asked.env, asked.pointer, ref, async (resolved) => reply(asked, await describe(resolved)), needs);
}
