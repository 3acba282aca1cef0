// The admins' page of every author profile (/cms/authors) over HTTP, as a browser without
// JavaScript sends its forms: every profile listed with its slug, account and post count; a
// rename of a migrated byline (no account) shows on the post page, the API and the feeds on the
// next GET and is recorded in the change log; a bio change shows in the post page's author box
// and leaves the API document byte-identical; link and unlink; editors are refused every page and
// action; bad input is refused at the field and writes nothing.
import * as cheerio from 'cheerio';
import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authors, changes, posts, user } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { signIn, submitForm, type CookieJar, type FormResult } from '../helpers/cms-client';
import { TEST_ACCOUNTS } from '../helpers/template-db';

let server: TestServer;
let admin: CookieJar;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer();
  [admin, editor] = [await signIn(server.url, 'admin'), await signIn(server.url, 'editor')];
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.handle.db;
const get = (p: string, jar: CookieJar | null = null) => fetch(server.url + p, { redirect: 'manual', headers: jar ? { cookie: jar.header() } : {} });
const said = (r: FormResult) => [...r.messages, ...r.fieldErrors].join(' | ');
const allAuthors = () => db().select().from(authors).orderBy(asc(authors.slug));

async function authorBySlug(slug: string) {
  const [row] = await db().select().from(authors).where(eq(authors.slug, slug));
  if (!row) throw new Error(`no author ${slug}`);
  return row;
}

/** This author's newest published post (so the feeds list it too). */
async function postOf(authorId: string): Promise<string> {
  const [row] = await db().select({ slug: posts.slug }).from(posts).where(and(eq(posts.authorId, authorId), eq(posts.status, 'published'), isNull(posts.deletedAt))).orderBy(desc(posts.publishedAt)).limit(1);
  if (!row) throw new Error(`author ${authorId} has no published post`);
  return row.slug;
}

/** One of the forms of an author's card, sent as `jar` (the admin's page supplies the form and its action). */
const onCard = (kind: 'Edit' | 'Link' | 'Unlink', slug: string, fields: Record<string, string | null> = {}, jar: CookieJar = admin) =>
  submitForm(server.url, '/cms/authors', admin, { form: `form[aria-label="${kind} author ${slug}"]`, fields, headers: jar === admin ? undefined : { cookie: jar.header() } });

const accountId = async (who: keyof typeof TEST_ACCOUNTS) => (await db().select({ id: user.id }).from(user).where(eq(user.email, TEST_ACCOUNTS[who].email)))[0]!.id;

describe('the authors page', () => {
  it('lists every profile with its slug, account and post count, for admins, linked from their header', async () => {
    // Ada's own profile exists once she has opened her profile.
    expect((await get('/cms/profile', admin)).status).toBe(200);
    const res = await get('/cms/authors', admin);
    expect(res.status).toBe(200);
    const $ = cheerio.load(await res.text());
    const rows = await allAuthors();
    expect(rows.length).toBeGreaterThan(3);
    for (const a of rows) {
      const card = $(`#author-${a.slug}`);
      expect(card.length, a.slug).toBe(1);
      expect(card.find('h2').text()).toBe(a.name);
      const [{ n }] = (await db().select({ n: count() }).from(posts).where(and(eq(posts.authorId, a.id), isNull(posts.deletedAt)))) as [{ n: number }];
      const meta = card.find('.meta').text();
      expect(meta).toContain(a.slug);
      expect(meta).toContain(n === 1 ? '1 post' : `${n} posts`);
      expect(meta).toContain(a.userId ? 'account: ' : 'no account');
      expect(card.find(`form[aria-label="Edit author ${a.slug}"]`).length).toBe(1);
      expect(card.find(`form[aria-label="${a.userId ? 'Unlink' : 'Link'} author ${a.slug}"]`).length).toBe(1);
    }
    expect($(`#author-${(await db().select().from(authors).where(eq(authors.userId, await accountId('admin'))))[0]!.slug} .meta`).text()).toContain(`account: Ada Admin (${TEST_ACCOUNTS.admin.email})`);
    expect(await (await get('/cms', admin)).text()).toContain('href="/cms/authors"');
    expect(await (await get('/cms', editor)).text()).not.toContain('href="/cms/authors"');
  });

  it('refuses editors the page and every action, writing nothing', async () => {
    const body = await (await get('/cms/authors', editor)).text();
    // The page streams: the refusal is a redirect in the page, with none of its content.
    expect(body).toContain('/cms?denied=admin');
    expect(body).not.toContain('Edit author');
    expect((await get('/cms/authors')).headers.get('location')).toMatch(/\/cms\/login/);

    const before = await allAuthors();
    const linked = before.find((a) => a.userId)!;
    const unlinked = before.find((a) => !a.userId)!;
    const attempts = [
      await onCard('Edit', unlinked.slug, { name: 'Mallory', bio: 'Took over.' }, editor),
      await onCard('Link', unlinked.slug, { account: await accountId('editor') }, editor),
      await onCard('Unlink', linked.slug, {}, editor),
    ];
    for (const res of attempts) expect(res.messages.join(' ')).toMatch(/Only an admin can do this/);
    expect(await allAuthors()).toEqual(before);
  });

  it("renames a migrated byline and changes its bio: the post page, its API document and the feeds show it on the next GET", async () => {
    const daniel = await authorBySlug('daniel-ferreira');
    expect(daniel.userId).toBeNull();
    const slug = await postOf(daniel.id);
    const documents = [`/posts/${slug}`, `/api/posts/${slug}`, '/api/posts?limit=100', '/feed.xml', '/atom.xml', '/feed.json'];
    // Warm every cache first, with the old name.
    for (const p of documents) expect(await (await get(p)).text(), p).toContain('Daniel Ferreira');
    const apiBefore = (await (await get(`/api/posts/${slug}`)).json()) as Record<string, unknown>;
    const [{ last }] = (await db().select({ last: count() }).from(changes)) as [{ last: number }];

    const res = await onCard('Edit', daniel.slug, { name: 'Daniel F. Ferreira', bio: 'Writes about databases.\nAnd about <b>markup</b> & escaping.' });
    expect(res.outcome, said(res)).toBe('redirected');
    expect(res.location).toContain(`/cms/authors?done=edited&author=${daniel.slug}`);
    expect(await authorBySlug('daniel-ferreira')).toMatchObject({ name: 'Daniel F. Ferreira', bio: 'Writes about databases.\nAnd about <b>markup</b> & escaping.', userId: null });

    for (const p of documents) expect(await (await get(p)).text(), p).toContain('Daniel F. Ferreira');
    // The API document has the new byline and the same shape: no bio in it.
    const apiAfter = (await (await get(`/api/posts/${slug}`)).json()) as Record<string, unknown>;
    expect(apiAfter.author).toBe('Daniel F. Ferreira');
    expect(Object.keys(apiAfter)).toEqual(Object.keys(apiBefore));
    expect(JSON.stringify(apiAfter)).not.toContain('Writes about databases');
    // The post page's author box: the bio as plain, escaped text.
    const page = cheerio.load(await (await get(`/posts/${slug}`)).text());
    expect(page('.author-box h2').text()).toBe('About Daniel F. Ferreira');
    expect(page('.author-box p').text()).toBe('Writes about databases.\nAnd about <b>markup</b> & escaping.');
    expect(page('.author-box b').length).toBe(0);
    // The rename changed their public posts' documents: the change log says so.
    const logged = await db().select().from(changes).where(and(eq(changes.kind, 'updated'), eq(changes.slug, slug)));
    expect(logged.length).toBeGreaterThan(0);
    expect((await db().select({ n: count() }).from(changes))[0]!.n).toBeGreaterThan(last);

    const done = await (await get(res.location!.replace(server.url, ''), admin)).text();
    expect(done).toContain('Saved “Daniel F. Ferreira”');
  });

  it('a bio change alone shows in the author box at once and leaves the API document as it was', async () => {
    const maya = await authorBySlug('maya-okonkwo');
    const slug = await postOf(maya.id);
    const api = await get(`/api/posts/${slug}`);
    const etag = api.headers.get('etag');
    const body = await api.text();
    expect(cheerio.load(await (await get(`/posts/${slug}`)).text())('.author-box p').text()).toBe(maya.bio);
    const [{ logged }] = (await db().select({ logged: count() }).from(changes)) as [{ logged: number }];

    const res = await onCard('Edit', maya.slug, { name: maya.name, bio: 'A new bio for Maya.' });
    expect(res.outcome, said(res)).toBe('redirected');
    expect(cheerio.load(await (await get(`/posts/${slug}`)).text())('.author-box p').text()).toBe('A new bio for Maya.');
    const again = await get(`/api/posts/${slug}`);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe(body);
    // Nothing partners read changed, so nothing is recorded for them.
    expect((await db().select({ n: count() }).from(changes))[0]!.n).toBe(logged);

    // An empty bio: no author box at all.
    expect((await onCard('Edit', maya.slug, { name: maya.name, bio: '' })).outcome).toBe('redirected');
    const bare = cheerio.load(await (await get(`/posts/${slug}`)).text());
    expect(bare('.author-box').length).toBe(0);
    expect(bare('article .meta').text()).toContain(maya.name);
  });

  it('links an account-less profile to an account that has none, and unlinks it', async () => {
    const priya = await authorBySlug('priya-raghavan');
    const olga = await accountId('other');
    expect((await db().select().from(authors).where(eq(authors.userId, olga))).length).toBe(0);
    const options = cheerio.load(await (await get('/cms/authors', admin)).text())(`#account-${priya.slug} option`).map((_, o) => o.attribs.value).get();
    expect(options).toContain(olga);
    // Accounts with a profile of their own are not offered.
    expect(options).not.toContain(await accountId('admin'));

    const res = await onCard('Link', priya.slug, { account: olga });
    expect(res.outcome, said(res)).toBe('redirected');
    expect((await authorBySlug('priya-raghavan')).userId).toBe(olga);
    // It is Olga's byline now: her profile edits it.
    const olgaJar = await signIn(server.url, 'other');
    const profile = cheerio.load(await (await get('/cms/profile', olgaJar)).text());
    expect(profile('#name').attr('value')).toBe('Priya Raghavan');
    const page = cheerio.load(await (await get('/cms/authors', admin)).text());
    expect(page(`#author-${priya.slug} .meta`).text()).toContain(`account: Olga Other (${TEST_ACCOUNTS.other.email})`);
    expect(page(`#account-daniel-ferreira option[value="${olga}"]`).length).toBe(0);

    const un = await onCard('Unlink', priya.slug);
    expect(un.outcome, said(un)).toBe('redirected');
    expect(await authorBySlug('priya-raghavan')).toMatchObject({ userId: null, name: 'Priya Raghavan' });

    // Each unlinked profile keeps its slug: Olga gets a fresh byline every time she needs one.
    const slugs: string[] = [];
    for (let round = 0; round < 3; round++) {
      // Read to the end: the page streams, and makes the profile while it renders.
      const profilePage = await get('/cms/profile', olgaJar);
      expect(profilePage.status).toBe(200);
      expect(await profilePage.text()).toContain('Your profile');
      const [own] = await db().select().from(authors).where(eq(authors.userId, olga));
      slugs.push(own!.slug);
      const undone = await onCard('Unlink', own!.slug);
      expect(undone.outcome, said(undone)).toBe('redirected');
    }
    expect(new Set(slugs).size).toBe(3);
    expect(slugs[0]).toBe('olga-other');
  });

  it('refuses bad input with field errors, writing nothing', async () => {
    expect((await get('/cms/profile', admin)).status).toBe(200);
    const adaProfile = (await db().select().from(authors).where(eq(authors.userId, await accountId('admin'))))[0]!;
    const tobias = await authorBySlug('tobias-lindqvist');
    const before = await allAuthors();
    const bad: [string, () => Promise<FormResult>, RegExp][] = [
      ['blank name', () => onCard('Edit', tobias.slug, { name: '   ' }), /display name is required/],
      ['long name', () => onCard('Edit', tobias.slug, { name: 'x'.repeat(101) }), /limited to 100/],
      ['line break in the name', () => onCard('Edit', tobias.slug, { name: 'Two\nlines' }), /control characters or line breaks/],
      ['control character in the bio', () => onCard('Edit', tobias.slug, { bio: 'Bell \u0007' }), /control characters/],
      ['long bio', () => onCard('Edit', tobias.slug, { bio: 'y'.repeat(2001) }), /limited to 2,000/],
      ['not an id', () => onCard('Edit', tobias.slug, { author: 'nope', name: 'Forged' }), /does not name an author profile/],
      ['unknown profile', () => onCard('Edit', tobias.slug, { author: '00000000-0000-4000-8000-000000000000', name: 'Forged' }), /no longer exists/],
      ['unknown field', () => onCard('Edit', tobias.slug, { userId: 'x' }), /does not know/],
      ['no account chosen', () => onCard('Link', tobias.slug, { account: '' }), /Choose an account/],
      ['unknown account', () => onCard('Link', tobias.slug, { account: 'no-such-account' }), /no longer exists/],
      ['an account with a profile', async () => onCard('Link', tobias.slug, { account: await accountId('admin') }), /has an author profile already/],
      ['a linked profile', async () => onCard('Link', tobias.slug, { author: adaProfile.id, account: await accountId('editor') }), /linked to an account already/],
      ['no account field', () => onCard('Link', tobias.slug, { account: null }), /Choose an account/],
      // An unlinked profile has no Unlink form: a linked one's, sent with the other's id.
      ['unlinking an unlinked profile', () => onCard('Unlink', adaProfile.slug, { author: tobias.id }), /not linked to an account/],
    ];
    for (const [what, send, message] of bad) {
      const res = await send();
      expect(res.outcome, what).toBe('flashed');
      expect(said(res), what).toMatch(message);
    }
    expect(await allAuthors()).toEqual(before);
    // What was typed comes back in the form.
    const res = await onCard('Edit', tobias.slug, { name: '', bio: 'Kept bio text.' });
    const $ = cheerio.load(res.html);
    expect($(`#bio-${tobias.slug}`).text()).toBe('Kept bio text.');
    expect($(`#name-${tobias.slug}`).attr('aria-invalid')).toBe('true');
  });
});
