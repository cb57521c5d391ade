// Request size limits, checked before anything else: a public API owes no work
// to a URL or header block no real client sends. (Cloudflare's own limits are
// higher: 16 KB of URL, 32 KB of headers.)
import { ApiError } from '../../core/problem.ts';

export const MAX_URL_LENGTH = 4096;
export const MAX_HEADER_BYTES = 16 * 1024;

export function checkLimits(request: Request): ApiError | undefined {
  if (request.url.length > MAX_URL_LENGTH) {
    return new ApiError(414, 'URI Too Long', `URLs here are at most ${MAX_URL_LENGTH} characters; this one has ${request.url.length}. Ask for fewer fields or filter values at once.`);
  }
  let bytes = 0;
  for (const [name, value] of request.headers) bytes += name.length + value.length + 4;
  if (bytes > MAX_HEADER_BYTES) {
    return new ApiError(431, 'Request Header Fields Too Large', `Request headers here are at most ${MAX_HEADER_BYTES} bytes in all; these have ${bytes}.`);
  }
  return undefined;
}
