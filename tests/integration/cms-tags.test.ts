// The tag page over HTTP, as a browser without JavaScript sends it: rename, describe and merge;
// a renamed or merged tag's old slug answers 308 on the posts API and every posts feed (HEAD
// too) and the posts show the new tag on the next GET; refusals write nothing; suggestions need
// a session. And sign-in: a wrong e-mail or password gets one plain, prompt answer and counts.
import fs from 'node:fs';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, postTags, signInAttempts, tags, tagSlugRedirects } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { CookieJar, signIn, submitForm } from '../helpers/cms-client';
import { TEST_ACCOUNTS } from '../helpers/template-db';

let server: TestServer;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer();
  editor = await signIn(server.url, 'editor');
  await createPost('tagged-one', 'alpha, shared');
  await createPost('tagged-two', 'beta, shared');
  await createPost('tagged-three', 'gamma');
  await createPost('tagged-four', 'delta');
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.handle.db;
const get = (p: string, init: RequestInit = {}) => fetch(server.url + p, { redirect: 'manual', ...init });

async function createPost(slug: string, tagList: string) {
  const res = await submitForm(server.url, '/cms/posts/new', editor, {
    fields: { title: `Title of ${slug}`, slug, summary: 'A summary.', body: `Body of ${slug}.`, tags: tagList },
    submit: { intent: 'publish' },
  });
  expect(res.outcome, res.messages.join(' | ') + res.fieldErrors.join(' | ')).toBe('redirected');
}

async function tagState() {
  return {
    tags: await db().select({ slug: tags.slug, name: tags.name, description: tags.description }).from(tags).orderBy(asc(tags.slug)),
    redirects: await db().select({ slug: tagSlugRedirects.slug, to: tagSlugRedirects.tagSlug }).from(tagSlugRedirects).orderBy(asc(tagSlugRedirects.slug)),
    postTags: await db().select().from(postTags).orderBy(asc(postTags.postId), asc(postTags.tagSlug)),
  };
}

const editTag = (slug: string, fields: Record<string, string>) => submitForm(server.url, '/cms/tags', editor, { form: `form[aria-label="Edit tag ${slug}"]`, fields });
const mergeTag = (slug: string, into: string) => submitForm(server.url, '/cms/tags', editor, { form: `form[aria-label="Merge tag ${slug}"]`, fields: { into } });

async function postTagsOf(slug: string): Promise<string[]> {
  const res = await get(`/api/posts/${slug}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { tags: string[] }).tags;
}

/** Every public reader that takes `?tag=`, with the extra parameters kept through the redirect. */
const TAG_READERS = ['/api/posts?limit=5&tag=', '/feed.xml?tag=', '/atom.xml?tag=', '/feed.json?tag='];

async function expectRedirects(from: string, to: string) {
  for (const reader of TAG_READERS) {
    for (const method of ['GET', 'HEAD']) {
      const res = await get(reader + from, { method });
      expect(res.status, `${method} ${reader}${from}`).toBe(308);
      expect(res.headers.get('location')).toBe(`${server.url}${reader}${to}`);
      // The same HTTP rules as every public answer: caching, CORS, Vary, no body on HEAD.
      expect(res.headers.get('cache-control')).toMatch(/public/);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('vary')).toMatch(/Accept/);
      expect(await res.text()).toBe('');
    }
    const followed = await get(reader + to);
    expect(followed.status, reader + to).toBe(200);
  }
}

describe('the tag page', () => {
  it('lists every tag with its name, slug, description and post count, for editors', async () => {
    const res = await get('/cms/tags', { headers: { cookie: editor.header() } });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const slug of ['alpha', 'beta', 'gamma', 'shared']) expect(html).toContain(`aria-label="Edit tag ${slug}"`);
    expect(html).toMatch(/<code>shared<\/code> · (<!-- -->)?2 posts/);
    // Linked from the CMS header.
    const dashboard = await (await get('/cms', { headers: { cookie: editor.header() } })).text();
    expect(dashboard).toContain('href="/cms/tags"');
  });

  it('sends visitors without a session to sign in', async () => {
    const res = await get('/cms/tags');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\/cms\/login/);
  });

  it('renames and describes a tag: the old slug answers 308 everywhere, the posts show the new one at once', async () => {
    // Warm every cache first, so a stale copy would show.
    for (const reader of TAG_READERS) expect((await get(`${reader}alpha`)).status).toBe(200);
    expect(await postTagsOf('tagged-one')).toContain('alpha');
    const before = (await db().select({ updatedAt: posts.updatedAt }).from(posts).where(eq(posts.slug, 'tagged-one')))[0]!.updatedAt;

    const res = await editTag('alpha', { name: 'Alpha, renamed', slug: 'alpha-two', description: 'Posts about the first letter.' });
    expect(res.outcome, res.messages.join(' | ') + res.fieldErrors.join(' | ')).toBe('redirected');
    expect(res.location).toMatch(/\/cms\/tags\?done=edited&tag=alpha-two/);

    const state = await tagState();
    expect(state.tags).toContainEqual({ slug: 'alpha-two', name: 'Alpha, renamed', description: 'Posts about the first letter.' });
    expect(state.tags.map((t) => t.slug)).not.toContain('alpha');
    expect(state.redirects).toContainEqual({ slug: 'alpha', to: 'alpha-two' });

    expect(await postTagsOf('tagged-one')).toEqual(['alpha-two', 'shared']);
    await expectRedirects('alpha', 'alpha-two');
    const list = (await (await get('/api/posts?tag=alpha-two')).json()) as { data: { slug: string; tags: string[] }[] };
    expect(list.data.map((p) => p.slug)).toEqual(['tagged-one']);
    expect(list.data[0]!.tags).toContain('alpha-two');
    expect(await (await get('/feed.xml?tag=alpha-two')).text()).toContain('alpha-two');
    // The post's document changed, so its Last-Modified moves too.
    const after = (await db().select({ updatedAt: posts.updatedAt }).from(posts).where(eq(posts.slug, 'tagged-one')))[0]!.updatedAt;
    expect(after.getTime()).toBeGreaterThan(before.getTime());

    const page = await (await get(res.location!, { headers: { cookie: editor.header() } })).text();
    expect(page).toMatch(/Saved tag “alpha-two”/);
    expect(page).toMatch(/formerly <code>alpha/);
  });

  it('describes a tag without renaming it, and takes back a former slug', async () => {
    expect((await editTag('alpha-two', { name: 'Alpha', slug: 'alpha-two', description: 'Letters.' })).outcome).toBe('redirected');
    expect((await tagState()).tags).toContainEqual({ slug: 'alpha-two', name: 'Alpha', description: 'Letters.' });
    // Renaming back to its own former slug: that slug names it again, the newer one redirects.
    expect((await editTag('alpha-two', { name: 'Alpha', slug: 'alpha', description: 'Letters.' })).outcome).toBe('redirected');
    const state = await tagState();
    expect(state.redirects).toContainEqual({ slug: 'alpha-two', to: 'alpha' });
    expect(state.redirects.map((r) => r.slug)).not.toContain('alpha');
    expect(await postTagsOf('tagged-one')).toEqual(['alpha', 'shared']);
    expect((await get('/api/posts?tag=alpha')).status).toBe(200);
    await expectRedirects('alpha-two', 'alpha');
  });

  it('merges a tag into another: its posts get the other tag, it disappears, its slugs redirect', async () => {
    // gamma is renamed first, so it has a former slug of its own.
    expect((await editTag('gamma', { name: 'Gamma', slug: 'gamma-new', description: '' })).outcome).toBe('redirected');
    for (const reader of TAG_READERS) expect((await get(`${reader}gamma-new`)).status).toBe(200);

    const res = await mergeTag('gamma-new', 'shared');
    expect(res.outcome, res.messages.join(' | ') + res.fieldErrors.join(' | ')).toBe('redirected');
    const state = await tagState();
    expect(state.tags.map((t) => t.slug)).not.toContain('gamma-new');
    expect(state.redirects).toContainEqual({ slug: 'gamma-new', to: 'shared' });
    expect(state.redirects).toContainEqual({ slug: 'gamma', to: 'shared' });
    expect(await postTagsOf('tagged-three')).toEqual(['shared']);
    await expectRedirects('gamma-new', 'shared');
    await expectRedirects('gamma', 'shared');
    const list = (await (await get('/api/posts?tag=shared')).json()) as { data: { slug: string }[] };
    expect(list.data.map((p) => p.slug).sort()).toEqual(['tagged-one', 'tagged-three', 'tagged-two']);

    // A post that had both tags keeps one.
    expect((await mergeTag('beta', 'shared')).outcome).toBe('redirected');
    expect(await postTagsOf('tagged-two')).toEqual(['shared']);
    await expectRedirects('beta', 'shared');
  });

  it('maps an old slug typed on a post to the tag that holds it now', async () => {
    await createPost('tagged-late', 'gamma, delta');
    expect(await postTagsOf('tagged-late')).toEqual(['delta', 'shared']);
    expect((await tagState()).tags.map((t) => t.slug)).not.toContain('gamma');
  });

  it.each([
    ['a slug another tag has', 'delta', { slug: 'shared' }, /Another tag already has this slug/],
    ['a slug that redirects to another tag', 'delta', { slug: 'beta' }, /still redirects to “shared”/],
    ['an invalid slug', 'delta', { slug: 'Not OK!' }, /lowercase letters/],
    ['a blank slug', 'delta', { slug: '   ' }, /slug is required/],
    ['a blank name', 'delta', { name: '  ' }, /name is required/],
    ['a name with a control character', 'delta', { name: 'Bad\u0007name' }, /control characters/],
  ])('refuses %s with a field error, writing nothing', async (_name, tag, fields, message) => {
    const before = await tagState();
    const res = await editTag(tag, { name: 'Delta', slug: tag, description: 'Changed?', ...fields });
    expect(res.outcome).toBe('flashed');
    expect(res.fieldErrors.join(' | ')).toMatch(message);
    // What was typed is back in the form.
    expect(res.html).toContain('Changed?');
    expect(await tagState()).toEqual(before);
  });

  it('refuses to merge a tag into itself or into a tag that does not exist, writing nothing', async () => {
    const before = await tagState();
    const self = await mergeTag('delta', 'delta');
    expect(self.outcome).toBe('flashed');
    expect(self.fieldErrors.join(' ')).toMatch(/cannot be merged into itself/);
    const unknown = await mergeTag('delta', 'no-such-tag');
    expect(unknown.fieldErrors.join(' ')).toMatch(/no longer exists/);
    const blank = await mergeTag('delta', '');
    expect(blank.fieldErrors.join(' ')).toMatch(/Choose the tag/);
    expect(await tagState()).toEqual(before);
  });

  it('refuses a change to a tag that was renamed meanwhile, writing nothing', async () => {
    const before = await tagState();
    const stale = await submitForm(server.url, '/cms/tags', editor, { form: 'form[aria-label="Edit tag delta"]', fields: { tag: 'gone-tag', name: 'X', slug: 'x-tag', description: '' } });
    expect(stale.messages.join(' ')).toMatch(/no longer exists/);
    expect(await tagState()).toEqual(before);
  });

  it('answers an unknown ?tag= with 400 naming the parameter, as before', async () => {
    for (const reader of TAG_READERS) {
      const res = await get(`${reader}never-was-a-tag`);
      expect(res.status, reader).toBe(400);
      expect(await res.text()).toMatch(/"name":"tag"/);
    }
  });
});

describe('tag suggestions', () => {
  // The Server Action's id, from the build's manifest (the browser finds it in the page's JS).
  function suggestActionId(): string {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../.next/server/server-reference-manifest.json'), 'utf8')) as {
      node: Record<string, { exportedName?: string; filename?: string }>;
    };
    const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === 'suggestTagsAction')?.[0];
    if (!id) throw new Error('suggestTagsAction is not in the server reference manifest');
    return id;
  }

  async function suggest(jar: CookieJar, term: string): Promise<Response> {
    return fetch(`${server.url}/cms/posts/new`, {
      method: 'POST',
      headers: { 'next-action': suggestActionId(), 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: server.url, cookie: jar.header() },
      body: JSON.stringify([term]),
      redirect: 'manual',
    });
  }

  it('suggests existing tags matching the term, to a signed-in editor', async () => {
    const res = await suggest(editor, 'sha');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('"slug":"shared"');
    expect(body).not.toContain('"slug":"delta"');
  });

  it('suggests nothing without a valid session', async () => {
    const forged = new CookieJar();
    forged.take(new Response(null, { headers: { 'set-cookie': 'better-auth.session_token=forged.value; Path=/' } }));
    const res = await suggest(forged, 'sha');
    expect(await res.text()).not.toContain('shared');
    // No cookie at all: proxy.ts sends the request to sign in.
    const none = await suggest(new CookieJar(), 'sha');
    expect(none.status).toBe(303);
  });
});

describe('sign-in refusals', () => {
  async function attempt(email: string, password: string) {
    const t0 = performance.now();
    const res = await submitForm(server.url, '/cms/login', new CookieJar(), { fields: { email, password } });
    return { res, ms: performance.now() - t0 };
  }
  const failures = async (email: string) => (await db().select().from(signInAttempts).where(eq(signInAttempts.key, `account:${email}`)))[0]?.failures ?? 0;

  it('answers a wrong password and an unknown e-mail alike, promptly, and counts both', async () => {
    const known = TEST_ACCOUNTS.other.email;
    const unknown = 'nobody-here@test.gazette';
    const [k0, u0] = [await failures(known), await failures(unknown)];
    const wrong = await attempt(known, 'not-the-password-1');
    const missing = await attempt(unknown, 'not-the-password-1');
    console.log(`[sign-in] wrong password ${wrong.ms.toFixed(0)} ms, unknown e-mail ${missing.ms.toFixed(0)} ms (page load + POST + flash)`);
    for (const { res } of [wrong, missing]) {
      expect(res.outcome).toBe('flashed');
      expect(res.messages.join(' ')).toContain('Wrong e-mail or password.');
      expect(res.messages.join(' ')).not.toMatch(/not possible right now/);
    }
    // The same answer whether or not the account exists: the same page but for the echoed e-mail.
    const strip = (html: string) => html.replaceAll(known, 'E').replaceAll(unknown, 'E').replace(/\$ACTION[^"]*"[^>]*>/g, '');
    expect(strip(wrong.res.messages.join())).toBe(strip(missing.res.messages.join()));
    expect(wrong.ms).toBeLessThan(2000);
    expect(missing.ms).toBeLessThan(2000);
    expect(await failures(known)).toBe(k0 + 1);
    expect(await failures(unknown)).toBe(u0 + 1);
    // The account still signs in with its password (a success clears its count).
    await signIn(server.url, 'other');
    expect(await failures(known)).toBe(0);
  });

  it('stops an account after five wrong passwords, even with the right one', async () => {
    const email = TEST_ACCOUNTS.admin.email;
    for (let i = 0; i < 5; i++) expect((await attempt(email, `wrong-password-${i}`)).res.messages.join(' ')).toContain('Wrong e-mail or password.');
    const res = await attempt(email, TEST_ACCOUNTS.admin.password);
    expect(res.res.messages.join(' ')).toMatch(/Too many failed sign-ins/);
  });
});
