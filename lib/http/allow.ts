// The Allow header (RFC 9110 §10.2.1) of any request target, from one rule, for every 405
// (§15.5.6: it MUST carry Allow) and every OPTIONS answer (§9.3.7): protocol routes are
// read-only and answer OPTIONS (CORS preflight); the CMS also takes its form posts; pages take
// GET and HEAD only. patches/next+*.patch hard-codes two of these strings (it cannot import
// TypeScript); tests/unit/public-surface.test.ts keeps them equal.
import { isCmsPath, isProtocolRoute } from './public-surface';

const METHODS = {
  protocol: ['GET', 'HEAD', 'OPTIONS'],
  cms: ['GET', 'HEAD', 'POST'],
  page: ['GET', 'HEAD'],
} as const;

const lists = Object.values(METHODS);
/** `OPTIONS *` asks about the server as a whole (§9.3.7): every method some path takes. */
const SERVER_WIDE = [...new Set(lists.flat())].join(', ');
/** What every path takes: the honest Allow where the path cannot be known (the Next patch). */
export const ALLOWED_EVERYWHERE = METHODS.page.filter((m) => lists.every((l) => (l as readonly string[]).includes(m))).join(', ');

/** The Allow value for a path, or for `*` (the server as a whole). */
export function allowFor(target: string): string {
  if (target === '*') return SERVER_WIDE;
  if (isProtocolRoute(target)) return METHODS.protocol.join(', ');
  return (isCmsPath(target) ? METHODS.cms : METHODS.page).join(', ');
}

export function allows(target: string, method: string): boolean {
  return allowFor(target).split(', ').includes(method);
}
