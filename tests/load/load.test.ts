// 60 s at 100 concurrent connections over every public route, while an editor keeps
// publishing: zero errors, zero unexpected statuses, flat memory, and readers always see one
// whole version of the post being edited (never a mix).
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory } from '../../bench/lib/proc';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { signIn, submitForm } from '../helpers/cms-client';

const DURATION_S = Number(process.env.LOAD_SECONDS ?? 60);

describe('sustained load', () => {
  let server: ChildServer;
  beforeAll(async () => {
    server = await startChildServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(`serves ${DURATION_S} s of 100 connections without an error while publishing`, async () => {
    const base = server.url;
    const get = (p: string, h: Record<string, string> = {}) => fetch(base + p, { headers: h });
    const events = (await (await get('/api/events')).json()) as { data: { links: { ics: string } }[] };
    const etag = (await get('/api/posts/etags-explained')).headers.get('etag')!;
    const paths: { path: string; headers?: Record<string, string>; expect: number }[] = [
      { path: '/api/posts', expect: 200 },
      { path: '/api/posts?limit=5&tag=http', expect: 200 },
      { path: '/api/posts/etags-explained', expect: 200 },
      { path: '/api/posts/etags-explained', headers: { accept: 'text/html' }, expect: 200 },
      { path: '/api/posts/etags-explained', headers: { accept: 'text/markdown' }, expect: 200 },
      { path: '/api/posts/etags-explained', headers: { 'if-none-match': etag }, expect: 304 },
      { path: '/api/posts/load-test-post', expect: 200 },
      { path: '/feed.xml', expect: 200 },
      { path: '/atom.xml', expect: 200 },
      { path: '/feed.json', expect: 200 },
      { path: '/api/changelog.json', expect: 200 },
      { path: '/changelog.xml', expect: 200 },
      { path: '/api/events', expect: 200 },
      { path: '/api/events.ics', expect: 200 },
      { path: new URL(events.data[0]!.links.ics).pathname, expect: 200 },
      { path: '/api/openapi.json', expect: 200 },
      { path: '/api/health', expect: 200 },
      { path: '/', expect: 200 },
      { path: '/posts/etags-explained', expect: 200 },
      { path: '/changelog', expect: 200 },
      { path: '/events', expect: 200 },
      { path: '/docs', expect: 200 },
      { path: '/sitemap.xml', expect: 200 },
      { path: '/robots.txt', expect: 200 },
    ];

    // The post an editor keeps republishing: title and body always name the same version.
    const jar = await signIn(base, 'editor');
    const create = await submitForm(base, '/cms/posts/new', jar, {
      fields: { title: 'Load version 0', slug: 'load-test-post', body: 'Body of load version 0.', tags: '' },
      submit: { intent: 'publish' },
    });
    expect(create.outcome).toBe('redirected');
    const editPath = new URL(create.location!, base).pathname;

    const pid = server.child.pid!;
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(memory(pid).rssMb), 2000);
    let stop = false;
    let published = 0;
    let readerErrors = 0;
    let mixed = 0;
    let reads = 0;
    const editor = (async () => {
      for (let v = 1; !stop; v++) {
        const r = await submitForm(base, editPath, jar, { fields: { title: `Load version ${v}`, body: `Body of load version ${v}.` }, submit: { intent: 'publish' } });
        if (r.outcome === 'redirected') published++;
        await new Promise((res) => setTimeout(res, 500));
      }
    })();
    const reader = (async () => {
      while (!stop) {
        try {
          const res = await get('/api/posts/load-test-post');
          const doc = (await res.json()) as { title: string; contentMarkdown: string };
          reads++;
          const t = /Load version (\d+)/.exec(doc.title)?.[1];
          const b = /Body of load version (\d+)/.exec(doc.contentMarkdown)?.[1];
          if (!t || t !== b) mixed++;
        } catch {
          readerErrors++;
        }
      }
    })();

    // Every route once first: a fresh process's first request to a route loads its code, and
    // every connection that arrives meanwhile waits (up to 6 s on a slow day); cold starts are
    // the benchmarks' business, the steady state under publishing is this test's.
    for (const p of paths) await (await get(p.path, p.headers)).arrayBuffer();

    // 25 groups of 4 connections, each group starting at its own route. One autocannon run moves
    // all its connections through the routes in lockstep, so they reach a page together, and a
    // page's render is CPU on one thread: on a slow day a cohort of 25 renders of /changelog
    // finished one every 0.2 s, the last after 10 s (the commit before this change failed the
    // same way). Real clients are not in lockstep; the load is the same 100 connections.
    const GROUPS = 25;
    // A client gives up on a request after 30 s (a CDN waits longer for an origin: Cloudflare 100 s).
    // This is a correctness test, not a speed test (speed is `npm run bench`'s): on a shared
    // 2-core machine under 100 connections, single requests have taken over 10 s.
    const CLIENT_TIMEOUT_S = 30;
    const runs = await Promise.all(
      Array.from({ length: GROUPS }, (_, g) => {
        const start = Math.floor((g * paths.length) / GROUPS);
        const rotated = [...paths.slice(start), ...paths.slice(0, start)];
        return autocannon({
          url: base,
          connections: 100 / GROUPS,
          duration: DURATION_S,
          timeout: CLIENT_TIMEOUT_S,
          requests: rotated.map((p) => ({ method: 'GET', path: p.path, headers: p.headers })),
        });
      }),
    );
    const result = {
      requests: { total: runs.reduce((n, r) => n + r.requests.total, 0), average: runs.reduce((n, r) => n + r.requests.average, 0) },
      // The worst group's p99: an upper bound of the whole run's.
      latency: { p99: Math.max(...runs.map((r) => r.latency.p99)) },
      errors: runs.reduce((n, r) => n + r.errors, 0),
      timeouts: runs.reduce((n, r) => n + r.timeouts, 0),
      statusCodeStats: runs.reduce<Record<string, { count: number }>>((all, r) => {
        for (const [code, st] of Object.entries(r.statusCodeStats ?? {})) all[code] = { count: (all[code]?.count ?? 0) + (st as { count: number }).count };
        return all;
      }, {}),
    };
    stop = true;
    clearInterval(sampler);
    await Promise.all([editor, reader]);

    const statuses: Record<string, number> = {};
    for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = (s as { count: number }).count;
    const unexpected = Object.entries(statuses).filter(([code]) => code !== '200' && code !== '304');
    const third = Math.max(1, Math.floor(rss.length / 3));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const early = median(rss.slice(third, 2 * third));
    const late = median(rss.slice(-third));
    console.log(
      `[load] ${result.requests.total} requests in ${DURATION_S} s (${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms), ` +
        `statuses ${JSON.stringify(statuses)}, errors ${result.errors}, timeouts ${result.timeouts}; ` +
        `${published} publishes, ${reads} consistency reads, ${mixed} mixed, ${readerErrors} reader errors; ` +
        `RSS middle third ${early.toFixed(0)} MB, last third ${late.toFixed(0)} MB`,
    );
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(unexpected).toEqual([]);
    expect(readerErrors).toBe(0);
    expect(mixed).toBe(0);
    expect(published).toBeGreaterThan(5);
    expect(late / early).toBeLessThan(1.2);
  }, (DURATION_S + 120) * 1000);
});
