// The posts API against the production server: every HTTP rule of SPEC §3, HEAD included.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCount } from '@/db/client';
import { posts } from '@/db/schema';
import { seedPosts } from '@/db/seed/content';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { testAuthorId } from '../helpers/authors';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const published = seedPosts.filter((p) => p.status === 'published');
const renamed = seedPosts.find((p) => p.previousSlugs?.length)!;
const draft = seedPosts.find((p) => p.status === 'draft')!;
const slug = 'etags-explained';

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.text);
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
  expect(res.text).not.toMatch(/at \w+ \(|node_modules|select |drizzle|PGlite/i);
  return body as Record<string, unknown>;
}

describe('GET /api/posts/{slug}', () => {
  it('answers JSON by default with validators, cache policy, Vary and CORS', async () => {
    const res = await request(server.url).get(`/api/posts/${slug}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers.etag).toMatch(/^W\/"[^"]+"$/);
    expect(new Date(res.headers['last-modified']!).toISOString()).toBe('2025-03-02T16:45:00.000Z');
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
    expect(res.headers['cdn-cache-control']).toMatch(/^public, max-age=\d+/);
    expect(res.headers.vary).toMatch(/\bAccept\b/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toMatchObject({ apiVersion: 1, slug, links: { self: `${server.url}/api/posts/${slug}` } });
    expect(res.body.contentHtml).toContain('<h2>');
  });

  it('negotiates Markdown and HTML, each with its own ETag', async () => {
    const json = await request(server.url).get(`/api/posts/${slug}`).set('Accept', 'application/json');
    const md = await request(server.url).get(`/api/posts/${slug}`).set('Accept', 'text/markdown');
    const html = await request(server.url).get(`/api/posts/${slug}`).set('Accept', 'text/html;q=0.9, text/markdown;q=0.1');
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.text).toMatch(/^# ETags explained/);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toMatch(/^<!doctype html>/);
    expect(new Set([json.headers.etag, md.headers.etag, html.headers.etag]).size).toBe(3);
  });

  it('honours q-values, specificity and wildcards', async () => {
    const typeFor = async (accept: string) => (await request(server.url).get(`/api/posts/${slug}`).set('Accept', accept)).headers['content-type'];
    expect(await typeFor('*/*')).toBe('application/json');
    expect(await typeFor('text/*')).toBe('text/markdown; charset=utf-8');
    expect(await typeFor('text/*;q=0.5, text/html')).toBe('text/html; charset=utf-8');
    expect(await typeFor('application/json;q=0.1, text/markdown;q=0.8')).toBe('text/markdown; charset=utf-8');
    expect(await typeFor('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('text/html; charset=utf-8');
  });

  it('answers 406 listing the available types when nothing is acceptable', async () => {
    const res = await request(server.url).get(`/api/posts/${slug}`).set('Accept', 'image/png, application/json;q=0');
    const body = expectProblem(res, 406);
    expect(body.available).toEqual(['application/json', 'text/markdown', 'text/html']);
    expect(res.headers.vary).toMatch(/\bAccept\b/);
  });

  it('answers 304 to a matching If-None-Match, repeating the 200 headers, without a body', async () => {
    const first = await request(server.url).get(`/api/posts/${slug}`);
    for (const inm of [first.headers.etag!, `"other", ${first.headers.etag}`, first.headers.etag!.slice(2), '*']) {
      const res = await request(server.url).get(`/api/posts/${slug}`).set('If-None-Match', inm).set('Cache-Control', 'no-cache');
      expect(res.status, inm).toBe(304);
      expect(res.text ?? '').toBe('');
      for (const h of ['etag', 'cache-control', 'cdn-cache-control', 'vary', 'last-modified']) expect(res.headers[h], h).toBe(first.headers[h]);
    }
  });

  it('lets If-None-Match win over If-Modified-Since', async () => {
    const first = await request(server.url).get(`/api/posts/${slug}`);
    const future = new Date(Date.now() + 86_400_000).toUTCString();
    const res = await request(server.url).get(`/api/posts/${slug}`).set('If-None-Match', '"nope"').set('If-Modified-Since', future);
    expect(res.status).toBe(200);
    const ims = await request(server.url).get(`/api/posts/${slug}`).set('If-Modified-Since', first.headers['last-modified']!);
    expect(ims.status).toBe(304);
    const older = await request(server.url).get(`/api/posts/${slug}`).set('If-Modified-Since', 'Mon, 01 Jan 2024 00:00:00 GMT');
    expect(older.status).toBe(200);
    const garbage = await request(server.url).get(`/api/posts/${slug}`).set('If-Modified-Since', 'yesterday');
    expect(garbage.status).toBe(200);
  });

  it('does not apply preconditions to a response that would not be 200', async () => {
    const res = await request(server.url).get('/api/posts/no-such-post').set('If-None-Match', '*');
    expectProblem(res, 404);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const get = await request(server.url).get(`/api/posts/${slug}`);
    const head = await request(server.url).head(`/api/posts/${slug}`);
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
    for (const h of ['etag', 'cache-control', 'content-type', 'vary', 'last-modified', 'access-control-allow-origin']) expect(head.headers[h], h).toBe(get.headers[h]);
    const head304 = await request(server.url).head(`/api/posts/${slug}`).set('If-None-Match', get.headers.etag!);
    expect(head304.status).toBe(304);
  });

  it('redirects a renamed post permanently to its new URL', async () => {
    const res = await request(server.url).get(`/api/posts/${renamed.previousSlugs![0]}`).set('Accept', 'text/markdown');
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`${server.url}/api/posts/${renamed.slug}`);
    expect(res.headers['cache-control']).toMatch(/^public/);
  });

  it('answers 404 problems for unknown, unpublished and malformed slugs, cached briefly', async () => {
    for (const path of ['/api/posts/no-such-post', `/api/posts/${draft.slug}`, '/api/posts/Not%20A%20Slug', '/api/posts/%E2%9C%93']) {
      const res = await request(server.url).get(path);
      expectProblem(res, 404);
      expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+, s-maxage=\d+$/);
    }
  });

  it('answers 410 for a deleted post', async () => {
    const { eq } = await import('drizzle-orm');
    const [victim] = await server.handle.db
      .insert(posts)
      .values({ slug: `deleted-${randomUUID().slice(0, 8)}`, title: 'Gone soon', authorId: await testAuthorId(server.handle.db), status: 'published', publishedAt: new Date(), deletedAt: new Date() })
      .returning();
    const res = await request(server.url).get(`/api/posts/${victim!.slug}`);
    expectProblem(res, 410);
    await server.handle.db.delete(posts).where(eq(posts.id, victim!.id));
  });

  it('answers 405 with Allow for other methods, and a CORS preflight', async () => {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const res = await request(server.url)[method](`/api/posts/${slug}`);
      expectProblem(res, 405);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    }
    const propfind = await request(server.url).propfind(`/api/posts/${slug}`);
    expectProblem(propfind, 405);
    expect(propfind.headers.allow).toBe('GET, HEAD, OPTIONS');
    const pre = await request(server.url)
      .options(`/api/posts/${slug}`)
      .set('Origin', 'https://partner.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'if-none-match');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toContain('GET');
    expect(pre.headers['access-control-allow-headers']).toMatch(/If-None-Match/i);
  });

  it('serves API clients that send React router headers (RSC: 1)', async () => {
    const res = await request(server.url).get(`/api/posts/${slug}`).set('RSC', '1').set('Next-Router-Prefetch', '1');
    expect(res.status).toBe(200);
    expect(res.body.slug).toBe(slug);
  });
});

describe('GET /api/posts', () => {
  it('lists published posts newest first with a Link to the next page', async () => {
    const res = await request(server.url).get('/api/posts?limit=5');
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(5);
    const times = res.body.data.map((p: { publishedAt: string }) => p.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(res.headers.link).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/posts\?limit=5&cursor=[\w-]+>; rel="next"$/);
    expect(res.body.links.next).toBe(res.headers.link!.slice(1, res.headers.link!.indexOf('>')));
  });

  it('defaults to 20 and filters by tag', async () => {
    const all = await request(server.url).get('/api/posts');
    expect(all.body.data).toHaveLength(20);
    const tagged = await request(server.url).get('/api/posts?tag=calendars&limit=100');
    const expected = published.filter((p) => p.tags.includes('calendars')).length;
    expect(tagged.body.data).toHaveLength(expected);
    for (const p of tagged.body.data) expect(p.tags).toContain('calendars');
  });

  it('rejects bad parameters with 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/posts?limit=0', 'limit'],
      ['/api/posts?limit=101', 'limit'],
      ['/api/posts?limit=abc', 'limit'],
      ['/api/posts?limit=1.5', 'limit'],
      ['/api/posts?limit=1&limit=2', 'limit'],
      ['/api/posts?cursor=not-a-cursor', 'cursor'],
      ['/api/posts?cursor=' + Buffer.from('{"t":"x","i":"y"}').toString('base64url'), 'cursor'],
      ['/api/posts?tag=Not%20a%20tag', 'tag'],
      ['/api/posts?tag=no-such-tag', 'tag'],
    ];
    for (const [path, param] of cases) {
      const body = expectProblem(await request(server.url).get(path), 400);
      expect(body['invalid-params'], path).toEqual([expect.objectContaining({ name: param })]);
      expect(String(body.detail)).toContain(param);
    }
  });

  it('answers 304 for an unchanged page and 406 for an unacceptable type', async () => {
    const first = await request(server.url).get('/api/posts?limit=3');
    const again = await request(server.url).get('/api/posts?limit=3').set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
    expect(again.headers.link).toBe(first.headers.link);
    expectProblem(await request(server.url).get('/api/posts').set('Accept', 'text/csv'), 406);
  });

  it('walks every published post exactly once while new posts are published mid-walk', async () => {
    const seen: string[] = [];
    let next: string | null = '/api/posts?limit=7';
    let pages = 0;
    while (next && pages < 50) {
      const res = await request(server.url).get(next);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((p: { slug: string }) => p.slug));
      if (pages === 1) {
        // Two posts published now (newest of all), one at exactly the time of a listed post.
        const sameTime = new Date(res.body.data[0].publishedAt);
        const authorId = await testAuthorId(server.handle.db);
        await server.handle.db.insert(posts).values([
          { slug: `fresh-${randomUUID().slice(0, 8)}`, title: 'Fresh', authorId, status: 'published', publishedAt: new Date() },
          { slug: `twin-${randomUUID().slice(0, 8)}`, title: 'Twin', authorId, status: 'published', publishedAt: new Date(sameTime.getTime() + 1000) },
        ]);
      }
      next = res.body.links.next ? new URL(res.body.links.next).pathname + new URL(res.body.links.next).search : null;
      pages++;
    }
    const expected = published.map((p) => p.slug);
    expect(seen.filter((s) => !s.startsWith('fresh-') && !s.startsWith('twin-')).sort()).toEqual(expected.sort());
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('the warm path', () => {
  it('runs no database query for a cached 200 or 304', async () => {
    const path = '/api/posts/http-caching-checklist';
    const beforeCold = queryCount();
    const cold = await request(server.url).get(path);
    expect(cold.status).toBe(200);
    expect(queryCount() - beforeCold, 'the counter sees the cold read').toBeGreaterThan(0);
    await request(server.url).get('/api/posts?limit=4');
    const before = queryCount();
    const warm = await request(server.url).get(path);
    const notModified = await request(server.url).get(path).set('If-None-Match', cold.headers.etag!);
    const head = await request(server.url).head(path);
    const list = await request(server.url).get('/api/posts?limit=4');
    expect([warm.status, notModified.status, head.status, list.status]).toEqual([200, 304, 200, 200]);
    expect(queryCount() - before).toBe(0);
  });
});
