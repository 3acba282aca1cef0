// Problem Details for HTTP APIs (RFC 9457): every error body Gazette sends. One error class
// and one status → title map produce all of them; nothing internal (stack, SQL, driver
// message) is ever put in one.
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  410: 'Gone',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface InvalidParam {
  name: string;
  reason: string;
}

export interface ProblemBody {
  /** A URI reference identifying the problem type (RFC 9457 §3.1.1); about:blank by default. */
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Extension (RFC 9457 §3.2): the query parameters that were rejected, and why. */
  'invalid-params'?: InvalidParam[];
  /** Extension: what the client may ask for instead (406). */
  available?: string[];
  [extension: string]: unknown;
}

/** Thrown anywhere below a public route; the route wrapper turns it into a problem response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extensions: Omit<Partial<ProblemBody>, 'status' | 'detail'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpError';
  }

  body(): ProblemBody {
    return {
      type: 'about:blank',
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      ...this.extensions,
    };
  }
}

export function problemBody(status: number, detail?: string, extensions: Partial<ProblemBody> = {}): ProblemBody {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extensions };
}

/** A problem response with the given headers (no cache policy of its own). */
export function problemResponse(status: number, detail?: string, options: { headers?: Record<string, string>; extensions?: Partial<ProblemBody> } = {}): Response {
  return new Response(JSON.stringify(problemBody(status, detail, options.extensions)), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...options.headers },
  });
}
