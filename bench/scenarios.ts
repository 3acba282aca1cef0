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
];
