// Public pages read the same cached helpers as the API, with proper metadata.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPosts } from '@/db/seed/content';
import { startTestServer, type TestServer } from '../helpers/app-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const renamed = seedPosts.find((p) => p.previousSlugs?.length)!;
const unicode = seedPosts.find((p) => /[^\x00-\x7f]/.test(p.title))!;

describe('/posts/{slug}', () => {
  it('renders the post with title, description, canonical URL and Open Graph', async () => {
    const res = await request(server.url).get(`/posts/${renamed.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<link rel="canonical" href="${server.url}/posts/${renamed.slug}"`);
    expect(res.text).toMatch(/<meta property="og:type" content="article"\/>/);
    expect(res.text).toContain(`<meta property="og:url" content="${server.url}/posts/${renamed.slug}"/>`);
    expect(res.text).toMatch(/<meta name="description" content="[^"]+"\/>/);
    expect(res.text).toContain('<h2>');
  });

  it('renders a non-ASCII title intact', async () => {
    const res = await request(server.url).get(`/posts/${unicode.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<h1>${unicode.title.replace(/&/g, '&amp;')}</h1>`);
  });

  it('redirects a former slug permanently', async () => {
    const res = await request(server.url).get(`/posts/${renamed.previousSlugs![0]}`).redirects(0);
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`/posts/${renamed.slug}`);
  });

  it('answers 404 with a not-found page, marked noindex, for unknown and unpublished posts', async () => {
    const draft = seedPosts.find((p) => p.status === 'draft')!;
    for (const path of ['/posts/no-such-post', `/posts/${draft.slug}`, '/posts/BAD%20slug']) {
      const res = await request(server.url).get(path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).toMatch(/<meta name="robots" content="noindex"\/?>/);
      expect(res.text, path).not.toContain(draft.title);
    }
  });
});

describe('/', () => {
  it('links every listed post to its page', async () => {
    const res = await request(server.url).get('/');
    expect(res.text).toMatch(/<a href="\/posts\/[a-z0-9-]+">/);
  });
});
