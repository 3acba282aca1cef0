// What `npm run bench` measures. Warm scenarios run under load; cold ones one request at a
// time right after their cache tag was expired.
export interface Scenario {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** Send the representation's ETag in If-None-Match (expects 304). */
  conditional?: boolean;
}

export const SCENARIOS: Scenario[] = [
  { name: 'post json (warm)', path: '/api/posts/etags-explained', headers: {} },
  { name: 'post html (warm)', path: '/api/posts/etags-explained', headers: { accept: 'text/html' } },
  { name: 'post json 304', path: '/api/posts/etags-explained', headers: {}, conditional: true },
  { name: 'posts list (warm)', path: '/api/posts?limit=20', headers: {} },
  { name: 'posts list cursor (warm)', path: '/api/posts?limit=20&cursor=CURSOR', headers: {} },
  { name: 'feed.xml (warm)', path: '/feed.xml', headers: {} },
  { name: 'feed.xml 304', path: '/feed.xml', headers: {}, conditional: true },
  { name: 'feed.json (warm)', path: '/feed.json', headers: {} },
  { name: 'changelog.json (warm)', path: '/api/changelog.json', headers: {} },
  { name: 'events.ics (warm)', path: '/api/events.ics', headers: {} },
  { name: 'search (warm)', path: '/api/search?q=caching', headers: {} },
  { name: 'search 304', path: '/api/search?q=caching', headers: {}, conditional: true },
  // MEDIA: the served photo's path (bench/lib/media.ts), filled in by run.ts.
  { name: 'media file (warm)', path: 'MEDIA', headers: {} },
  { name: 'media file 304', path: 'MEDIA', headers: {}, conditional: true },
];

export interface ColdScenario {
  name: string;
  path: string;
  tag: string;
  headers: Record<string, string>;
}

export const COLD_SCENARIOS: ColdScenario[] = [
  { name: 'post json (cold)', path: '/api/posts/etags-explained', tag: 'post:etags-explained', headers: {} },
  { name: 'posts list (cold)', path: '/api/posts?limit=20', tag: 'posts', headers: {} },
  { name: 'feed.xml (cold)', path: '/feed.xml', tag: 'posts', headers: {} },
  { name: 'feed.json (cold)', path: '/feed.json', tag: 'posts', headers: {} },
  { name: 'atom.xml (cold)', path: '/atom.xml', tag: 'posts', headers: {} },
  { name: 'changelog.json (cold)', path: '/api/changelog.json', tag: 'changelog', headers: {} },
  { name: 'events.ics (cold)', path: '/api/events.ics', tag: 'events', headers: {} },
  { name: 'search (cold)', path: '/api/search?q=caching', tag: 'posts', headers: {} },
];

const pick = (...names: string[]): Scenario[] => names.map((n) => SCENARIOS.find((s) => s.name === n)!);

/** Representative warm scenarios compared between the Redis and the in-memory cache handler. */
export const SHARED_CACHE_SCENARIOS = pick('post json (warm)', 'post json 304', 'posts list (warm)', 'feed.xml (warm)', 'feed.xml 304');

/** Compared between 1 and 2 workers on PostgreSQL + Redis. */
export const WORKER_SCENARIOS = pick('post json (warm)', 'posts list (warm)', 'feed.xml 304');
