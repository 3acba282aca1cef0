// Every cache policy Gazette sends, named in one place (SPEC §3 rule 4).
//
// - `max-age` is for browsers and private caches (RFC 9111 §5.2.2.1); `s-maxage` overrides
//   it for shared caches (§5.2.2.10).
// - `stale-while-revalidate` / `stale-if-error` (RFC 5861 §3, §4) let a CDN answer at once
//   while it revalidates, and keep serving when the origin fails.
// - `CDN-Cache-Control` (RFC 9213) repeats the shared-cache policy for CDNs below a platform:
//   Vercel's edge consumes `s-maxage` and strips it, so a Cloudflare or Varnish in front of
//   Vercel would otherwise see only `max-age`.
export type CachePolicyName = 'post' | 'list' | 'search' | 'feed' | 'calendar' | 'docs' | 'immutable' | 'error' | 'none';

interface Policy {
  browser: number;
  shared: number;
  swr: number;
  sie: number;
}

const POLICIES: Record<Exclude<CachePolicyName, 'none' | 'immutable'>, Policy> = {
  // One post: changes rarely; publishing invalidates the origin's cache at once.
  post: { browser: 60, shared: 300, swr: 86_400, sie: 604_800 },
  // Lists move whenever anything is published: shorter.
  list: { browser: 30, shared: 60, swr: 3_600, sie: 86_400 },
  // Search results: one entry per query, most asked once. A minute everywhere; a CDN may answer
  // a popular query stale for a few minutes while it revalidates, and for an hour if we fail.
  search: { browser: 60, shared: 60, swr: 300, sie: 3_600 },
  // Feed readers poll every 15–60 minutes; conditional GETs keep that cheap.
  feed: { browser: 300, shared: 600, swr: 3_600, sie: 604_800 },
  // Calendar apps refresh every few hours at best (see REFRESH-INTERVAL in the feed).
  calendar: { browser: 900, shared: 900, swr: 3_600, sie: 604_800 },
  // The API description changes only with a deployment.
  docs: { browser: 300, shared: 3_600, swr: 86_400, sie: 604_800 },
  // 404/410/400/406: cached briefly so a storm of bad URLs does not reach the origin, and
  // briefly enough that a newly published URL appears soon.
  error: { browser: 30, shared: 60, swr: 0, sie: 0 },
};

function directives(p: Policy, withBrowserAge: boolean): string {
  const parts = ['public', withBrowserAge ? `max-age=${p.browser}` : `max-age=${p.shared}`];
  if (withBrowserAge) parts.push(`s-maxage=${p.shared}`);
  if (p.swr) parts.push(`stale-while-revalidate=${p.swr}`);
  if (p.sie) parts.push(`stale-if-error=${p.sie}`);
  return parts.join(', ');
}

/** The Cache-Control and CDN-Cache-Control headers of a named policy. */
export function cachePolicyHeaders(name: CachePolicyName): Record<string, string> {
  if (name === 'none') return { 'cache-control': 'no-store' };
  // Content named by the hash of its bytes (media files) never changes under its URL: a year
  // (the customary longest lifetime), and `immutable` (RFC 8246) so browsers do not revalidate
  // it on reload. One max-age serves every cache, so no s-maxage / CDN-Cache-Control.
  if (name === 'immutable') return { 'cache-control': 'public, max-age=31536000, immutable' };
  const policy = POLICIES[name];
  return {
    'cache-control': directives(policy, true),
    'cdn-cache-control': directives(policy, false),
  };
}

/** The policy for an error status: 4xx briefly cached, 5xx never stored (RFC 9111 §3). */
export function errorPolicy(status: number): CachePolicyName {
  return status >= 500 ? 'none' : 'error';
}
