// The CMS lists of every content type over HTTP, as a browser without JavaScript uses them:
// full-text search (hostile input never answers 500), filters, every sort, keyset pages that
// visit each item once even while items are edited, and bulk publish/unpublish/delete through
// the one confirmation page, item by item through the engine.
import { randomUUID } from 'node:crypto';
import * as cheerio from 'cheerio';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogEntries, events, posts, postTags, revisions, tags } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { CookieJar, signIn, submitForm } from '../helpers/cms-client';
import { testAuthorId } from '../helpers/authors';

let server: TestServer;
let editor: CookieJar;
let ada: string;
let bea: string;
const db = () => server.handle.db;

type Status = 'draft' | 'scheduled' | 'published';
interface Kind {
  segment: string;
  table: PgTable & { id: PgColumn; title: PgColumn; version: PgColumn; deletedAt: PgColumn };
  status: PgColumn;
  insert: (i: number, status: Status, title: string, body: string) => Promise<string>;
}

const N = 36;
const pad = (i: number) => String(i).padStart(3, '0');
// Titles: "Lists {segment} 001" … (one word shared by every type's test rows, one per type).
const titleOf = (segment: string, i: number) => `Lists ${segment} ${pad(i)}${i === 7 ? ' kumquat' : ''}`;
const bodyOf = (i: number) => (i % 5 === 0 ? `A paragraph about the kumquat harvest, part ${i}.` : `Ordinary text number ${i}.`);
const statusOf = (i: number): Status => (i % 3 === 0 ? 'draft' : i % 3 === 1 ? 'published' : 'scheduled');
const when = (status: Status, i: number) => (status === 'draft' ? null : status === 'scheduled' ? new Date(Date.UTC(2031, 0, 1) + i * 60_000) : new Date(Date.UTC(2024, 0, 1) + i * 60_000));

const KINDS: Kind[] = [
  {
    segment: 'posts',
    table: posts,
    status: posts.status,
    async insert(i, status, title, body) {
      const [row] = await db()
        .insert(posts)
        .values({ slug: `lists-post-${pad(i)}-${randomUUID().slice(0, 6)}`, title, body, summary: '', authorId: i % 2 ? ada : bea, status, publishedAt: when(status, i), createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000) })
        .returning({ id: posts.id });
      await db().insert(postTags).values({ postId: row!.id, tagSlug: i % 4 === 0 ? 'lists-odd' : 'lists-even' });
      return row!.id;
    },
  },
  {
    segment: 'changelog',
    table: changelogEntries,
    status: changelogEntries.status,
    async insert(i, status, title, body) {
      const [row] = await db()
        .insert(changelogEntries)
        .values({ title, body, category: 'added', productVersion: `9.${i}.0`, status, publishedAt: when(status, i), createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000) })
        .returning({ id: changelogEntries.id });
      return row!.id;
    },
  },
  {
    segment: 'events',
    table: events,
    status: events.publicationStatus,
    async insert(i, status, title, body) {
      const id = randomUUID();
      const startsAt = new Date(Date.UTC(2030, 0, 1) + i * 86_400_000);
      await db()
        .insert(events)
        .values({ id, uid: `${id}@gazette`, title, description: body, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), timeZone: 'Europe/Berlin', publicationStatus: status, publishedAt: when(status, i), createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000) });
      return id;
    },
  },
];

const ids: Record<string, string[]> = {};

beforeAll(async () => {
  server = await startTestServer();
  editor = await signIn(server.url, 'editor');
  ada = await testAuthorId(db(), 'Ada Lists');
  bea = await testAuthorId(db(), 'Bea Lists');
  await db().insert(tags).values([{ slug: 'lists-odd', name: 'lists-odd' }, { slug: 'lists-even', name: 'lists-even' }]).onConflictDoNothing();
  for (const kind of KINDS) {
    ids[kind.segment] = [];
    for (let i = 1; i <= N; i++) ids[kind.segment]!.push(await kind.insert(i, statusOf(i), titleOf(kind.segment, i), bodyOf(i)));
  }
}, 120_000);
afterAll(async () => {
  await server?.close();
});

interface ListView {
  status: number;
  titles: string[];
  /** "id.version" of each row's checkbox. */
  items: string[];
  next?: string;
  prev?: string;
  summary: string;
  messages: string[];
  html: string;
}

async function list(path: string, jar: CookieJar = editor): Promise<ListView> {
  const res = await fetch(server.url + path, { headers: { cookie: jar.header() }, redirect: 'manual' });
  const html = await res.text();
  const $ = cheerio.load(html);
  return {
    status: res.status,
    titles: $('.cms-table tbody tr td:nth-child(2) > a').map((_, a) => $(a).text()).get(),
    items: $('.cms-table tbody input[name=item]').map((_, e) => $(e).attr('value')!).get(),
    next: $('a[rel=next]').attr('href'),
    prev: $('a[rel=prev]').attr('href'),
    summary: $('.list-summary').text(),
    messages: $('main [role=status], main [role=alert]').map((_, e) => $(e).text().trim()).get(),
    html,
  };
}

/** Every page of a list, following "Next" from `path`. */
async function walk(path: string, between?: (page: number) => Promise<void>): Promise<{ titles: string[]; pages: ListView[] }> {
  const pages: ListView[] = [];
  let next: string | undefined = path;
  while (next) {
    const view = await list(next);
    expect(view.status, next).toBe(200);
    pages.push(view);
    await between?.(pages.length);
    next = view.next;
    expect(pages.length).toBeLessThan(50);
  }
  return { titles: pages.flatMap((p) => p.titles), pages };
}

const ours = (segment: string, titles: string[]) => titles.filter((t) => t.startsWith(`Lists ${segment} `));
const q = (s: string) => encodeURIComponent(s);

describe.each(KINDS)('the $segment list', (kind) => {
  const base = `/cms/${kind.segment}`;
  const mine = (titles: string[]) => ours(kind.segment, titles);

  it('searches title and text with PostgreSQL full-text search, title matches first', async () => {
    const hits = await list(`${base}?q=kumquat&size=100`);
    expect(hits.status).toBe(200);
    const expected = Array.from({ length: N }, (_, k) => k + 1).filter((i) => i === 7 || i % 5 === 0);
    expect(mine(hits.titles).sort()).toEqual(expected.map((i) => titleOf(kind.segment, i)).sort());
    // Ranked: the title match (weight A) before the text matches (weight B).
    expect(mine(hits.titles)[0]).toBe(titleOf(kind.segment, 7));
    // Stemming (english): "harvests" finds "harvest"; a phrase and an exclusion in websearch syntax.
    expect(mine((await list(`${base}?q=harvests&size=100`)).titles)).toHaveLength(expected.length - 1);
    expect(mine((await list(`${base}?q=${q('"kumquat harvest" -part')}&size=100`)).titles)).toEqual([]);
    expect(mine((await list(`${base}?q=${q('kumquat -harvest')}&size=100`)).titles)).toEqual([titleOf(kind.segment, 7)]);
    const miss = await list(`${base}?q=xylophonist`);
    expect(miss.status).toBe(200);
    expect(miss.titles).toEqual([]);
    expect(miss.summary).toMatch(/No .* match “xylophonist”/);
  });

  it('never answers 500 to hostile searches, sorts, sizes or cursors', async () => {
    const hostile = [
      '"', "'", '&|!:*()', 'a & b | !c <-> d', '"unterminated', '((((', '!!!', ':*', '\\', '-', 'or', 'the',
      'x'.repeat(5000), 'kumquat\u0000harvest', '\u0000', '😀 kumquat', "'; drop table posts; --",
    ];
    for (const s of hostile) {
      const view = await list(`${base}?q=${q(s)}`);
      expect(view.status, JSON.stringify(s.slice(0, 20))).toBe(200);
    }
    expect((await list(`${base}?q=${q('x'.repeat(5000))}`)).messages.join(' ')).toMatch(/shortened/);
    // Raw query strings a browser would not send: invalid UTF-8 and broken percent-escapes.
    for (const raw of ['q=%FF%FE', 'q=%C3%28', 'q=%00', 'q=%', 'q=%E0%A4%A', 'q=%ED%A0%80', 'q[]=x&q=y', 'sort=%00&dir=sideways&size=100000&status=gone&show=..&tag=%2F..%2F&author=nope']) {
      const res = await fetch(`${server.url}${base}?${raw}`, { headers: { cookie: editor.header() }, redirect: 'manual' });
      expect(res.status, raw).toBe(200);
    }
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const cursor of ['garbage', '', b64(['updated', 'desc', '2026-02-30 00:00:00+00', randomUUID()]), b64(['updated', 'desc', "x') or 1=1 --", randomUUID()]), b64(['title', 'asc', 'a\u0000', randomUUID()]), b64(['updated', 'desc', '2026-01-01 00:00:00+00', 'not-a-uuid'])]) {
      for (const dirn of ['after', 'before']) {
        const view = await list(`${base}?${dirn}=${q(cursor)}`);
        expect(view.status, cursor).toBe(200);
        expect(view.titles.length).toBeGreaterThan(0);
      }
    }
  });

  it('filters by publication status', async () => {
    for (const status of ['draft', 'scheduled', 'published'] as const) {
      const { titles } = await walk(`${base}?status=${status}&size=100`);
      const expected = Array.from({ length: N }, (_, k) => k + 1).filter((i) => statusOf(i) === status).map((i) => titleOf(kind.segment, i));
      expect(mine(titles).sort(), status).toEqual(expected.sort());
      const [n] = await db().select({ n: sql<number>`count(*)::int` }).from(kind.table).where(and(eq(kind.status, status), isNull(kind.table.deletedAt)));
      expect(titles).toHaveLength(n!.n);
    }
  });

  it('sorts by title, update, creation and publication time, both ways', async () => {
    const walkAll = async (params: string) => mine((await walk(`${base}?q=lists&size=10&${params}`)).titles);
    const byNumber = Array.from({ length: N }, (_, k) => titleOf(kind.segment, k + 1));
    expect(await walkAll('sort=title&dir=asc')).toEqual(byNumber);
    expect(await walkAll('sort=title&dir=desc')).toEqual([...byNumber].reverse());
    // Created one second apart in number order.
    expect(await walkAll('sort=created&dir=asc')).toEqual(byNumber);
    expect(await walkAll('sort=created&dir=desc')).toEqual([...byNumber].reverse());
    // Publication time: drafts (none) first when ascending, scheduled (2031) last.
    const published = await walkAll('sort=published&dir=asc');
    const rank = (t: string) => ({ draft: 0, published: 1, scheduled: 2 })[statusOf(Number(/ (\d{3})/.exec(t)![1]))];
    expect(published.map(rank)).toEqual([...published.map(rank)].sort());
    expect(await walkAll('sort=published&dir=desc')).toEqual([...published].reverse());
    const updated = await walkAll('sort=updated&dir=desc');
    expect(updated).toHaveLength(N);
    expect(await walkAll('sort=updated&dir=asc')).toEqual([...updated].reverse());
  });

  it('pages by keyset: every item exactly once, even when items are edited between pages; Previous walks back', async () => {
    const all = await db().select({ id: kind.table.id }).from(kind.table).where(isNull(kind.table.deletedAt));
    const edited: string[] = [];
    // Edit an item already shown and one not yet shown, through the editor's own form.
    const { titles, pages } = await walk(`${base}?sort=title&dir=asc&size=10`, async (page) => {
      if (page !== 2) return;
      for (const i of [3, 30]) {
        const id = ids[kind.segment]![i - 1]!;
        const res = await submitForm(server.url, `${base}/${id}`, editor, { submit: { intent: 'save' } });
        expect(res.outcome, res.messages.join(' | ')).toBe('redirected');
        edited.push(id);
      }
    });
    expect(edited).toHaveLength(2);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toHaveLength(all.length);
    expect(pages.length).toBe(Math.ceil(all.length / 10));
    // The default order (last updated first): editing a shown item does not show it again.
    const seen: string[] = [];
    let next: string | undefined = `${base}?size=10`;
    for (let page = 1; next; page++) {
      const view = await list(next);
      seen.push(...view.items.map((v) => v.split('.')[0]!));
      if (page === 1) await submitForm(server.url, `${base}/${seen[0]}`, editor, { submit: { intent: 'save' } });
      next = view.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(all.length);
    // Previous from the last page walks back through the same pages.
    const forward = await walk(`${base}?sort=title&dir=desc&size=10`);
    const back: string[][] = [];
    let prev: string | undefined = forward.pages.at(-1)!.prev;
    back.unshift(forward.pages.at(-1)!.titles);
    while (prev) {
      const view = await list(prev);
      back.unshift(view.titles);
      prev = view.prev;
    }
    expect(back).toEqual(forward.pages.map((p) => p.titles));
  });

  it('refuses the list to visitors without a session', async () => {
    const res = await fetch(server.url + base, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\/cms\/login/);
  });
});

describe('the posts list', () => {
  it('shows each post’s author and tags, and filters by tag and by author', async () => {
    const view = await list(`/cms/posts?q=lists&sort=title&dir=asc&size=10`);
    const $ = cheerio.load(view.html);
    const first = $('.cms-table tbody tr').filter((_, tr) => $(tr).text().includes(titleOf('posts', 1))).first();
    expect(first.text()).toContain('Ada Lists');
    expect(first.text()).toContain('lists-even');
    const byTag = await walk(`/cms/posts?tag=lists-odd&size=100`);
    expect(byTag.titles.sort()).toEqual(Array.from({ length: N / 4 }, (_, k) => titleOf('posts', (k + 1) * 4)).sort());
    const byAuthor = await walk(`/cms/posts?author=${bea}&size=100`);
    expect(byAuthor.titles.sort()).toEqual(Array.from({ length: N / 2 }, (_, k) => titleOf('posts', (k + 1) * 2)).sort());
    const both = await walk(`/cms/posts?author=${bea}&tag=lists-odd&status=draft&q=kumquat`);
    // 4k, even (Bea), i%3==0 (draft), i%5==0 (kumquat in the text): 60 is past N, so none.
    expect(both.titles).toEqual([]);
    const twelve = await walk(`/cms/posts?author=${bea}&tag=lists-odd&status=draft`);
    expect(twelve.titles.sort()).toEqual([12, 24, 36].map((i) => titleOf('posts', i)).sort());
  });

  it('keeps the dashboard working', async () => {
    const res = await fetch(`${server.url}/cms`, { headers: { cookie: editor.header() } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Lists posts');
  });
});

/** The confirmation page of a bulk action, as the list's GET form reaches it. */
function confirmPath(segment: string, intent: string, items: string[], back = `/cms/${segment}?q=lists`) {
  const qs = new URLSearchParams({ back, intent });
  for (const item of items) qs.append('item', item);
  return `/cms/${segment}/bulk?${qs}`;
}

describe.each(KINDS)('bulk actions on $segment', (kind) => {
  const base = `/cms/${kind.segment}`;
  const rowsOf = async (list: string[]) =>
    db().select({ id: kind.table.id, status: kind.status, version: kind.table.version, deletedAt: kind.table.deletedAt }).from(kind.table).where(inArray(kind.table.id, list));

  it('publishes, unpublishes and deletes the selected items after one confirmation, each with a revision', async () => {
    const view = await list(`${base}?q=lists&status=draft&sort=title&dir=asc&size=10`);
    const picked = view.items.slice(0, 3);
    const pickedIds = picked.map((v) => v.split('.')[0]!);
    expect(picked).toHaveLength(3);

    const page = await fetch(server.url + confirmPath(kind.segment, 'publish', picked), { headers: { cookie: editor.header() } });
    const $ = cheerio.load(await page.text());
    expect($('h1').text()).toMatch(/Publish 3/);
    expect($('main li')).toHaveLength(3);
    // Seeing the confirmation changed nothing.
    expect((await rowsOf(pickedIds)).every((r) => r.status === 'draft')).toBe(true);

    const published = await submitForm(server.url, confirmPath(kind.segment, 'publish', picked), editor, { submit: { intent: 'publish' } });
    expect(published.outcome).toBe('flashed');
    expect(published.location).toBe(`${base}?q=lists`);
    expect(published.messages.join(' ')).toMatch(/3 [\w ]+ published\./);
    expect((await rowsOf(pickedIds)).every((r) => r.status === 'published')).toBe(true);
    const revs = await db().select().from(revisions).where(and(inArray(revisions.entityId, pickedIds), eq(revisions.note, 'publish')));
    expect(revs).toHaveLength(3);
    expect(revs.every((r) => r.editorName === 'Eddie Editor')).toBe(true);

    const now = await rowsOf(pickedIds);
    const unpublished = await submitForm(server.url, confirmPath(kind.segment, 'unpublish', now.map((r) => `${r.id}.${r.version}`)), editor, { submit: { intent: 'unpublish' } });
    expect(unpublished.messages.join(' ')).toMatch(/3 [\w ]+ unpublished/);
    expect((await rowsOf(pickedIds)).every((r) => r.status === 'draft')).toBe(true);

    const again = await rowsOf(pickedIds);
    const deleted = await submitForm(server.url, confirmPath(kind.segment, 'delete', again.map((r) => `${r.id}.${r.version}`)), editor, { submit: { intent: 'delete' } });
    expect(deleted.messages.join(' ')).toMatch(/3 [\w ]+ deleted/);
    expect((await rowsOf(pickedIds)).every((r) => r.deletedAt !== null)).toBe(true);
    const after = await list(`${base}?q=lists&size=100`);
    for (const id of pickedIds) expect(after.items.some((v) => v.startsWith(id))).toBe(false);
  });

  it('reports a stale or deleted item and leaves it alone, doing the rest', async () => {
    const view = await list(`${base}?q=lists&status=draft&sort=title&dir=desc&size=10`);
    const [fresh, stale, gone] = view.items;
    const [freshId, staleId, goneId] = [fresh, stale, gone].map((v) => v!.split('.')[0]!) as [string, string, string];
    // Someone edits one and deletes another after the list was shown.
    expect((await submitForm(server.url, `${base}/${staleId}`, editor, { submit: { intent: 'save' } })).outcome).toBe('redirected');
    await db().execute(sql`update ${kind.table} set deleted_at = now(), version = version + 1 where id = ${goneId}`);
    const before = await rowsOf([staleId, goneId]);

    const confirm = cheerio.load(await (await fetch(server.url + confirmPath(kind.segment, 'publish', [fresh!, stale!, gone!]), { headers: { cookie: editor.header() } })).text());
    expect(confirm('.will-refuse')).toHaveLength(2);

    const res = await submitForm(server.url, confirmPath(kind.segment, 'publish', [fresh!, stale!, gone!]), editor, { submit: { intent: 'publish' } });
    const report = res.messages.join(' ');
    expect(report).toMatch(/1 [\w ]+ published\./);
    expect(report).toMatch(/2 refused/);
    expect(report).toMatch(/changed this .* after you opened it/);
    expect(report).toMatch(/no longer exists/);
    expect((await rowsOf([freshId]))[0]!.status).toBe('published');
    expect(await rowsOf([staleId, goneId])).toEqual(before);
  });

  it('refuses a bulk action without a session, or with a forged one, changing nothing', async () => {
    const view = await list(`${base}?q=lists&status=draft&size=10`);
    const picked = view.items.slice(0, 2);
    const pickedIds = picked.map((v) => v.split('.')[0]!);
    const before = await rowsOf(pickedIds);
    const forged = new CookieJar();
    forged.take(new Response(null, { headers: { 'set-cookie': 'better-auth.session_token=forged.value; Path=/' } }));
    // The editor's page and form, replayed with a forged cookie, and with none at all.
    for (const cookie of [forged.header(), '']) {
      const res = await submitForm(server.url, confirmPath(kind.segment, 'delete', picked), editor, { submit: { intent: 'delete' }, headers: { cookie } });
      expect(res.outcome).toBe('redirected');
      expect(res.location).toMatch(/\/cms\/login/);
    }
    expect(await rowsOf(pickedIds)).toEqual(before);
    // Nor can the confirmation page be seen without a session.
    expect((await fetch(server.url + confirmPath(kind.segment, 'delete', picked), { redirect: 'manual' })).status).toBe(303);
  });

  it('refuses a tampered selection with a clear message, changing nothing', async () => {
    for (const items of [['not-an-item'], [], Array.from({ length: 101 }, () => `${randomUUID()}.1`)]) {
      const page = await fetch(server.url + confirmPath(kind.segment, 'publish', items), { headers: { cookie: editor.header() } });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Nothing to confirm/);
    }
    const bogus = await fetch(server.url + confirmPath(kind.segment, 'explode', [`${randomUUID()}.1`]), { headers: { cookie: editor.header() } });
    expect(await bogus.text()).toMatch(/Choose publish, unpublish or delete/);
    // An unknown id passes the form but names nothing: reported, nothing written.
    const res = await submitForm(server.url, confirmPath(kind.segment, 'delete', [`${randomUUID()}.1`]), editor, { submit: { intent: 'delete' } });
    expect(res.messages.join(' ')).toMatch(/0 [\w ]+ deleted\. 1 refused/);
  });
});
