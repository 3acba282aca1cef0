// The one wrapper every public GET route goes through (SPEC §3): it turns a short handler
// (parse → negotiate → cached read → respond) into the full set of method exports, and does
// the cross-cutting work once: HEAD, 405 with Allow, CORS, Vary, problem errors. It knows
// nothing of storage: whether a failure is an outage (503) is asked of the `isOutage` function
// it is created with (lib/api/route.ts hands it the database's).
import { connection } from 'next/server';
import { allowFor } from './allow';
import { HttpError, problem, toResponse, type ProblemAnswer } from './problem';

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (request: Request, params: P) => Promise<Response>;
type RouteHandler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

export interface PublicRouteOptions {
  /** Request headers the response depends on (RFC 9110 §12.5.5), e.g. ['Accept']. */
  vary?: string[];
}

export interface PublicRouteDeps {
  /** True when an unexpected error means the content store is unavailable (503, not 500). */
  isOutage(err: unknown): Promise<boolean>;
}

// CORS (Fetch standard): public content may be read by any origin. No credentials, so `*`.
const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Last-Modified, Link, Location, Retry-After, Content-Disposition, CDN-Cache-Control, Content-Range, Accept-Ranges',
};

const pathOf = (request: Request) => new URL(request.url).pathname;

/** What an outage answer says: the sentence and when to try again (Retry-After, seconds). */
export interface OutageWording {
  detail?: string;
  retryAfter?: number;
  /** What failed, for the log line, e.g. '[cron] publish'. */
  log?: string;
}

/**
 * An unexpected error as a problem: an outage is a 503 with Retry-After (the client tries again),
 * anything else a logged 500 with nothing internal in the body (RFC 9457 §5). `isOutage` is the
 * application's one outage test (lib/api/route.ts binds the database's).
 */
export async function failureAnswer(err: unknown, isOutage: (err: unknown) => Promise<boolean>, wording: OutageWording = {}): Promise<ProblemAnswer> {
  const log = wording.log ?? '[http] request';
  if (await isOutage(err)) {
    console.error(`${log} unavailable:`, err instanceof Error ? err.message : err);
    return problem(503, wording.detail ?? 'The content store is temporarily unavailable. Try again shortly.', { headers: { 'retry-after': String(wording.retryAfter ?? 10) } });
  }
  // Log the whole error here; the client gets nothing internal.
  console.error(`${log} failed:`, err);
  return problem(500, 'Something went wrong on our side.');
}

async function errorResponse(err: unknown, deps: PublicRouteDeps): Promise<Response> {
  if (err instanceof HttpError) return toResponse(err.answer());
  return toResponse(await failureAnswer(err, deps.isOutage));
}

function withCommonHeaders(response: Response, options: PublicRouteOptions): Response {
  const headers = response.headers;
  for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
  if (options.vary?.length) headers.set('vary', options.vary.join(', '));
  return response;
}

/** The publicRoute function, bound to how this application recognises an outage. */
export function createPublicRoute(deps: PublicRouteDeps) {
  /** Run a handler, with every thrown error turned into a problem response. */
  async function run<P>(handler: Handler<P>, request: Request, context: RouteContext<P>, options: PublicRouteOptions) {
    let response: Response;
    try {
      // Public routes read the request: never prerender them at build time (and so never open
      // the database during `next build`).
      await connection();
      response = await handler(request, await context.params);
    } catch (err) {
      response = await errorResponse(err, deps);
    }
    return withCommonHeaders(response, options);
  }

  return function publicRoute<P = Record<string, never>>(handler: Handler<P>, options: PublicRouteOptions = {}) {
    const GET: RouteHandler<P> = (request, context) => run(handler, request, context, options);

    // RFC 9110 §9.3.2: HEAD is GET without the body, with the same header fields.
    const HEAD: RouteHandler<P> = async (request, context) => {
      const response = await GET(request, context);
      return new Response(null, { status: response.status, headers: response.headers });
    };

    // CORS preflight (Fetch standard §3.2.2) and plain OPTIONS (RFC 9110 §9.3.7).
    const OPTIONS: RouteHandler<P> = async (request) => {
      const allow = allowFor(pathOf(request));
      const headers: Record<string, string> = { allow, ...CORS_HEADERS };
      if (request.headers.has('access-control-request-method')) {
        headers['access-control-allow-methods'] = allow;
        headers['access-control-allow-headers'] = 'Accept, Accept-Language, Cache-Control, If-Modified-Since, If-None-Match, Range, If-Range';
        headers['access-control-max-age'] = '86400';
      }
      headers['cache-control'] = 'public, max-age=86400';
      return new Response(null, { status: 204, headers });
    };

    // RFC 9110 §15.5.6: a 405 MUST carry Allow. Next's own 405 does not, so every method
    // Next can route is answered here.
    const notAllowed: RouteHandler<P> = async (request) => {
      const detail = `${request.method} is not supported here; this resource is read-only.`;
      return withCommonHeaders(toResponse(problem(405, detail, { headers: { allow: allowFor(pathOf(request)) } })), options);
    };

    return { GET, HEAD, OPTIONS, POST: notAllowed, PUT: notAllowed, PATCH: notAllowed, DELETE: notAllowed };
  };
}
