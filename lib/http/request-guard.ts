// Requests Next.js cannot route cleanly are answered before they reach it, each with a problem
// document instead of Next's bare 500/400: methods Fetch refuses (TRACE, CONNECT, …), targets
// that are not origin-form paths, paths that are not valid percent-encoded UTF-8, multipart
// posts without a boundary, and Server Action posts from another origin. The one rule, run
// where every request passes: proxy.ts (under `next start`, on Vercel and in our server) and
// scripts/server.ts (before Next, for what cannot reach proxy.ts: see patches/next+*.patch for
// the same answers under plain `next start`).
import { allowFor, allows } from './allow';
import { problem, type ProblemAnswer } from './problem';
import { answersItsOwnMethods } from './public-surface';

/** An answer the guard gives instead of routing (written by node:http or proxy.ts). */
export type GuardAnswer = ProblemAnswer;

const ROUTABLE = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);

// Answered before Next's routing, so next.config's headers are not added: nosniff is said here.
// No-store: these answers are about the request, not about a resource a cache could keep.
const refuse = (status: number, detail: string, headers: Record<string, string> = {}): GuardAnswer =>
  problem(status, detail, { cache: 'none', nosniff: true, headers });

export function guardRequest(method: string, target: string, headers: Record<string, string | string[] | undefined>): GuardAnswer | undefined {
  // RFC 9112 §3.2: only origin-form targets name a resource here ("*" is for OPTIONS only).
  if (!target.startsWith('/')) {
    if (target === '*' && method === 'OPTIONS') return { status: 204, headers: { allow: allowFor('*') }, body: '' };
    return refuse(400, 'The request target must be a path.');
  }
  const pathname = target.split('?', 1)[0] ?? '/';
  try {
    decodeURIComponent(pathname);
  } catch {
    return refuse(400, 'The path is not valid percent-encoded UTF-8.');
  }
  // RFC 9110 §15.5.6: a 405 carries Allow. The API's own handlers answer their methods (with the
  // same Allow); the benchmark routes (benchmark mode only) take POSTs.
  const routeHandled = answersItsOwnMethods(pathname) && ROUTABLE.has(method);
  if (!routeHandled && !allows(pathname, method)) {
    return refuse(405, `${method} is not supported here.`, { allow: allowFor(pathname) });
  }
  // A multipart post without a usable boundary cannot be parsed (Next answers 500).
  const type = String(headers['content-type'] ?? '');
  if (method === 'POST' && /^multipart\/form-data/i.test(type) && !/;\s*boundary=("[^"]+"|[^";\s]+)/i.test(type)) {
    return refuse(400, 'A multipart/form-data body needs a boundary.');
  }
  // A Server Action posted from another origin: Next refuses it with a 500; say 403.
  if (method === 'POST' && (headers['next-action'] || String(headers['content-type'] ?? '').startsWith('multipart/form-data'))) {
    const origin = headers.origin;
    if (typeof origin === 'string') {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      // The same comparison Next makes for Server Actions (the forwarded host, else Host).
      const forwarded = headers['x-forwarded-host'];
      const expected = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || headers.host;
      if (host !== expected) return refuse(403, 'Form posts are accepted from this site only.');
    }
  }
  return undefined;
}
