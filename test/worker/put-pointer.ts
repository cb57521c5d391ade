// Tests that move the pointer write it as a deploy does, with its checksum:
// the Worker refuses a pointer without one.
import { env } from 'cloudflare:workers';
import builtJson from '../../.build/pointer.json';
import { serializePointer } from '../../src/build/bodies.ts';
import type { Pointer } from '../../src/schema/release.ts';

/** The pointer the build wrote, as data. */
export const builtPointer: Pointer = { latest: builtJson.latest, releases: builtJson.releases as Pointer['releases'] };

export const putPointer = (pointer: Pointer) => env.DATA.put('pointer', serializePointer(pointer));
