// Runs before routing, on every path but Next's static assets, under every server (`next
// start`, Vercel, our own). First the request guard (lib/http/request-guard.ts): hostile
// requests get a problem document (400, 403, 405 with Allow) instead of Next's bare 500. Then the
// status gate: a post, tag or author page that is missing, deleted or renamed answers 404, 410 or
// 308 here, where the status can still be chosen (lib/site/page-gate.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { problem, toResponse } from '@/lib/http/problem';
import { isCmsPath } from '@/lib/http/public-surface';
import { guardRequest } from '@/lib/http/request-guard';
import { gatePage } from '@/lib/site/page-gate';

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const refused = guardRequest(request.method, pathname + search, Object.fromEntries(request.headers));
  if (refused) return toResponse(refused, request.method);
  const cms = isCmsPath(pathname);
  // The CMS: a visitor without a session cookie gets a real redirect to sign in (a redirect()
  // inside <Suspense> would answer 200 with a meta refresh). Cookie presence is enough here:
  // every CMS page and action checks the session against the database.
  if (cms && !pathname.startsWith('/cms/login') && !hasSessionCookie(request)) {
    const login = new URL('/cms/login', request.url);
    if (pathname !== '/cms') login.searchParams.set('next', pathname);
    return NextResponse.redirect(login, 303);
  }
  if (cms) {
    // The page a CMS form was posted from, for the no-JavaScript Post/Redirect/Get in
    // lib/cms/flash.ts (a plain form posts to its own page's URL). Always overwritten here.
    const headers = new Headers(request.headers);
    headers.set('x-gazette-path', pathname + request.nextUrl.search);
    return NextResponse.next({ request: { headers } });
  }
  // A post, tag or author page that is not there: its real status (lib/site/page-gate.ts).
  const gated = await gatePage(request.method, pathname, search);
  if (gated) return gated;
  // The benchmark reference routes exist only in benchmark mode.
  if (pathname.startsWith('/api/bench/') && !getConfig().bench) {
    return toResponse(problem(404, undefined, { cache: 'none' }), request.method);
  }
  return NextResponse.next();
}

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.has('better-auth.session_token') || request.cookies.has('__Secure-better-auth.session_token');
}

export const config = {
  // Everything but Next's own static assets, and the media upload: a proxy makes Next clone and
  // buffer the request body (cut at 10 MB); app/cms/media/upload/route.ts streams it instead and
  // applies the request guard itself.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|cms/media/upload$).*)'],
};
