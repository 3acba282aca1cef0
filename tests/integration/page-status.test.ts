// The status of a post, tag or author page is on the wire, for a plain HTTP client (no JavaScript,
// no browser): 404 for nothing, 410 for a deleted post, 308 for a former slug, HEAD alike, through
// a publish → rename → unpublish → delete cycle made in the CMS. Decided by the proxy's gate
// (lib/site/page-gate.ts) because a page cannot set it under cacheComponents (vercel/next.js#98518).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCount } from '@/db/client';
import { authors, posts, tags } from '@/db/schema';
import { seedPosts } from '@/db/seed/content';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { signIn, submitForm, type CookieJar } from '../helpers/cms-client';

let server: TestServer;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer();
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
});

/** A plain request, redirects not followed, the body read to its end. */
async function fetchPage(path: string, method: 'GET' | 'HEAD' = 'GET') {
  const res = await fetch(server.url + path, { method, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** GET and HEAD agree on the status and headers; HEAD has no body. */
async function expectStatus(path: string, status: number) {
  const get = await fetchPage(path);
  const head = await fetchPage(path, 'HEAD');
  expect(get.status, `GET ${path}`).toBe(status);
  expect(head.status, `HEAD ${path}`).toBe(status);
  expect(head.body).toBe('');
  expect(head.headers.get('location')).toBe(get.headers.get('location'));
  return get;
}

function expectStatusPage(page: Awaited<ReturnType<typeof fetchPage>>, status: 404 | 410) {
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  // Briefly cached (a storm of bad URLs stays at the CDN; a new post appears within a minute).
  expect(page.headers.get('cache-control')).toMatch(/^public, max-age=\d+, s-maxage=\d+$/);
  expect(page.body).toContain('<meta name="robots" content="noindex">');
  expect(page.body).toContain(status === 410 ? 'was removed' : 'Page not found');
  expect(page.body).toMatch(/<a href="\/feed.xml">/);
}

const renamed = seedPosts.find((p) => p.previousSlugs?.length)!;

describe('post pages', () => {
  it('answers 404 for an unknown or malformed slug, with a page for readers', async () => {
    for (const path of ['/posts/no-such-post', '/posts/Not%20A%20Slug', '/posts/%E2%9C%93', `/posts/${'a'.repeat(300)}`]) {
      expectStatusPage(await expectStatus(path, 404), 404);
    }
  });

  it('redirects a former slug with 308 to the current page, keeping the query', async () => {
    const page = await expectStatus(`/posts/${renamed.previousSlugs![0]}?ref=old`, 308);
    expect(page.headers.get('location')).toBe(`/posts/${renamed.slug}?ref=old`);
    await expectStatus(`/posts/${renamed.slug}`, 200);
  });

  // Before any CMS change in this file: a change's after-commit work (webhook deliveries) queries
  // in the background, and the counter is the process's.
  it('runs no database query to decide the status of a warm page', async () => {
    for (const path of [`/posts/${renamed.slug}`, '/posts/no-such-post', `/posts/${renamed.previousSlugs![0]}`]) await fetchPage(path);
    const before = queryCount();
    const answers = [];
    for (const path of [`/posts/${renamed.slug}`, '/posts/no-such-post', `/posts/${renamed.previousSlugs![0]}`]) answers.push((await fetchPage(path)).status);
    expect(answers).toEqual([200, 404, 308]);
    expect(queryCount() - before).toBe(0);
  });

  it('follows a post through publish, rename, unpublish and delete', async () => {
    // Warm the gate's cache for both slugs first, so a stale answer would show.
    await fetchPage('/posts/status-cycle');
    await fetchPage('/posts/status-cycle-renamed');
    const created = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title: 'Status cycle', slug: 'status-cycle', summary: 'A summary.', body: 'Body.', tags: '' },
      submit: { intent: 'publish' },
    });
    expect(created.outcome, created.messages.join(' | ') + created.fieldErrors.join(' | ')).toBe('redirected');
    const [post] = await server.handle.db.select({ id: posts.id }).from(posts).where(eq(posts.slug, 'status-cycle'));
    const page = await expectStatus('/posts/status-cycle', 200);
    expect(page.body).toContain('<h1>Status cycle</h1>');

    await submitForm(server.url, `/cms/posts/${post!.id}`, editor, { fields: { slug: 'status-cycle-renamed' }, submit: { intent: 'publish' } });
    expect((await expectStatus('/posts/status-cycle', 308)).headers.get('location')).toBe('/posts/status-cycle-renamed');
    await expectStatus('/posts/status-cycle-renamed', 200);

    await submitForm(server.url, `/cms/posts/${post!.id}`, editor, { submit: { intent: 'unpublish' } });
    expectStatusPage(await expectStatus('/posts/status-cycle-renamed', 404), 404);
    await expectStatus('/posts/status-cycle', 404);

    await submitForm(server.url, `/cms/posts/${post!.id}`, editor, { submit: { intent: 'publish' } });
    await expectStatus('/posts/status-cycle-renamed', 200);
    const deleted = await submitForm(server.url, `/cms/posts/${post!.id}`, editor, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
    expect(deleted.outcome).toBe('redirected');
    expectStatusPage(await expectStatus('/posts/status-cycle-renamed', 410), 410);
    await expectStatus('/posts/status-cycle', 410);
  });

});

describe('tag and author pages', () => {
  it('answers 404 for an unknown tag or author, and for a tag no published post carries', async () => {
    await server.handle.db.insert(tags).values({ slug: 'empty-tag', name: 'Empty' }).onConflictDoNothing();
    for (const path of ['/tags/no-such-tag', '/tags/empty-tag', '/authors/no-such-author', '/tags/Bad%20Tag']) {
      expectStatusPage(await expectStatus(path, 404), 404);
    }
  });

  it('answers 200 for a tag and an author with published posts', async () => {
    const post = seedPosts.find((p) => p.status === 'published')!;
    await expectStatus(`/tags/${post.tags[0]}`, 200);
    const [author] = await server.handle.db.select({ slug: authors.slug }).from(authors).innerJoin(posts, eq(posts.authorId, authors.id)).where(eq(posts.status, 'published')).limit(1);
    await expectStatus(`/authors/${author!.slug}`, 200);
  });

  it('follows a tag renamed in the CMS: the former slug 308s to the new page at once', async () => {
    const created = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title: 'Tagged for the gate', slug: 'tagged-for-the-gate', summary: 'A summary.', body: 'Body.', tags: 'gate-old' },
      submit: { intent: 'publish' },
    });
    expect(created.outcome, created.messages.join(' | ') + created.fieldErrors.join(' | ')).toBe('redirected');
    // Warm both answers first, so a stale one would show.
    await expectStatus('/tags/gate-old', 200);
    await expectStatus('/tags/gate-new', 404);
    const renamed = await submitForm(server.url, '/cms/tags', editor, {
      form: 'form[aria-label="Edit tag gate-old"]',
      fields: { name: 'Gate', slug: 'gate-new', description: '' },
    });
    expect(renamed.outcome, renamed.messages.join(' | ') + renamed.fieldErrors.join(' | ')).toBe('redirected');
    const moved = await expectStatus('/tags/gate-old?cursor=x', 308);
    expect(moved.headers.get('location')).toBe('/tags/gate-new?cursor=x');
    await expectStatus('/tags/gate-new', 200);
  });
});
