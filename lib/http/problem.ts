// Problem Details for HTTP APIs (RFC 9457): every error body Gazette sends.
export interface Problem {
  /** A URI reference identifying the problem type (RFC 9457 §3.1.1); about:blank by default. */
  type?: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('content-type', PROBLEM_CONTENT_TYPE);
  // RFC 9111 §5.2.2.5: a 5xx must never be stored by a shared cache and served again.
  if (problem.status >= 500) h.set('cache-control', 'no-store');
  return new Response(JSON.stringify({ type: 'about:blank', ...problem }), { status: problem.status, headers: h });
}
