// Runs before routing: answers methods Next cannot route (PROPFIND, TRACE, …) with a 405
// problem and `Allow` (RFC 9110 §15.5.6) instead of Next's bare 400.
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { isProtocolRoute, PROTOCOL_ROUTE_ALLOW } from '@/lib/http/protocol-routes';

const ROUTABLE = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (!ROUTABLE.has(request.method)) {
    const allow = isProtocolRoute(pathname) ? PROTOCOL_ROUTE_ALLOW : 'GET, HEAD, POST';
    return NextResponse.json(
      { type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: `${request.method} is not supported here.` },
      { status: 405, headers: { allow, 'content-type': 'application/problem+json', 'cache-control': 'no-store' } },
    );
  }
  // The benchmark reference routes exist only in benchmark mode.
  if (pathname.startsWith('/api/bench/') && !getConfig().bench) {
    return NextResponse.json(
      { type: 'about:blank', title: 'Not Found', status: 404 },
      { status: 404, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' } },
    );
  }
  return NextResponse.next();
}

export const config = {
  // Everything but Next's own static assets.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
