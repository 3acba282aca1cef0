// The public HTTP surface (SPEC §3), listed once: every path anyone may read without signing in,
// what kind of resource it is, and whether the OpenAPI document describes it. The request guard
// and the Allow rule classify paths by it, the sitemap lists its static pages, and
// tests/unit/public-surface.test.ts holds it against the route files under app/ and against the
// generated OpenAPI document. What app/ serves besides is in OUTSIDE_SURFACE, with the reason.

/**
 * - api: JSON resources under /api;  feed: RSS, Atom, JSON Feed (WebSub topics);
 * - calendar: iCalendar;  metadata: Next metadata routes;  page: HTML for people;
 * - media: stored image files, by the hash of their bytes (immutable, Range).
 */
export type SurfaceKind = 'api' | 'feed' | 'calendar' | 'metadata' | 'media' | 'page';

export interface SurfaceEntry {
  /** The path, with `{name}` for one path segment (the OpenAPI path template syntax). */
  path: string;
  kind: SurfaceKind;
  /** Described in /api/openapi.json. */
  openapi: boolean;
}

export const PUBLIC_SURFACE = [
  { path: '/api/posts', kind: 'api', openapi: true },
  { path: '/api/posts/{slug}', kind: 'api', openapi: true },
  { path: '/api/tags', kind: 'api', openapi: true },
  { path: '/api/authors', kind: 'api', openapi: true },
  { path: '/api/search', kind: 'api', openapi: true },
  { path: '/api/changelog.json', kind: 'feed', openapi: true },
  { path: '/api/events', kind: 'api', openapi: true },
  { path: '/api/events.ics', kind: 'calendar', openapi: true },
  { path: '/api/events/{file}', kind: 'calendar', openapi: true },
  { path: '/api/health', kind: 'api', openapi: true },
  { path: '/api/changes', kind: 'api', openapi: true },
  // The document does not describe itself.
  { path: '/api/openapi.json', kind: 'api', openapi: false },
  { path: '/feed.xml', kind: 'feed', openapi: true },
  { path: '/atom.xml', kind: 'feed', openapi: true },
  { path: '/feed.json', kind: 'feed', openapi: true },
  { path: '/changelog.xml', kind: 'feed', openapi: true },
  { path: '/sitemap.xml', kind: 'metadata', openapi: false },
  { path: '/sitemap/{file}', kind: 'metadata', openapi: false },
  { path: '/robots.txt', kind: 'metadata', openapi: false },
  { path: '/posts/{slug}/opengraph-image', kind: 'metadata', openapi: false },
  { path: '/media/{hash}/{name}', kind: 'media', openapi: true },
  { path: '/', kind: 'page', openapi: false },
  { path: '/posts/{slug}', kind: 'page', openapi: false },
  { path: '/tags/{slug}', kind: 'page', openapi: false },
  { path: '/authors/{slug}', kind: 'page', openapi: false },
  { path: '/changelog', kind: 'page', openapi: false },
  { path: '/events', kind: 'page', openapi: false },
  { path: '/docs', kind: 'page', openapi: false },
  { path: '/search', kind: 'page', openapi: false },
] as const satisfies readonly SurfaceEntry[];

/** The listed paths of one kind, as literal types (so a Record over them must name each). */
export type SurfacePath<K extends SurfaceKind = SurfaceKind> = Extract<(typeof PUBLIC_SURFACE)[number], { kind: K }>['path'];

const CRON_PATH = '/api/cron/publish';

/** Served by app/ but deliberately not public surface (`/**`: the path and everything below). */
export const OUTSIDE_SURFACE = [
  { path: '/cms/**', why: 'the editors\' CMS, behind sign-in' },
  { path: '/api/bench/**', why: 'benchmark mode only (404 unless GAZETTE_BENCH=true)' },
  { path: CRON_PATH, why: 'scheduled publishing, for the scheduler holding the cron secret (GET only)' },
  { path: '/api/{...path}', why: 'the catch-all: a 404 problem for every other /api path' },
  // Icons and the web app manifest: files Next serves itself, GET and HEAD only (Next answers
  // OPTIONS on them with a bare 405, so they are not protocol routes; proxy.ts refuses other
  // methods with a problem document, except on /favicon.ico, which its matcher skips).
  { path: '/favicon.ico', why: 'the icon browsers ask for unprompted (app/favicon.ico)' },
  { path: '/icon.svg', why: 'the site icon (app/icon.svg)' },
  { path: '/apple-icon.png', why: 'the home-screen icon (app/apple-icon.png, from scripts/make-icons.ts)' },
  { path: '/manifest.webmanifest', why: 'the web app manifest (app/manifest.ts)' },
] as const;

/** The paths of one kind, e.g. surfacePaths('feed') for the WebSub topics. */
export function surfacePaths<K extends SurfaceKind>(kind: K): SurfacePath<K>[] {
  // TS cannot narrow the literal union through filter on a generic K; the filter is the proof.
  return PUBLIC_SURFACE.filter((e) => e.kind === kind).map((e) => e.path) as SurfacePath<K>[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MATCHERS = PUBLIC_SURFACE.map((entry) => ({
  entry,
  re: new RegExp(`^${entry.path.split(/\{[^}]+\}/).map(escape).join('[^/]+')}$`),
}));

/** The surface entry a request path belongs to, if any. */
export function surfaceEntry(pathname: string): SurfaceEntry | undefined {
  return MATCHERS.find((m) => m.re.test(pathname))?.entry;
}

/**
 * Protocol routes (API, feeds, calendars, metadata files, media files, and anything else under /api/): their
 * callers are HTTP clients, never this app's React router.
 */
export function isProtocolRoute(pathname: string): boolean {
  if (pathname.startsWith('/api/')) return true;
  const entry = surfaceEntry(pathname);
  return entry !== undefined && entry.kind !== 'page';
}

/**
 * Whether the route handler at this path answers every method itself, 405 with Allow included:
 * everything under /api/ goes through the public route wrapper, except the cron route (a plain
 * GET handler: Next answers other methods with a bare 405), and the benchmark routes take POST.
 */
export function answersItsOwnMethods(pathname: string): boolean {
  return pathname.startsWith('/api/') && pathname !== CRON_PATH;
}

/** The editors' CMS: /cms and everything below it (not /cms-something). */
export function isCmsPath(pathname: string): boolean {
  return pathname === '/cms' || pathname.startsWith('/cms/');
}
