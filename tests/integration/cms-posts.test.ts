// Every post action over HTTP, as a browser without JavaScript sends it: access control,
// validation that writes nothing, optimistic concurrency, and publishing that readers see at once.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, revisions, signInAttempts, user } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { CookieJar, signIn, submitForm } from '../helpers/cms-client';
import { TEST_ACCOUNTS } from '../helpers/template-db';
import { testAuthorId } from '../helpers/authors';

let server: TestServer;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer({ CRON_SECRET: 'cron-secret-for-tests-0123456789' });
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.handle.db;
const postCount = async () => (await db().select({ n: count() }).from(posts))[0]!.n;
const bySlug = async (slug: string) => (await db().select().from(posts).where(eq(posts.slug, slug)))[0];
const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers, redirect: 'manual' });

async function createPost(jar: CookieJar, slug: string, intent = 'publish', extra: Record<string, string> = {}) {
  const res = await submitForm(server.url, '/cms/posts/new', jar, {
    fields: { title: `Title of ${slug}`, slug, summary: 'A summary.', body: `## Heading\n\nBody of ${slug}.`, tags: 'http, cms-tests', ...extra },
    submit: { intent },
  });
  expect(res.outcome, res.messages.join(' | ') + res.fieldErrors.join(' | ')).toBe('redirected');
  return (await bySlug(slug))!;
}

describe('access control', () => {
  it('sends visitors without a session to sign in, with a real redirect', async () => {
    for (const path of ['/cms', '/cms/posts', '/cms/posts/new', '/cms/editors']) {
      const res = await get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toMatch(/\/cms\/login/);
    }
  });

  it('refuses an action with a forged or revoked session cookie, writing nothing', async () => {
    const before = await postCount();
    const forged = new CookieJar();
    // A cookie is present (so proxy.ts lets it through) but names no session.
    forged.take(new Response(null, { headers: { 'set-cookie': 'better-auth.session_token=forged.value; Path=/' } }));
    // The layout's session check refuses the page (a meta refresh to sign-in: see proxy.ts).
    const page = await get('/cms/posts/new', { cookie: forged.header() });
    const html = await page.text();
    expect(html).not.toContain('name="title"');
    expect(html).toMatch(/\/cms\/login/);
    // Replaying a real form with the forged cookie: the action itself refuses.
    const res = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title: 'Forged', slug: 'forged-post', body: 'x', tags: '' },
      submit: { intent: 'publish' },
      headers: { cookie: forged.header() },
    });
    expect(res.outcome).not.toBe('redirected');
    expect(await postCount()).toBe(before);
  });

  it('refuses admin work to an editor, over HTTP and in pages', async () => {
    const before = (await db().select({ n: count() }).from(user))[0]!.n;
    const admin = await signIn(server.url, 'admin');
    // The editor replays the admin's form (fields and action ids) with their own session.
    const page = await get('/cms/editors', { cookie: editor.header() });
    expect(await page.text()).not.toContain('New account');
    const res = await submitForm(server.url, '/cms/editors', admin, {
      form: 'form[aria-label="New account"]',
      fields: { name: 'Mallory', email: 'mallory@test.gazette', password: 'mallory-password-1', role: 'admin' },
      headers: { cookie: editor.header() },
    });
    expect(res.messages.join(' ')).toMatch(/Only an admin can do this/);
    expect((await db().select({ n: count() }).from(user))[0]!.n).toBe(before);
  });

  it('refuses a Server Action posted from another origin', async () => {
    const before = await postCount();
    const res = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title: 'Cross-site', slug: 'cross-site-post', body: 'x', tags: '' },
      submit: { intent: 'publish' },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.outcome).not.toBe('redirected');
    expect(await postCount()).toBe(before);
  });

  it('ends a deactivated editor\'s session at once', async () => {
    const other = await signIn(server.url, 'other');
    expect((await get('/cms', { cookie: other.header() })).status).toBe(200);
    const admin = await signIn(server.url, 'admin');
    const [target] = await db().select().from(user).where(eq(user.email, TEST_ACCOUNTS.other.email));
    const res = await submitForm(server.url, '/cms/editors', admin, { form: `form[aria-label="Change ${target!.email}"]`, submit: { change: 'deactivate' } });
    expect(res.messages.join(' ')).toMatch(/deactivated/);
    const after = await get('/cms', { cookie: other.header() });
    expect(await after.text()).not.toContain('Dashboard</h1>');
    await expect(signIn(server.url, 'other')).rejects.toThrow();
  });

  it('limits failed sign-ins per account, in the database', async () => {
    const jar = new CookieJar();
    for (let i = 0; i < 6; i++) {
      await submitForm(server.url, '/cms/login', jar, { fields: { email: 'nobody@test.gazette', password: 'wrong-password-0' } });
    }
    const res = await submitForm(server.url, '/cms/login', jar, { fields: { email: 'nobody@test.gazette', password: 'wrong-password-0' } });
    expect(res.messages.join(' ')).toMatch(/Too many failed sign-ins/);
    const [row] = await db().select().from(signInAttempts).where(eq(signInAttempts.key, 'account:nobody@test.gazette'));
    expect(row?.failures).toBeGreaterThanOrEqual(5);
  });
});

describe('validation writes nothing', () => {
  it.each([
    ['an empty title', { title: '   ' }, /title is required/i],
    ['a bad slug', { slug: 'Not A Slug!' }, /lowercase letters/i],
    ['a control character', { title: 'Bad\u0007title' }, /control characters/i],
    ['a bad tag', { tags: 'ok, Not OK' }, /Tags use/i],
    ['an unknown field', { sneaky: 'x' }, /fields it does not know/i],
    ['a past schedule', { publishAt: '2020-01-01T00:00' }, /future/i],
  ])('refuses %s with a field error', async (_name, fields, message) => {
    const before = await postCount();
    const typed: Record<string, string> = { title: 'Valid title', slug: 'validation-case', body: 'Body typed here', tags: '', ...fields };
    const res = await submitForm(server.url, '/cms/posts/new', editor, { fields: typed, submit: { intent: typed.publishAt ? 'schedule' : 'publish' } });
    expect(res.outcome).toBe('flashed');
    expect([...res.fieldErrors, ...res.messages].join(' | ')).toMatch(message);
    expect(await postCount()).toBe(before);
    // What was typed is still in the form.
    expect(res.html).toContain('Body typed here');
  });

  it('refuses a duplicate slug on the slug field', async () => {
    await createPost(editor, 'dup-slug-original');
    const before = await postCount();
    const res = await submitForm(server.url, '/cms/posts/new', editor, { fields: { title: 'Copy', slug: 'dup-slug-original', body: 'x', tags: '' }, submit: { intent: 'save' } });
    expect(res.fieldErrors.join(' ')).toMatch(/already uses this slug/);
    expect(await postCount()).toBe(before);
  });

  it('gives an oversized body a field error', async () => {
    const before = await postCount();
    const res = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title: 'Huge', slug: 'huge-body', body: 'x'.repeat(1_200_000), tags: '' },
      submit: { intent: 'save' },
    });
    expect(res.fieldErrors.join(' ')).toMatch(/1,000,000 characters/);
    expect(await postCount()).toBe(before);
  });
});

describe('publishing reaches readers at once', () => {
  it('publish, rename, unpublish and delete show in the API, the lists and every feed on the next GET', async () => {
    // Warm every public cache first, so a stale window would show.
    for (const p of ['/api/posts', '/feed.xml', '/feed.json', '/atom.xml', '/api/posts?tag=cms-tests']) await get(p);
    const t0 = performance.now();
    const post = await createPost(editor, 'reach-readers');
    const t1 = performance.now();
    expect((await get('/api/posts/reach-readers')).status).toBe(200);
    const t2 = performance.now();
    // Figures for the closing note: the form POST (action + 303) and the first public GET after it.
    console.log(`[publish] action round-trip ${(t1 - t0).toFixed(0)} ms (page load + POST), public GET ${(t2 - t1).toFixed(0)} ms after it`);
    expect(await (await get('/api/posts')).text()).toContain('"slug":"reach-readers"');
    for (const feed of ['/feed.xml', '/feed.json', '/atom.xml']) expect(await (await get(feed)).text(), feed).toContain('Title of reach-readers');

    const renamed = await submitForm(server.url, `/cms/posts/${post.id}`, editor, { fields: { slug: 'reach-readers-renamed' }, submit: { intent: 'publish' } });
    expect(renamed.outcome).toBe('redirected');
    const old = await get('/api/posts/reach-readers');
    expect(old.status).toBe(308);
    expect(old.headers.get('location')).toMatch(/\/api\/posts\/reach-readers-renamed$/);

    await submitForm(server.url, `/cms/posts/${post.id}`, editor, { submit: { intent: 'unpublish' } });
    expect((await get('/api/posts/reach-readers-renamed')).status).toBe(404);
    expect(await (await get('/feed.xml')).text()).not.toContain('Title of reach-readers');

    await submitForm(server.url, `/cms/posts/${post.id}`, editor, { submit: { intent: 'publish' } });
    const del = await submitForm(server.url, `/cms/posts/${post.id}`, editor, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
    expect(del.outcome).toBe('redirected');
    expect((await get('/api/posts/reach-readers-renamed')).status).toBe(410);
    expect((await get('/api/posts/reach-readers')).status).toBe(410);
    expect(await (await get('/feed.json')).text()).not.toContain('Title of reach-readers');
  });

  it('refuses a delete without the confirmation box', async () => {
    const post = await createPost(editor, 'keep-me');
    const res = await submitForm(server.url, `/cms/posts/${post.id}`, editor, { form: 'form.danger-zone', fields: { confirm: null } });
    expect(res.fieldErrors.join(' ')).toMatch(/confirm/i);
    expect((await bySlug('keep-me'))!.deletedAt).toBeNull();
  });
});

describe('optimistic concurrency and revisions', () => {
  // Drafts, so both saves write the row itself (a published post stages them: tests/integration/cms-staging.test.ts).
  it('gives one of two concurrent saves a conflict naming who changed it, and overwrites nothing', async () => {
    const post = await createPost(editor, 'two-editors', 'save');
    const other = await signIn(server.url, 'admin');
    const [a, b] = await Promise.all([
      submitForm(server.url, `/cms/posts/${post.id}`, editor, { fields: { title: 'Edited by Eddie' }, submit: { intent: 'save' } }),
      submitForm(server.url, `/cms/posts/${post.id}`, other, { fields: { title: 'Edited by Ada' }, submit: { intent: 'save' } }),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(['flashed', 'redirected']);
    const loser = a.outcome === 'flashed' ? a : b;
    expect(loser.messages.join(' ')).toMatch(/changed this post at .* \(version 2\) after you opened it/);
    expect(loser.html).toContain(a.outcome === 'flashed' ? 'Edited by Eddie' : 'Edited by Ada');
    const now = (await bySlug('two-editors'))!;
    expect(now.version).toBe(2);
    expect(now.title).toBe(a.outcome === 'redirected' ? 'Edited by Eddie' : 'Edited by Ada');
  });

  it('keeps a revision per save and restores one as a new version, after its confirmation page', async () => {
    const post = await createPost(editor, 'with-history', 'save');
    await submitForm(server.url, `/cms/posts/${post.id}`, editor, { fields: { title: 'Second title' }, submit: { intent: 'save' } });
    const revs = await db().select().from(revisions).where(and(eq(revisions.entityType, 'post'), eq(revisions.entityId, post.id)));
    expect(revs.map((r) => r.entityVersion).sort()).toEqual([1, 2]);
    const first = revs.find((r) => r.entityVersion === 1)!;
    const page = await get(`/cms/posts/${post.id}/revisions/${first.id}`, { cookie: editor.header() });
    expect(await page.text()).toContain('Second title');
    const res = await submitForm(server.url, `/cms/posts/${post.id}/revisions/${first.id}/restore`, editor, {});
    expect(res.outcome).toBe('redirected');
    const restored = (await bySlug('with-history'))!;
    expect(restored.title).toBe('Title of with-history');
    expect(restored.version).toBe(3);
  });
});

describe('scheduling and preview', () => {
  it('publishes due items through the cron route, which requires the secret', async () => {
    const [p] = await db()
      .insert(posts)
      .values({ slug: 'due-now', title: 'Due now', authorId: await testAuthorId(db()), status: 'scheduled', publishedAt: new Date(Date.now() - 1000) })
      .returning();
    expect((await get('/api/posts/due-now')).status).toBe(404);
    expect((await get('/api/cron/publish')).status).toBe(401);
    expect((await get('/api/cron/publish', { authorization: 'Bearer wrong' })).status).toBe(401);
    const run = await get('/api/cron/publish', { authorization: 'Bearer cron-secret-for-tests-0123456789' });
    expect(await run.json()).toEqual({ published: 1 });
    expect((await get('/api/posts/due-now')).status).toBe(200);
    expect((await bySlug('due-now'))!.id).toBe(p!.id);
  });

  it('shows an editor the draft preview, never cached, and the public nothing', async () => {
    const draft = await createPost(editor, 'secret-draft', 'save');
    const preview = await get(`/cms/posts/${draft.id}/preview`, { cookie: editor.header() });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toMatch(/no-store/);
    expect(await preview.text()).toContain('Body of secret-draft');
    expect((await get(`/cms/posts/${draft.id}/preview`)).status).toBe(303);
    expect((await get('/api/posts/secret-draft')).status).toBe(404);
  });
});
