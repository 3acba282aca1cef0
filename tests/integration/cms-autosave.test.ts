// Autosave, editor profiles and editor time zones over HTTP (issue 12): autosaves are kept per
// editor, type and item, for every content type, and refused without a session, from another
// origin, oversized or malformed; a save clears them. A renamed byline shows on every public
// document at the next GET. Times are entered and shown in the editor's zone, stored in UTC.
import { and, count, eq } from 'drizzle-orm';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authors, autosaves, changelogEntries, events, posts, revisions, user } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { CookieJar, signIn, submitForm, type FormResult } from '../helpers/cms-client';
import { TEST_ACCOUNTS } from '../helpers/template-db';

let server: TestServer;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer();
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.handle.db;
const said = (r: FormResult) => [...r.messages, ...r.fieldErrors].join(' | ');
const get = (path: string, jar?: CookieJar, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { headers: { ...(jar ? { cookie: jar.header() } : {}), ...headers }, redirect: 'manual' });

function autosave(jar: CookieJar | undefined, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/cms/autosave`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, ...(jar ? { cookie: jar.header() } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
}

async function readAutosave(jar: CookieJar, type: string, item: string) {
  const res = await get(`/cms/autosave?type=${type}&item=${item}`, jar);
  expect(res.status).toBe(200);
  return ((await res.json()) as { autosave: { fields: Record<string, string>; baseVersion: number | null; savedAtText: string } | null }).autosave;
}

const autosaveRows = async () => (await db().select({ n: count() }).from(autosaves))[0]!.n;

/** One item of each type, made through its form; what each form needs besides the title. */
const TYPES = {
  post: { segment: 'posts', table: posts, fields: (t: string) => ({ title: t, slug: t.toLowerCase().replace(/[^a-z0-9]+/g, '-'), summary: 'S.', body: 'Body.', tags: '' }) },
  changelog: { segment: 'changelog', table: changelogEntries, fields: (t: string) => ({ title: t, body: '- A change.', category: 'changed', productVersion: '1.0.0' }) },
  event: {
    segment: 'events',
    table: events,
    fields: (t: string) => ({ title: t, description: 'Talks.', location: 'Hamburg', url: '', timeZone: 'Europe/Berlin', start: '2031-09-01T18:00', end: '2031-09-01T21:00', status: 'confirmed' }),
  },
} as const;

async function createItem(jar: CookieJar, type: keyof typeof TYPES, title: string, intent = 'save'): Promise<string> {
  const res = await submitForm(server.url, `/cms/${TYPES[type].segment}/new`, jar, { fields: TYPES[type].fields(title), submit: { intent } });
  expect(res.outcome, said(res)).toBe('redirected');
  const id = /\/cms\/[a-z]+\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1];
  expect(id).toBeTruthy();
  return id!;
}

describe('autosave, for every content type', () => {
  for (const type of Object.keys(TYPES) as (keyof typeof TYPES)[]) {
    it(`${type}: kept per editor and item, seen by the same editor's other session, not by another editor, cleared by a save`, async () => {
      const id = await createItem(editor, type, `Autosaved ${type}`);
      const table = TYPES[type].table;
      const res = await autosave(editor, { op: 'save', type, item: id, baseVersion: 1, fields: { title: `Typed ${type} title`, body: 'line one\nline two' } });
      expect(res.status).toBe(200);
      // The item itself is untouched.
      const [row] = await db().select({ title: table.title, version: table.version }).from(table).where(eq(table.id, id));
      expect(row).toEqual({ title: `Autosaved ${type}`, version: 1 });

      expect((await readAutosave(editor, type, id))?.fields.title).toBe(`Typed ${type} title`);
      // Another browser: a second session of the same account.
      const elsewhere = await signIn(server.url, 'editor');
      const there = await readAutosave(elsewhere, type, id);
      expect(there?.fields).toEqual({ title: `Typed ${type} title`, body: 'line one\nline two' });
      expect(there?.savedAtText).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
      // Another editor sees nothing, and a new item's autosave is its own.
      expect(await readAutosave(await signIn(server.url, 'other'), type, id)).toBeNull();
      expect(await readAutosave(editor, type, 'new')).toBeNull();

      // Saving (no autosave fields sent: a plain form post) clears it.
      const saved = await submitForm(server.url, `/cms/${TYPES[type].segment}/${id}`, editor, { fields: { title: `Saved ${type}` }, submit: { intent: 'save' } });
      expect(saved.outcome, said(saved)).toBe('redirected');
      expect(await readAutosave(editor, type, id)).toBeNull();
    });

    it(`${type}: a new item's autosave is offered on /new and cleared when the item is created`, async () => {
      expect((await autosave(editor, { op: 'save', type, item: 'new', baseVersion: null, fields: { title: 'Half a thought' } })).status).toBe(200);
      expect((await readAutosave(editor, type, 'new'))?.fields.title).toBe('Half a thought');
      await createItem(editor, type, `Created ${type}`);
      expect(await readAutosave(editor, type, 'new')).toBeNull();
    });
  }

  it('keeps the version an autosave was typed against: saved as restored after someone else saved, it is refused as stale, overwriting nothing', async () => {
    const id = await createItem(editor, 'changelog', 'Typed long ago');
    expect((await autosave(editor, { op: 'save', type: 'changelog', item: id, baseVersion: 1, fields: { title: 'My old edit' } })).status).toBe(200);
    // Someone else saves: the item is at version 2 now.
    const admin = await signIn(server.url, 'admin');
    const theirs = await submitForm(server.url, `/cms/changelog/${id}`, admin, { fields: { title: 'Their newer title' }, submit: { intent: 'save' } });
    expect(theirs.outcome, said(theirs)).toBe('redirected');
    const kept = await readAutosave(editor, 'changelog', id);
    expect(kept?.baseVersion).toBe(1);
    // The form (JavaScript restores into it) carries the autosave's version: the save is a conflict.
    const mine = await submitForm(server.url, `/cms/changelog/${id}`, editor, { fields: { ...kept!.fields, version: String(kept!.baseVersion) }, submit: { intent: 'save' } });
    expect(said(mine)).toMatch(/changed this changelog entry at .* \(version 2\) after you opened it/);
    const [row] = await db().select({ title: changelogEntries.title, version: changelogEntries.version }).from(changelogEntries).where(eq(changelogEntries.id, id));
    expect(row).toEqual({ title: 'Their newer title', version: 2 });
    // The autosave stays until the editor saves or discards it.
    expect((await readAutosave(editor, 'changelog', id))?.fields.title).toBe('My old edit');
  });

  it('discarding deletes it', async () => {
    expect((await autosave(editor, { op: 'save', type: 'post', item: 'new', baseVersion: null, fields: { title: 'Gone soon' } })).status).toBe(200);
    expect((await autosave(editor, { op: 'discard', type: 'post', item: 'new' })).status).toBe(204);
    expect(await readAutosave(editor, 'post', 'new')).toBeNull();
  });

  it('takes a 1 MB body', async () => {
    const body = 'x'.repeat(999_999) + '\n';
    const res = await autosave(editor, { op: 'save', type: 'post', item: 'new', baseVersion: null, fields: { title: 'Long', body } });
    expect(res.status).toBe(200);
    expect((await readAutosave(editor, 'post', 'new'))?.fields.body).toBe(body);
    await autosave(editor, { op: 'discard', type: 'post', item: 'new' });
  });

  it('refuses without a session, from another origin, oversized and junk, never with a 500, writing nothing', async () => {
    const before = await autosaveRows();
    const good = { op: 'save', type: 'post', item: 'new', baseVersion: null, fields: { title: 'x' } };
    // No session cookie: the CMS sends the browser to sign in (proxy.ts); a forged one: 401.
    expect((await autosave(undefined, good)).status).toBe(303);
    const forged = new CookieJar();
    forged.take(new Response(null, { headers: { 'set-cookie': 'better-auth.session_token=forged.value; Path=/' } }));
    expect((await autosave(forged, good)).status).toBe(401);
    expect((await get('/cms/autosave?type=post&item=new', forged)).status).toBe(401);
    // Another origin, or none.
    expect((await autosave(editor, good, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await autosave(editor, good, { origin: 'null' })).status).toBe(403);
    expect((await get('/cms/autosave?type=post&item=new', editor, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Too large (checked while reading, whatever Content-Length says).
    const huge = { ...good, fields: { body: 'y'.repeat(5 * 1024 * 1024) } };
    expect((await autosave(editor, huge)).status).toBe(413);
    // Junk.
    const junk: [unknown, Record<string, string>?][] = [
      ['{not json'],
      ['[]'],
      ['null'],
      [{ ...good, type: 'nonsense' }],
      [{ ...good, item: '../../etc' }],
      [{ ...good, op: 'delete-everything' }],
      [{ ...good, fields: { title: 'nul \u0000 here' } }],
      ['{"op":"save","type":"post","item":"new","baseVersion":null,"fields":{"title":"\\ud800"}}'],
      ['{"op":"save","type":"post","item":"new","baseVersion":null,"fields":{"__proto__":"x"}}'],
      [{ ...good, fields: { title: 42 } }],
      [{ ...good, fields: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, 'x'])) }],
      [{ ...good, extra: true }],
      [good, { 'content-type': 'text/plain' }],
    ];
    for (const [body, headers] of junk) {
      const res = await autosave(editor, body, headers);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeLessThan(500);
    }
    for (const query of ['', '?type=post', '?type=post&item=nope', '?type=x&item=new', '?type=post&item=new&item=x']) {
      const res = await get(`/cms/autosave${query}`, editor);
      expect(res.status, query).toBeLessThan(500);
    }
    expect(await autosaveRows()).toBe(before);
  });
});

describe('editor profile', () => {
  it("preselects a fresh editor's own byline on their very first new post, made on that visit", async () => {
    const fresh = await signIn(server.url, 'other');
    const [before] = await db().select({ n: count() }).from(authors).innerJoin(user, eq(user.id, authors.userId)).where(eq(user.email, TEST_ACCOUNTS.other.email));
    expect(before!.n).toBe(0);
    const $ = cheerio.load(await (await get('/cms/posts/new', fresh)).text());
    expect($('#authorId option[selected]').text()).toBe(TEST_ACCOUNTS.other.name);
    // Saved as it stands, the post carries that byline.
    const res = await submitForm(server.url, '/cms/posts/new', fresh, { fields: { title: 'First of Olga', slug: 'first-of-olga', summary: 'S.', body: 'B.', tags: '' }, submit: { intent: 'save' } });
    expect(res.outcome, said(res)).toBe('redirected');
    const [post] = await db().select({ author: authors.name }).from(posts).innerJoin(authors, eq(authors.id, posts.authorId)).where(eq(posts.slug, 'first-of-olga'));
    expect(post?.author).toBe(TEST_ACCOUNTS.other.name);
  });

  it('renames the byline: the post page, the API and the feeds show it on the next GET', async () => {
    const slug = 'byline-rename-check';
    const res = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title: 'Byline check', slug, summary: 'S.', body: 'Body.', tags: 'bylines' },
      submit: { intent: 'publish' },
    });
    expect(res.outcome, said(res)).toBe('redirected');
    const documents = [`/posts/${slug}`, `/api/posts/${slug}`, '/api/posts', '/feed.xml', '/atom.xml', '/feed.json', '/feed.xml?tag=bylines'];
    // Warm every cache first, with the old name.
    for (const path of documents) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).not.toContain('Edwina Byline');
    }
    const renamed = await submitForm(server.url, '/cms/profile', editor, { fields: { name: 'Edwina Byline', bio: 'Writes things.' } });
    expect(renamed.outcome, said(renamed)).toBe('redirected');
    expect(renamed.location).toMatch(/\/cms\/profile\?saved=1/);
    for (const path of documents) expect(await (await get(path)).text(), path).toContain('Edwina Byline');
    const page = cheerio.load(await (await get(renamed.location!.replace(server.url, ''), editor)).text());
    expect(page('#name').attr('value')).toBe('Edwina Byline');
    expect(page('#bio').text()).toBe('Writes things.');
    expect(page('[role=status]').text()).toContain('Profile saved.');
  });

  it('refuses a blank name or an unknown zone with field errors, writing nothing', async () => {
    const admin = await signIn(server.url, 'admin');
    const [was] = await db().select({ zone: user.timeZone }).from(user).where(eq(user.email, TEST_ACCOUNTS.admin.email));
    const bad: Record<string, string>[] = [{ name: '   ' }, { name: 'Ada Renamed', timeZone: 'Mars/Olympus_Mons' }, { name: 'Ada Renamed', timeZone: '+05:00' }];
    for (const fields of bad) {
      const res = await submitForm(server.url, '/cms/profile', admin, { fields });
      expect(res.outcome).toBe('flashed');
      expect(res.fieldErrors.length, JSON.stringify(fields)).toBeGreaterThan(0);
    }
    const [now] = await db().select({ zone: user.timeZone }).from(user).where(eq(user.email, TEST_ACCOUNTS.admin.email));
    expect(now).toEqual(was);
    expect(await (await get('/cms/profile', admin)).text()).not.toContain('Ada Renamed');
  });
});

describe('editor time zones', () => {
  let admin: CookieJar;
  beforeAll(async () => {
    admin = await signIn(server.url, 'admin');
  });

  const formOf = async (path: string, jar: CookieJar) => cheerio.load(await (await get(path, jar)).text());

  it('without a profile zone or a browser report, shows and reads UTC, and says so', async () => {
    const $ = await formOf('/cms/posts/new', admin);
    expect($('input[name=publishAtZone]').attr('value')).toBe('UTC');
    expect($('label[for=publishAt]').text()).toBe('Publish at (UTC)');
  });

  it("uses the browser's zone from its cookie, validated", async () => {
    const jar = await signIn(server.url, 'other');
    jar.take(new Response(null, { headers: { 'set-cookie': 'gazette_tz=Asia%2FTokyo; Path=/cms' } }));
    let $ = await formOf('/cms/posts/new', jar);
    expect($('input[name=publishAtZone]').attr('value')).toBe('Asia/Tokyo');
    expect($('label[for=publishAt]').text()).toContain('Asia/Tokyo (UTC+09:00)');
    jar.take(new Response(null, { headers: { 'set-cookie': "gazette_tz=Not%2FA_Zone'; Path=/cms" } }));
    $ = await formOf('/cms/posts/new', jar);
    expect($('input[name=publishAtZone]').attr('value')).toBe('UTC');
  });

  it('a time scheduled in Europe/Berlin (the profile zone) is stored as its UTC instant and shown back in that zone', async () => {
    const set = await submitForm(server.url, '/cms/profile', admin, { fields: { timeZone: 'Europe/Berlin' } });
    expect(set.outcome, said(set)).toBe('redirected');
    // The profile wins over the browser's report.
    admin.take(new Response(null, { headers: { 'set-cookie': 'gazette_tz=Asia%2FTokyo; Path=/cms' } }));
    const res = await submitForm(server.url, '/cms/posts/new', admin, {
      fields: { title: 'Berlin summer', slug: 'berlin-summer', summary: '', body: 'B.', tags: '', publishAt: '2031-07-01T10:00' },
      submit: { intent: 'schedule' },
    });
    expect(res.outcome, said(res)).toBe('redirected');
    const [row] = await db().select().from(posts).where(eq(posts.slug, 'berlin-summer'));
    expect(row!.status).toBe('scheduled');
    expect(row!.publishedAt!.toISOString()).toBe('2031-07-01T08:00:00.000Z');
    const $ = await formOf(`/cms/posts/${row!.id}`, admin);
    expect($('#publishAt').attr('value')).toBe('2031-07-01T10:00');
    // The offset of the time shown (summer time), whatever the date today.
    expect($('label[for=publishAt]').text()).toBe('Publish at (Europe/Berlin (UTC+02:00))');
    expect($('input[name=publishAtZone]').attr('value')).toBe('Europe/Berlin');
    // Lists show the zone too.
    expect(await (await get('/cms', admin)).text()).toContain('Europe/Berlin');
  });

  it('shows publication times in a revision diff in the zone, each with the offset in force then', async () => {
    const id = await createItem(admin, 'changelog', 'Diffed times');
    for (const publishAt of ['2031-07-01T10:00', '2031-01-15T10:00']) {
      const res = await submitForm(server.url, `/cms/changelog/${id}`, admin, { fields: { publishAt }, submit: { intent: 'schedule' } });
      expect(res.outcome, said(res)).toBe('redirected');
    }
    const revs = await db().select({ id: revisions.id }).from(revisions).where(and(eq(revisions.entityType, 'changelog'), eq(revisions.entityId, id))).orderBy(revisions.entityVersion);
    expect(revs).toHaveLength(3);
    const diff = async (from: number, to: number) => cheerio.load(await (await get(`/cms/changelog/${id}/revisions?from=${revs[from]!.id}&to=${revs[to]!.id}`, admin)).text())('.snapshot-diff').text();
    const summer = await diff(0, 1);
    expect(summer).toContain('Published at');
    expect(summer).toContain('2031-07-01 10:00 Europe/Berlin (UTC+02:00)');
    expect(summer).not.toContain('2031-07-01T08:00:00.000Z');
    expect(await diff(1, 2)).toContain('2031-01-15 10:00 Europe/Berlin (UTC+01:00)');
    // The form's label follows the time in the field: a January time is UTC+01:00.
    expect((await formOf(`/cms/changelog/${id}`, admin))('label[for=publishAt]').text()).toBe('Publish at (Europe/Berlin (UTC+01:00))');
  });

  it('refuses a time the clocks skip, and an unknown zone, writing nothing', async () => {
    const before = (await db().select({ n: count() }).from(posts))[0]!.n;
    const gap = await submitForm(server.url, '/cms/posts/new', admin, {
      fields: { title: 'Gap', slug: 'dst-gap', summary: '', body: 'B.', tags: '', publishAt: '2031-03-30T02:30' },
      submit: { intent: 'schedule' },
    });
    expect(gap.outcome).toBe('flashed');
    expect(gap.fieldErrors.join(' ')).toMatch(/does not exist in Europe\/Berlin/);
    const zone = await submitForm(server.url, '/cms/posts/new', admin, {
      fields: { title: 'Bad zone', slug: 'bad-zone', summary: '', body: 'B.', tags: '', publishAt: '2031-05-01T10:00', publishAtZone: 'Nope/Nowhere' },
      submit: { intent: 'schedule' },
    });
    expect(zone.outcome).toBe('flashed');
    expect(zone.fieldErrors.join(' ')).toMatch(/unknown time zone/);
    expect((await db().select({ n: count() }).from(posts))[0]!.n).toBe(before);
  });

  it('reads the autumn overlap as its first occurrence', async () => {
    const res = await submitForm(server.url, '/cms/changelog/new', admin, {
      fields: { ...TYPES.changelog.fields('Overlap'), publishAt: '2031-10-26T02:30' },
      submit: { intent: 'schedule' },
    });
    expect(res.outcome, said(res)).toBe('redirected');
    const [row] = await db().select().from(changelogEntries).where(and(eq(changelogEntries.title, 'Overlap')));
    // 02:30 CEST (UTC+2), not 02:30 CET an hour later.
    expect(row!.publishedAt!.toISOString()).toBe('2031-10-26T00:30:00.000Z');
  });

  it("shows a published item's publication time instead of an empty field", async () => {
    const id = await createItem(admin, 'changelog', 'Published note', 'publish');
    const [row] = await db().select().from(changelogEntries).where(eq(changelogEntries.id, id));
    const $ = await formOf(`/cms/changelog/${id}`, admin);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(row!.publishedAt!);
    expect($('#publishAt-hint').text()).toContain(`Published ${local}`);
  });

  it("names the editor's zone in a stale-version message", async () => {
    const id = await createItem(admin, 'changelog', 'Stale check');
    const page = `/cms/changelog/${id}`;
    const first = await submitForm(server.url, page, admin, { fields: { title: 'Stale check 2' }, submit: { intent: 'save' } });
    expect(first.outcome).toBe('redirected');
    const stale = await submitForm(server.url, page, admin, { fields: { title: 'Stale check 3', version: '1' }, submit: { intent: 'save' } });
    expect(said(stale)).toMatch(/at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} Europe\/Berlin/);
  });
});
