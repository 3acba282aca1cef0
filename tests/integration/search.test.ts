// Search (GET /api/search and the /search page) against the production server over plain HTTP:
// relevance on the demo content, paging, the HTTP rules of SPEC §3, hostile queries, and
// excerpts that cannot carry the post's own markup.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCount } from '@/db/client';
import { posts } from '@/db/schema';
import { seedPosts } from '@/db/seed/content';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { testAuthorId } from '../helpers/authors';

let server: TestServer;
// A published post whose text is hostile markup, and a deleted one: neither exists in the demo
// content. Inserted before any search, so no cached answer predates them.
const HOSTILE_SLUG = 'search-test-hostile-markup';
beforeAll(async () => {
  server = await startTestServer();
  const authorId = await testAuthorId(server.handle.db);
  await server.handle.db.insert(posts).values([
    {
      slug: HOSTILE_SLUG,
      title: 'Quokkaquery <b>bold</b> title',
      summary: 'Quokkaquery summary with <script>alert("x")</script> and <mark>fake</mark> marks & ampersands.',
      body: 'The quokkaquery body: <img src=x onerror=alert(1)> "quotes" \u27E6quokkaquery\u27E7 <a href="javascript:alert(1)">link</a> \'single\' </mark> a < b > c.',
      authorId,
      status: 'published',
      publishedAt: new Date('2026-01-02T03:04:05Z'),
    },
    { slug: 'search-test-deleted', title: 'Zanzibarquux deleted', authorId, status: 'published', publishedAt: new Date(), deletedAt: new Date() },
    { slug: 'search-test-draft', title: 'Zanzibarquux draft', authorId, status: 'draft' },
  ]);
});
afterAll(async () => {
  await server?.close();
});

type Hit = { slug: string; title: string; author: string; excerpt: { text: string; html: string } };
type Doc = { apiVersion: number; query: string; data: Hit[]; links: { self: string; next: string | null } };

async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(server.url + path, { method, headers, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}
const search = async (q: string, extra = '') => {
  const res = await get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status, `${q}: ${res.text.slice(0, 300)}`).toBe(200);
  return JSON.parse(res.text) as Doc;
};
/** The excerpt's HTML has no markup but balanced <mark>s: no other `<` from the content. */
const expectSafeExcerpt = (html: string) => {
  expect(html.replace(/<\/?mark>/g, ''), html).not.toMatch(/[<>"']/);
  expect((html.match(/<mark>/g) ?? []).length, html).toBe((html.match(/<\/mark>/g) ?? []).length);
};
async function expectProblem(path: string, status: number, param?: string) {
  const res = await get(path);
  expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.text) as { status: number; 'invalid-params'?: { name: string }[] };
  expect(body.status).toBe(status);
  if (param) expect(body['invalid-params']?.map((p) => p.name)).toContain(param);
  expect(res.text).not.toMatch(/at \w+ \(|node_modules|select |drizzle|PGlite|tsquery/i);
}

const published = new Set(seedPosts.filter((p) => p.status === 'published').map((p) => p.slug));

describe('GET /api/search: relevance on the demo content', () => {
  it.each([
    ['full-text search', 'postgres-full-text-search'],
    ['postgres full text', 'postgres-full-text-search'],
    ['  Postgres   FULL-TEXT  ', 'postgres-full-text-search'],
    ['etag', 'etags-explained'],
    ['cdn caching', 'cdn-cache-control'],
    ['redirect renamed slug', 'permanent-redirects-308'],
  ])('ranks the right post first for %j', async (q, slug) => {
    const doc = await search(q);
    expect(doc.data[0]?.slug, doc.data.map((h) => h.slug).join(', ')).toBe(slug);
  });

  it('answers the document shape of the API, with highlighted excerpts', async () => {
    const doc = await search('Postgres  Full Text');
    expect(doc).toMatchObject({ apiVersion: 1, query: 'postgres full text', links: { self: `${server.url}/api/search?q=postgres+full+text`, next: null } });
    const hit = doc.data[0]!;
    expect(hit).toMatchObject({ slug: 'postgres-full-text-search', author: 'Maya Okonkwo', links: { html: `${server.url}/posts/postgres-full-text-search` } });
    expect(hit.excerpt.html).toContain('<mark>Postgres</mark>');
    expect(hit.excerpt.text).not.toMatch(/[<>\u27E6\u27E7]/);
    expect(hit.excerpt.text).toBe(cheerio.load(`<p>${hit.excerpt.html}</p>`)('p').text());
  });

  it('finds only published, not deleted posts', async () => {
    expect((await search('zanzibarquux')).data).toEqual([]);
    for (const q of ['websub', 'structured data', 'feeds', 'calendar']) {
      for (const hit of (await search(q, '&limit=50')).data) expect(published.has(hit.slug), `${q}: ${hit.slug}`).toBe(true);
    }
  });

  it('conforms to its OpenAPI description', async () => {
    const doc = JSON.parse((await get('/api/openapi.json')).text) as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }>; components: object };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    const schema = JSON.parse(JSON.stringify(doc.paths['/api/search']!.get.responses['200']!.content['application/json']!.schema).replaceAll('"#/components/', '"doc#/components/'));
    const validate = ajv.compile(schema);
    for (const q of ['etag', 'quokkaquery', 'nothing-matches-this']) {
      expect(validate(await search(q)), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

describe('GET /api/search: paging', () => {
  it('walks every hit once through the cursor links, in the order of one big page, and ends', async () => {
    const all = (await search('http', '&limit=50')).data.map((h) => h.slug);
    expect(all.length).toBeGreaterThan(6);
    const seen: string[] = [];
    let next: string | null = `/api/search?q=http&limit=3`;
    let pages = 0;
    while (next && pages < 50) {
      const res = await get(next);
      expect(res.status).toBe(200);
      const doc = JSON.parse(res.text) as Doc;
      expect(doc.data.length).toBeLessThanOrEqual(3);
      seen.push(...doc.data.map((h) => h.slug));
      if (doc.links.next) expect(res.headers.get('link')).toBe(`<${doc.links.next}>; rel="next"`);
      else expect(res.headers.get('link')).toBeNull();
      next = doc.links.next ? new URL(doc.links.next).pathname + new URL(doc.links.next).search : null;
      pages++;
    }
    expect(next).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all);
  });

  it('refuses a tampered cursor, and a cursor of another query, with 400', async () => {
    const next = (await search('http', '&limit=2')).links.next!;
    const cursor = new URL(next).searchParams.get('cursor')!;
    await expectProblem(`/api/search?q=etag&cursor=${cursor}`, 400, 'cursor');
    await expectProblem(`/api/search?q=http&cursor=${cursor.slice(0, -2)}`, 400, 'cursor');
    await expectProblem(`/api/search?q=http&cursor=${Buffer.from('{"r":"1","t":"2020-01-01T00:00:00.000000Z","i":"x","h":"y"}').toString('base64url')}`, 400, 'cursor');
    await expectProblem('/api/search?q=http&cursor=%27%3B--', 400, 'cursor');
  });
});

describe('GET /api/search: HTTP rules', () => {
  it('sends validators, the search cache policy, Vary and CORS, and answers 304 to If-None-Match', async () => {
    const res = await get('/api/search?q=etag');
    expect(res.headers.get('content-type')).toBe('application/json');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=60, stale-while-revalidate=300, stale-if-error=3600');
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=60/);
    expect(res.headers.get('vary')).toMatch(/\bAccept\b/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    // The same normalised query is the same cached answer.
    expect((await get('/api/search?q=%20ETAG%20')).headers.get('etag')).toBe(etag);
    for (const inm of [etag, `"nope", ${etag}`, etag.replace(/^W\//, ''), '*']) {
      const again = await get('/api/search?q=etag', { 'if-none-match': inm });
      expect(again.status, inm).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toBe(res.headers.get('cache-control'));
    }
    expect((await get('/api/search?q=etag', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('runs no database query for a cached 200, 304 or HEAD of the same normalised query', async () => {
    const beforeCold = queryCount();
    const cold = await get('/api/search?q=conditional+requests');
    expect(queryCount() - beforeCold, 'the counter sees the cold read').toBeGreaterThan(0);
    const before = queryCount();
    const warm = await get('/api/search?q=Conditional%20%20Requests');
    const notModified = await get('/api/search?q=conditional+requests', { 'if-none-match': cold.headers.get('etag')! });
    const head = await get('/api/search?q=conditional+requests', {}, 'HEAD');
    expect([warm.status, notModified.status, head.status]).toEqual([200, 304, 200]);
    expect(queryCount() - before).toBe(0);
  });

  it('answers HEAD with the same headers and no body', async () => {
    const full = await get('/api/search?q=etag');
    const head = await get('/api/search?q=etag', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    for (const name of ['etag', 'cache-control', 'content-type', 'vary']) expect(head.headers.get(name), name).toBe(full.headers.get(name));
  });

  it('answers 405 with Allow to other methods, 406 to an unacceptable Accept', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await get('/api/search?q=etag', {}, method);
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await get('/api/search?q=etag', { accept: 'text/csv' })).status).toBe(406);
  });

  it('answers 400 problems naming the parameter for a missing, empty, long or control-character query and a bad limit', async () => {
    await expectProblem('/api/search', 400, 'q');
    await expectProblem('/api/search?q=', 400, 'q');
    await expectProblem('/api/search?q=%20%20%20', 400, 'q');
    await expectProblem(`/api/search?q=${'a'.repeat(201)}`, 400, 'q');
    await expectProblem(`/api/search?q=${'x'.repeat(10_000)}`, 400, 'q');
    for (const c of ['%00', '%07', '%0A', '%1B', '%7F', '%C2%9B']) await expectProblem(`/api/search?q=a${c}b`, 400, 'q');
    await expectProblem('/api/search?q=a&q=b', 400, 'q');
    for (const limit of ['0', '51', '-1', '1.5', 'abc', '']) await expectProblem(`/api/search?q=etag&limit=${limit}`, 400, 'limit');
  });
});

describe('GET /api/search: hostile queries', () => {
  const HOSTILE = [
    '&', '|', '!', ':*', 'a:*', '!!', '&|!', '"', "'", '""', '"unbalanced', "it's", '<script>alert(1)</script>', '<mark>', '((', ')', '(etag', 'etag)',
    'the', 'the and of a', 'or', 'or or', '-', '--', '-etag', 'etag -etag', '😀', '👩‍💻 etag', '\u200b', '\u27E6etag\u27E7', '\\', '\\x00', '%', '_',
    "'; drop table posts; --", "1' or '1'='1", 'etag) | (select 1', "' union select * from user --", '$1', '::tsquery', "to_tsquery('x')",
    'x'.repeat(200), 'é'.repeat(200), '😀'.repeat(50), 'a '.repeat(100), '"a" '.repeat(50), 'ｅｔａｇ', 'ETAG', '\u0130stanbul',
  ];

  it('answers every one with 400 or a valid page (never 5xx), and excerpts carry no markup of the content', async () => {
    for (const q of HOSTILE) {
      const res = await get(`/api/search?q=${encodeURIComponent(q)}`);
      expect([200, 400], `${JSON.stringify(q)}: ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status);
      if (res.status !== 200) continue;
      const doc = JSON.parse(res.text) as Doc;
      for (const hit of doc.data) expectSafeExcerpt(hit.excerpt.html);
    }
  });

  it('escapes the markup a post contains and highlights only the matches', async () => {
    const doc = await search('quokkaquery');
    const hit = doc.data.find((h) => h.slug === HOSTILE_SLUG)!;
    expect(hit.title).toBe('Quokkaquery <b>bold</b> title');
    expectSafeExcerpt(hit.excerpt.html);
    expect(hit.excerpt.html).toContain('<mark>quokkaquery</mark>');
    expect(hit.excerpt.html).toMatch(/&#38;|&#60;|&#34;|&#39;/);
    expect(hit.excerpt.text).toContain('&');
  });
});

describe('/search page', () => {
  it('asks for a query with a labelled search form that works without JavaScript, marked noindex', async () => {
    const res = await get('/search');
    expect(res.status).toBe(200);
    const $ = cheerio.load(res.text);
    const form = $('form[role=search]');
    expect(form.attr('method')).toBe('get');
    expect(form.attr('action')).toBe('/search');
    const input = form.find('input[name=q]');
    expect($(`label[for="${input.attr('id')}"]`).text()).toMatch(/search/i);
    expect($('[data-testid=search-message]').text()).toMatch(/type a word/i);
    expect($('meta[name=robots]').attr('content')).toMatch(/noindex/);
  });

  it('is not in the sitemap (result pages are noindex)', async () => {
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.status).toBe(200);
    expect(sitemap.text).toContain('/posts/postgres-full-text-search</loc>');
    expect(sitemap.text).not.toMatch(/\/search<\/loc>/);
  });

  it('lists the hits with title links, byline, date and highlighted excerpts, and pages on', async () => {
    const res = await get('/search?q=postgres+full+text');
    expect(res.status).toBe(200);
    const $ = cheerio.load(res.text);
    const first = $('[data-testid=search-results] > li').first();
    expect(first.find('h2 a').attr('href')).toBe('/posts/postgres-full-text-search');
    expect(first.find('.meta').text()).toContain('Maya Okonkwo');
    expect(first.find('time').attr('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(first.find('mark').first().text()).toBe('Postgres');
    expect($('input[name=q]').val()).toBe('postgres full text');

    const seen: string[] = [];
    let path: string | undefined = '/search?q=http';
    for (let i = 0; path && i < 20; i++) {
      const page = cheerio.load((await get(path)).text);
      seen.push(...page('[data-testid=search-results] h2 a').map((_, a) => page(a).attr('href')!).get());
      path = page('a[rel=next]').attr('href');
    }
    expect(path).toBeUndefined();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await search('http', '&limit=50')).data.length);
  });

  it('escapes a post\'s markup in the page', async () => {
    const res = await get('/search?q=quokkaquery');
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<script>alert|<img src=x|<b>bold|<mark>fake/);
    const $ = cheerio.load(res.text);
    const excerpt = $('[data-testid=search-results] li').first().find('[data-testid=search-excerpt]');
    expect(excerpt.children().toArray().every((el) => el.tagName === 'mark')).toBe(true);
    // ts_headline drops some tags and keeps others half (`<img src=x …`): shown as text, never parsed.
    expect(excerpt.text()).toMatch(/<img src=x|alert\(/);
  });

  it('says so, with 200, for no results, a bad query and a bad page link', async () => {
    const cases: [string, RegExp][] = [
      ['/search?q=zzzzqqqqxx', /no posts match/i],
      ['/search?q=the', /no posts match/i],
      ['/search?q=%20%20', /type a word/i],
      [`/search?q=${'a'.repeat(300)}`, /at most 200 characters/],
      ['/search?q=a%00b', /control characters/],
      ['/search?q=etag&cursor=nope', /not valid/],
      ['/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /.+/],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(cheerio.load(res.text)('main').text(), path).toMatch(message);
      expect(res.text, path).not.toContain('<script>alert(1)');
    }
  });
});
