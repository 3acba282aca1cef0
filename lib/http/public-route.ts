// The one wrapper every public GET route goes through (SPEC §3): it turns a short handler
// (parse → negotiate → cached read → respond) into the full set of method exports, and does
// the cross-cutting work once: HEAD, 405 with Allow, CORS, Vary, problem errors.
import { connection } from 'next/server';
import { toDomainError } from '@/db/errors';
import { checkDatabase } from '@/lib/health';
import { cachePolicyHeaders, errorPolicy, type CachePolicyName } from './cache-policy';
import { isNotModified } from './conditional';
import { negotiateMediaType } from './negotiate';
import { HttpError, PROBLEM_CONTENT_TYPE, problemBody, type ProblemBody } from './problem';
import { PROTOCOL_ROUTE_ALLOW as ALLOW } from './protocol-routes';
import { httpDate } from './validators';
import { withBody, type RepresentationRef } from './body-store';

/** A cached representation: plain data, as 'use cache' readers return it. */
export interface Representation {
  body: string | Uint8Array;
  contentType: string;
  etag: string;
  /** ISO 8601; the newest change of what the body shows. */
  lastModified?: string;
  /** Extra headers that belong to this representation (e.g. Link, Content-Disposition). */
  headers?: Record<string, string> | undefined;
}

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (request: Request, params: P) => Promise<Response>;
type RouteHandler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

export interface PublicRouteOptions {
  /** Request headers the response depends on (RFC 9110 §12.5.5), e.g. ['Accept']. */
  vary?: string[];
}

// CORS (Fetch standard): public content may be read by any origin. No credentials, so `*`.
const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Last-Modified, Link, Location, Retry-After, Content-Disposition, CDN-Cache-Control',
};

function problem(status: number, body: ProblemBody, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...cachePolicyHeaders(errorPolicy(status)), ...extraHeaders },
  });
}

async function errorResponse(err: unknown): Promise<Response> {
  if (err instanceof HttpError) return problem(err.status, err.body(), err.headers);
  const domain = toDomainError(err);
  // Errors thrown inside 'use cache' readers reach us opaque in production (message omitted,
  // a digest instead), so ask the database itself whether this is an outage.
  if (domain?.kind === 'unavailable' || isClosedEmbeddedDatabase(err) || !(await checkDatabase(1000)).ok) {
    console.error('[http] database unavailable:', err instanceof Error ? err.message : err);
    return problem(503, problemBody(503, 'The content store is temporarily unavailable. Try again shortly.'), {
      'retry-after': '10',
    });
  }
  // Log the whole error here; the client gets nothing internal (RFC 9457 §5).
  console.error('[http] unexpected error:', err);
  return problem(500, problemBody(500, 'Something went wrong on our side.'));
}

function isClosedEmbeddedDatabase(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/PGlite is closed/i.test(e.message)) return true;
  }
  return false;
}

function withCommonHeaders(response: Response, options: PublicRouteOptions): Response {
  const headers = response.headers;
  for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
  if (options.vary?.length) headers.set('vary', options.vary.join(', '));
  return response;
}

/** Run a handler, with every thrown error turned into a problem response. */
async function run<P>(handler: Handler<P>, request: Request, context: RouteContext<P>, options: PublicRouteOptions) {
  let response: Response;
  try {
    // Public routes read the request: never prerender them at build time (and so never open
    // the database during `next build`).
    await connection();
    response = await handler(request, await context.params);
  } catch (err) {
    response = await errorResponse(err);
  }
  return withCommonHeaders(response, options);
}

export function publicRoute<P = Record<string, never>>(handler: Handler<P>, options: PublicRouteOptions = {}) {
  const GET: RouteHandler<P> = (request, context) => run(handler, request, context, options);

  // RFC 9110 §9.3.2: HEAD is GET without the body, with the same header fields.
  const HEAD: RouteHandler<P> = async (request, context) => {
    const response = await GET(request, context);
    return new Response(null, { status: response.status, headers: response.headers });
  };

  // CORS preflight (Fetch standard §3.2.2) and plain OPTIONS (RFC 9110 §9.3.7).
  const OPTIONS: RouteHandler<P> = async (request) => {
    const headers: Record<string, string> = { allow: ALLOW, ...CORS_HEADERS };
    if (request.headers.has('access-control-request-method')) {
      headers['access-control-allow-methods'] = ALLOW;
      headers['access-control-allow-headers'] = 'Accept, Accept-Language, Cache-Control, If-Modified-Since, If-None-Match';
      headers['access-control-max-age'] = '86400';
    }
    headers['cache-control'] = 'public, max-age=86400';
    return new Response(null, { status: 204, headers });
  };

  // RFC 9110 §15.5.6: a 405 MUST carry Allow. Next's own 405 does not, so every method
  // Next can route is answered here.
  const notAllowed: RouteHandler<P> = async (request) =>
    withCommonHeaders(
      problem(405, problemBody(405, `${request.method} is not supported here; this resource is read-only.`), { allow: ALLOW }),
      options,
    );

  return { GET, HEAD, OPTIONS, POST: notAllowed, PUT: notAllowed, PATCH: notAllowed, DELETE: notAllowed };
}

/** Choose a representation, or fail with 406 listing what is available (RFC 9110 §15.5.7). */
export function negotiate<T extends string>(request: Request, available: readonly T[]): T {
  const chosen = negotiateMediaType(request.headers.get('accept'), available);
  if (!chosen) {
    throw new HttpError(406, `None of the requested media types is available. Available: ${available.join(', ')}.`, {
      available: [...available],
    });
  }
  return chosen as T;
}

/**
 * Answer with a representation: 200, or 304 when the client's copy is current. The 304 carries
 * the same ETag, Last-Modified, Cache-Control and Vary as the 200 would (RFC 9110 §15.4.5).
 */
export function represent(request: Request, rep: Representation, policy: CachePolicyName): Response {
  const lastModified = rep.lastModified ? new Date(rep.lastModified) : undefined;
  const headers: Record<string, string> = {
    etag: rep.etag,
    ...cachePolicyHeaders(policy),
    ...(lastModified ? { 'last-modified': httpDate(lastModified) } : {}),
  };
  for (const [name, value] of Object.entries(rep.headers ?? {})) if (value !== undefined) headers[name] = value;
  if (isNotModified(request.headers, { etag: rep.etag, lastModified })) {
    return new Response(null, { status: 304, headers });
  }
  // A Uint8Array is a valid body; TS 5.9's DOM lib narrows BodyInit to ArrayBuffer-backed views.
  return new Response(rep.body as BodyInit, { status: 200, headers: { 'content-type': rep.contentType, ...headers } });
}

/**
 * Like represent(), for a cached reference whose body lives in the process body store: a 304
 * never touches the body; a 200 takes it from the store, or from `full` if it was evicted.
 */
export async function representRef(request: Request, ref: RepresentationRef, full: () => Promise<Representation>, policy: CachePolicyName): Promise<Response> {
  const lastModified = ref.lastModified ? new Date(ref.lastModified) : undefined;
  if (isNotModified(request.headers, { etag: ref.etag, lastModified })) {
    return represent(request, { ...ref, body: '' }, policy);
  }
  return represent(request, await withBody(ref, full), policy);
}

/** A permanent redirect that keeps the method (RFC 9110 §15.4.9). */
export function permanentRedirect(location: string, policy: CachePolicyName): Response {
  return new Response(null, { status: 308, headers: { location, ...cachePolicyHeaders(policy) } });
}
