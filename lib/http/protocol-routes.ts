// Which paths are protocol routes (API, feeds, calendar, metadata files): their callers are
// HTTP clients, never this app's React router.
export const PROTOCOL_ROUTE_ALLOW = 'GET, HEAD, OPTIONS';

export function isProtocolRoute(pathname: string): boolean {
  return (
    pathname.startsWith('/api/') ||
    /^\/(feed\.xml|atom\.xml|feed\.json|changelog\.xml|sitemap\.xml|robots\.txt)$/.test(pathname)
  );
}
