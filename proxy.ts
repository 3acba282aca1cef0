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
  // The CMS: a visitor without a session cookie gets a real redirect to sign in (a redirect()
  // inside <Suspense> would answer 200 with a meta refresh). Cookie presence is enough here:
  // every CMS page and action checks the session against the database.
  if (pathname.startsWith('/cms') && !pathname.startsWith('/cms/login') && !hasSessionCookie(request)) {
    const login = new URL('/cms/login', request.url);
    if (pathname !== '/cms') login.searchParams.set('next', pathname);
    return NextResponse.redirect(login, 303);
  }
  if (pathname.startsWith('/cms')) {
    // The page a CMS form was posted from, for the no-JavaScript Post/Redirect/Get in
    // lib/cms/flash.ts (a plain form posts to its own page's URL). Always overwritten here.
    const headers = new Headers(request.headers);
    headers.set('x-gazette-path', pathname + request.nextUrl.search);
    return NextResponse.next({ request: { headers } });
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

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.has('better-auth.session_token') || request.cookies.has('__Secure-better-auth.session_token');
}

export const config = {
  // Everything but Next's own static assets.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
