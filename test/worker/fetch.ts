// Requests go through the Worker's own fetch handler, as in production.
import { exports } from 'cloudflare:workers';

export const BASE = 'http://api.test';

export function get(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export async function getJson<T = any>(path: string, init: RequestInit = {}): Promise<{ res: Response; body: T }> {
  const res = await get(path, init);
  return { res, body: (await res.json()) as T };
}
