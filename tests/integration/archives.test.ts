// Reaching every post over plain HTTP: the paged home, tag and author pages, the feeds narrowed
// to an author, /api/tags and /api/authors, and the sitemap. What the pages must list is read
// from the database itself (published, not deleted; newest first, ties by id).
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as cheerio from 'cheerio';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, postTags, tags, tagSlugRedirects } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { testAuthorId } from '../helpers/authors';
import { signIn, submitForm } from '../helpers/cms-client';

let server: TestServer;
const db = () => server.handle.db;
const rows = async <T,>(query: ReturnType<typeof sql>) => ((await db().execute(query)) as unknown as { rows: T[] }).rows;

const AUTHOR = { slug: 'priya-raghavan', name: 'Priya Raghavan' };
const TAG = 'feeds';

beforeAll(async () => {
  server = await startTestServer();
  // Before any request (nothing cached yet): enough posts for three home pages, a tie on
  // publishedAt across a page boundary, and a tag and an author that only drafts use.
  const [priya] = await rows<{ id: string }>(sql`select id from authors where slug = ${AUTHOR.slug}`);
  const base = Date.UTC(2024, 5, 1);
  for (let i = 0; i < 30; i++) {
    const [row] = await db()
      .insert(posts)
      .values({
        slug: `archive-${i}-${randomUUID().slice(0, 6)}`,
        title: `Archive post ${i}`,
        summary: `Number ${i}.`,
        authorId: priya!.id,
        status: 'published',
        // Pairs share a time: the order among them is by id.
        publishedAt: new Date(base + Math.floor(i / 2) * 3_600_000),
      })
      .returning({ id: posts.id });
    if (i % 2 === 0) await db().insert(postTags).values({ postId: row!.id, tagSlug: TAG });
  }
  const drafter = await testAuthorId(db(), 'Dora Drafts');
  await db().insert(tags).values({ slug: 'draft-only', name: 'Draft only' });
  const [draft] = await db().insert(posts).values({ slug: `draft-${randomUUID().slice(0, 6)}`, title: 'A draft', authorId: drafter, status: 'draft' }).returning({ id: posts.id });
  await db().insert(postTags).values({ postId: draft!.id, tagSlug: 'draft-only' });
  await db().insert(tagSlugRedirects).values({ slug: 'web-feeds', tagSlug: TAG });
});
afterAll(async () => {
  await server?.close();
});

/** Published slugs, newest first, optionally narrowed by SQL on `p`. */
async function expected(where = sql`true`): Promise<string[]> {
  const found = await rows<{ slug: string }>(
    sql`select p.slug from posts p join authors a on a.id = p.author_id where p.status = 'published' and p.deleted_at is null and ${where} order by p.published_at desc, p.id desc`,
  );
  return found.map((r) => r.slug);
}
const byTag = (tag: string) => sql`exists (select 1 from post_tags t where t.post_id = p.id and t.tag_slug = ${tag})`;
const byAuthor = (slug: string) => sql`a.slug = ${slug}`;

// Plain HTTP: fetch reads the whole body before anything else happens.
async function get(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
  return { res, text: await res.text() };
}

/** Follow rel="next" from `start` to the last page; every page's post slugs, and the paths visited. */
async function walk(start: string, rel: 'next' | 'prev' = 'next') {
  const pages: string[][] = [];
  const paths: string[] = [];
  for (let path: string | undefined = start; path; ) {
    const { res, text } = await get(path);
    expect(res.status, path).toBe(200);
    const $ = cheerio.load(text);
    pages.push($('ol.post-list > li h2 a').map((_, a) => $(a).attr('href')!.replace('/posts/', '')).get());
    paths.push(path);
    expect(pages.length, 'paging ends').toBeLessThan(20);
    path = $(`nav[aria-label="Pagination"] a[rel="${rel}"]`).attr('href');
  }
  return { pages, paths };
}

/** The rel="alternate" links of one type in the head, as paths (Next may make them absolute). */
function alternates($: cheerio.CheerioAPI, type: string): string[] {
  return $(`head link[rel="alternate"][type="${type}"]`)
    .map((_, l) => {
      const url = new URL($(l).attr('href')!, server.url);
      return url.pathname + url.search;
    })
    .get();
}

describe('the home page', () => {
  it('pages from first to last through every published post exactly once, newest first', async () => {
    const all = await expected();
    expect(all.length).toBeGreaterThan(40);
    const { pages, paths } = await walk('/');
    expect(pages.length).toBe(Math.ceil(all.length / 20));
    expect(pages.flat()).toEqual(all);
    expect(new Set(pages.flat()).size).toBe(all.length);
    // And back again with rel="prev": the same pages in reverse.
    const back = await walk(paths.at(-1)!, 'prev');
    expect(back.pages).toEqual([...pages].reverse());
    // The first page has one URL: "Newer posts" from the second page is `/` itself.
    expect(back.paths.at(-1)).toBe('/');
  });

  it('shows a clear message, not an error, for a tampered cursor', async () => {
    for (const path of ['/?cursor=not-a-cursor', '/?cursor=%3Cscript%3E', `/?cursor=${Buffer.from('{"t":"x","i":"y"}').toString('base64url')}`, '/?cursor=a&cursor=b', '/?cursor=a&before=b']) {
      const { res, text } = await get(path);
      expect(res.status, path).toBeLessThan(500);
      expect(text, path).toContain('This page link is not valid');
    }
  });
});

describe('tag and author pages', () => {
  it('a tag page lists exactly that tag\'s posts, paged, under the tag\'s name, with its feeds', async () => {
    const { pages, paths } = await walk(`/tags/${TAG}`);
    expect(pages.flat()).toEqual(await expected(byTag(TAG)));
    // Each page of the series names itself as canonical, cursor included (never page 1).
    for (const path of paths) expect(cheerio.load((await get(path)).text)('link[rel="canonical"]').attr('href'), path).toBe(`${server.url}${path}`);
    const { text } = await get(`/tags/${TAG}`);
    const $ = cheerio.load(text);
    expect($('h1').text()).toBe('Posts tagged Feeds');
    expect(alternates($, 'application/rss+xml')).toEqual([`/feed.xml?tag=${TAG}`, '/feed.xml']);
    expect(alternates($, 'application/atom+xml')).toEqual([`/atom.xml?tag=${TAG}`, '/atom.xml']);
    expect(alternates($, 'application/feed+json')).toEqual([`/feed.json?tag=${TAG}`, '/feed.json']);
    expect($(`main a[href="/feed.xml?tag=${TAG}"]`).length).toBe(1);
    expect($('link[rel="canonical"]').attr('href')).toBe(`${server.url}/tags/${TAG}`);
  });

  it('an author page shows the name and bio and lists exactly their posts, with their feeds', async () => {
    const { pages } = await walk(`/authors/${AUTHOR.slug}`);
    expect(pages.flat()).toEqual(await expected(byAuthor(AUTHOR.slug)));
    const { text } = await get(`/authors/${AUTHOR.slug}`);
    const $ = cheerio.load(text);
    expect($('h1').text()).toBe(AUTHOR.name);
    expect($('main').text()).toContain('Works on feeds, calendars and the formats partners read.');
    expect(alternates($, 'application/rss+xml')).toEqual([`/feed.xml?author=${AUTHOR.slug}`, '/feed.xml']);
    expect(alternates($, 'application/feed+json')).toEqual([`/feed.json?author=${AUTHOR.slug}`, '/feed.json']);
    expect($(`main a[href="/feed.json?author=${AUTHOR.slug}"]`).length).toBe(1);
  });

  it('unknown tags and authors, and a tag only drafts use, answer 404 with the not-found page', async () => {
    for (const path of ['/tags/no-such-tag', '/tags/draft-only', '/tags/BAD%20slug', '/authors/no-such-author', '/authors/dora-drafts']) {
      const { res, text } = await get(path);
      // On the wire: the proxy's gate (lib/site/page-gate.ts).
      expect(res.status, path).toBe(404);
      expect(text, path).toMatch(/<meta name="robots" content="noindex"\/?>/);
      expect(text, path).not.toContain('Posts tagged');
    }
  });

  it('a renamed tag\'s former slug redirects to the current one', async () => {
    const { res } = await get('/tags/web-feeds');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`/tags/${TAG}`);
  });
});

describe('the posts feeds narrowed by ?author=', () => {
  it('RSS and Atom parse and hold only that author\'s posts, titled with their name', async () => {
    const theirs = await expected(byAuthor(AUTHOR.slug));
    for (const path of ['/feed.xml', '/atom.xml']) {
      const { res, text } = await get(`${path}?author=${AUTHOR.slug}`);
      expect(res.status, path).toBe(200);
      expect(XMLValidator.validate(text)).toBe(true);
      const feed = await new Parser().parseString(text);
      expect(feed.title).toBe(`Gazette: posts by ${AUTHOR.name}`);
      expect(feed.items.map((i) => i.link!.replace(`${server.url}/posts/`, ''))).toEqual(theirs.slice(0, 50));
      if (path === '/feed.xml') for (const item of feed.items) expect(item.creator).toBe(AUTHOR.name);
    }
  });

  it('JSON Feed holds only their posts; with ?tag= both narrow it', async () => {
    const { text } = await get(`/feed.json?author=${AUTHOR.slug}&tag=${TAG}`);
    const feed = JSON.parse(text) as { title: string; items: { url: string; authors: { name: string }[] }[] };
    expect(feed.items.map((i) => i.url.replace(`${server.url}/posts/`, ''))).toEqual(await expected(sql`${byAuthor(AUTHOR.slug)} and ${byTag(TAG)}`));
    expect(feed.title).toBe(`Gazette: posts tagged ${TAG} by ${AUTHOR.name}`);
  });

  it('an unknown author is a 400 problem naming the parameter, in the feeds and /api/posts', async () => {
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json', '/api/posts']) {
      const { res, text } = await get(`${path}?author=no-such-author`);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(text)['invalid-params'][0].name).toBe('author');
    }
  });

  it('/api/posts?author= pages through exactly their posts', async () => {
    const seen: string[] = [];
    for (let next: string | null = `${server.url}/api/posts?author=${AUTHOR.slug}&limit=7`; next; ) {
      const body = (await (await fetch(next)).json()) as { data: { slug: string; author: string }[]; links: { next: string | null } };
      seen.push(...body.data.map((p) => p.slug));
      next = body.links.next;
    }
    expect(seen).toEqual(await expected(byAuthor(AUTHOR.slug)));
  });
});

describe('GET /api/tags and GET /api/authors', () => {
  let doc: { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: object }> }> } }>; components: object };
  beforeAll(async () => {
    doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as typeof doc;
  });
  function conforms(path: string, body: unknown) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    const schema = doc.paths[path]!.get.responses['200']!.content!['application/json']!.schema;
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
    validate(body);
    expect(validate.errors ?? [], path).toEqual([]);
  }

  it('/api/tags lists every tag with a published post, with counts and URLs, as documented', async () => {
    const { res, text } = await get('/api/tags');
    expect(res.status).toBe(200);
    const body = JSON.parse(text) as { data: { slug: string; name: string; postCount: number; links: { html: string; feeds: { rss: string } } }[] };
    conforms('/api/tags', body);
    const counts = await rows<{ slug: string; n: number }>(
      sql`select t.tag_slug as slug, count(*)::int as n from post_tags t join posts p on p.id = t.post_id where p.status = 'published' and p.deleted_at is null group by t.tag_slug order by t.tag_slug`,
    );
    expect(body.data.map((t) => [t.slug, t.postCount])).toEqual(counts.map((c) => [c.slug, c.n]));
    expect(body.data.map((t) => t.slug)).not.toContain('draft-only');
    const feeds = body.data.find((t) => t.slug === TAG)!;
    expect(feeds.links.html).toBe(`${server.url}/tags/${TAG}`);
    expect(feeds.links.feeds.rss).toBe(`${server.url}/feed.xml?tag=${TAG}`);
  });

  it('/api/authors lists every author with a published post, with name, bio, count and URLs, as documented', async () => {
    const { text } = await get('/api/authors');
    const body = JSON.parse(text) as { data: { slug: string; name: string; bio: string; postCount: number; links: { html: string } }[] };
    conforms('/api/authors', body);
    const counts = await rows<{ slug: string; n: number }>(
      sql`select a.slug, count(*)::int as n from posts p join authors a on a.id = p.author_id where p.status = 'published' and p.deleted_at is null group by a.slug order by a.slug`,
    );
    expect(body.data.map((a) => [a.slug, a.postCount])).toEqual(counts.map((c) => [c.slug, c.n]));
    const priya = body.data.find((a) => a.slug === AUTHOR.slug)!;
    expect(priya).toMatchObject({ name: AUTHOR.name, links: { html: `${server.url}/authors/${AUTHOR.slug}` } });
    expect(body.data.map((a) => a.slug)).not.toContain('dora-drafts');
  });

  for (const path of ['/api/tags', '/api/authors']) {
    it(`${path} follows the HTTP rules: ETag and 304, HEAD, cache policy, 405 with Allow, 406`, async () => {
      const { res } = await get(path);
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^W\//);
      expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+, s-maxage=\d+/);
      // No date could be trusted (a tag edit has none; an unpublished post drops out of the newest): the ETag validates.
      expect(res.headers.get('last-modified')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/Accept/);
      const again = await get(path, { headers: { 'If-None-Match': etag } });
      expect(again.res.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.res.headers.get('etag')).toBe(etag);
      const head = await get(path, { method: 'HEAD' });
      expect(head.res.status).toBe(200);
      expect(head.text).toBe('');
      expect(head.res.headers.get('etag')).toBe(etag);
      const post = await get(path, { method: 'POST' });
      expect(post.res.status).toBe(405);
      expect(post.res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(post.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const png = await get(path, { headers: { Accept: 'image/png' } });
      expect(png.res.status).toBe(406);
    });
  }
});

describe('the sitemap', () => {
  it('lists every published post and the tag and author pages, and parses as XML', async () => {
    const { res, text } = await get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(XMLValidator.validate(text)).toBe(true);
    const urls = (new XMLParser({ isArray: (n) => n === 'url' }).parse(text).urlset.url as { loc: string; lastmod?: string }[]);
    const locs = urls.map((u) => u.loc);
    for (const slug of await expected()) expect(locs).toContain(`${server.url}/posts/${slug}`);
    expect(locs).toContain(`${server.url}/tags/${TAG}`);
    expect(locs).toContain(`${server.url}/authors/${AUTHOR.slug}`);
    expect(locs).not.toContain(`${server.url}/tags/draft-only`);
    expect(urls.find((u) => u.loc === `${server.url}/tags/${TAG}`)!.lastmod).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(new Set(locs).size).toBe(locs.length);
    // Under 50,000 URLs it is a plain sitemap: no index files.
    expect((await get('/sitemap/0.xml')).res.status).toBe(404);
    const again = await get('/sitemap.xml', { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(again.res.status).toBe(304);
  });

  it('robots.txt points at it', async () => {
    const { text } = await get('/robots.txt');
    expect(text).toContain(`Sitemap: ${server.url}/sitemap.xml`);
  });
});

describe('edits in the CMS reach the directories at once', () => {
  it('a tag\'s new name and an author\'s new bio show on their pages and in the API', async () => {
    const editor = await signIn(server.url, 'editor');
    const admin = await signIn(server.url, 'admin');
    // Warm every reader first, so a missed invalidation would show the old text.
    for (const path of ['/api/tags', '/api/authors', `/tags/${TAG}`, `/authors/${AUTHOR.slug}`]) await get(path);
    const authorsBefore = (await get('/api/authors')).res.headers;
    const tagEdit = await submitForm(server.url, '/cms/tags', editor, { form: `form[aria-label="Edit tag ${TAG}"]`, fields: { name: 'Web feeds', slug: TAG, description: 'RSS, Atom and JSON Feed.' } });
    expect(tagEdit.outcome).toBe('redirected');
    const bio = 'Now writes about sitemaps too.';
    const authorEdit = await submitForm(server.url, '/cms/authors', admin, { form: `form[aria-label="Edit author ${AUTHOR.slug}"]`, fields: { name: AUTHOR.name, bio } });
    expect(authorEdit.outcome).toBe('redirected');

    const tagsDoc = JSON.parse((await get('/api/tags')).text) as { data: { slug: string; name: string; description: string }[] };
    expect(tagsDoc.data.find((t) => t.slug === TAG)).toMatchObject({ name: 'Web feeds', description: 'RSS, Atom and JSON Feed.' });
    expect(cheerio.load((await get(`/tags/${TAG}`)).text)('h1').text()).toBe('Posts tagged Web feeds');
    const authorsAfter = await get('/api/authors', { headers: { 'If-None-Match': authorsBefore.get('etag')! } });
    expect(authorsAfter.res.status).toBe(200);
    const authorsDoc = JSON.parse(authorsAfter.text) as { data: { slug: string; bio: string }[] };
    expect(authorsDoc.data.find((a) => a.slug === AUTHOR.slug)!.bio).toBe(bio);
    expect(cheerio.load((await get(`/authors/${AUTHOR.slug}`)).text)('main').text()).toContain(bio);
  });
});
