// Errors have one shape everywhere: RFC 9457 application/problem+json.

export interface InvalidParam {
  name: string;
  reason: string;
  allowed?: readonly string[] | string;
}

/** An error that knows its HTTP status and how to describe itself. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;
  constructor(status: number, title: string, detail: string, options: { headers?: Record<string, string>; extra?: Record<string, unknown> } = {}) {
    super(detail);
    this.status = status;
    this.title = title;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

export const notFound = (detail: string) => new ApiError(404, 'Not Found', detail);
export const badRequest = (detail: string, invalid: InvalidParam[] = []) =>
  new ApiError(400, 'Bad Request', detail, invalid.length ? { extra: { invalid_params: invalid } } : {});
export const unavailable = (detail: string) =>
  new ApiError(503, 'Service Unavailable', detail, { headers: { 'Retry-After': '30' } });

/**
 * Problems quote the request (paths, parameter names), so markup characters are
 * written as JSON escapes: the same JSON, but nothing a browser that ignored the
 * content type could ever read as a tag.
 */
export function problemBody(error: ApiError, instance: string): string {
  return JSON.stringify({
    type: 'about:blank',
    title: error.title,
    status: error.status,
    detail: error.message,
    instance,
    ...error.extra,
  }).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
