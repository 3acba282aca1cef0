// Which paths are protocol routes (API, feeds, calendar, metadata files): their callers are
// HTTP clients, never this app's React router.
export const PROTOCOL_ROUTE_ALLOW = 'GET, HEAD, OPTIONS';

export function isProtocolRoute(pathname: string): boolean {
  return (
    pathname.startsWith('/api/') ||
    /^\/(feed\.xml|atom\.xml|feed\.json|changelog\.xml|sitemap\.xml|robots\.txt)$/.test(pathname)
  );
}

// The React router's request headers. Next answers a request carrying `RSC: 1` without its
// matching `?_rsc=` hash with a 307 (validateRSCRequestHeaders, a cache-poisoning defence for
// pages). That check runs before proxy.ts, so our server drops these headers on protocol
// routes before Next sees the request: a partner or CDN that sends them still gets the resource.
export const ROUTER_REQUEST_HEADERS = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
];
