// Problem Details for HTTP APIs (RFC 9457): every error answer Gazette sends, built here. One
// builder and one status → title map produce all of them, whether they leave as a Fetch Response
// (route handlers, proxy.ts) or through node:http (scripts/server.ts, the request guard);
// nothing internal (stack, SQL, driver message) is ever put in one.
import { cachePolicyHeaders, errorPolicy, type CachePolicyName } from './cache-policy';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

// RFC 9110 §15 reason phrases, for every status Gazette answers with a problem.
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
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

export type ProblemExtensions = Omit<Partial<ProblemBody>, 'status' | 'detail'>;

export interface ProblemOptions {
  extensions?: ProblemExtensions;
  /** Headers of this answer (Allow, Retry-After, WWW-Authenticate, …). */
  headers?: Record<string, string>;
  /** Default: 4xx cached briefly, 5xx never stored (errorPolicy). */
  cache?: CachePolicyName;
  /**
   * For answers made before Next routes the request (the request guard, scripts/server.ts's
   * 500), which next.config's headers may not reach: keep browsers from sniffing the JSON as
   * something else.
   */
  nosniff?: boolean;
}

/** A whole answer as plain data: node:http writes it as is; toResponse() makes a Fetch Response. */
export interface ProblemAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The one problem builder: status, content type, cache policy, extra headers and body. */
export function problem(status: number, detail?: string, options: ProblemOptions = {}): ProblemAnswer {
  return {
    status,
    headers: {
      'content-type': PROBLEM_CONTENT_TYPE,
      ...cachePolicyHeaders(options.cache ?? errorPolicy(status)),
      ...(options.nosniff ? { 'x-content-type-options': 'nosniff' } : {}),
      ...options.headers,
    },
    body: JSON.stringify(problemBody(status, detail, options.extensions)),
  };
}

/** As a Fetch Response; a HEAD answer has the same headers and no body (RFC 9110 §9.3.2). */
export function toResponse(answer: ProblemAnswer, method = 'GET'): Response {
  return new Response(method === 'HEAD' ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/** Thrown anywhere below a public route; the route wrapper turns it into a problem answer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extensions: ProblemExtensions = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpError';
  }

  answer(): ProblemAnswer {
    return problem(this.status, this.detail, { extensions: this.extensions, headers: this.headers });
  }
}

export function problemBody(status: number, detail?: string, extensions: Partial<ProblemBody> = {}): ProblemBody {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extensions };
}

