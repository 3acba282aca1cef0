// Two production processes (`npm start`, one worker each) on one PostgreSQL database and one
// Redis: random changes made through A's or B's CMS actions and the cron route; after each
// returns, the *other* process (and the one that made it) must answer the new state on every
// affected URL — API documents, lists, feeds, the calendar, public pages — and both must send
// the same ETags (SPEC §7 "read-your-writes everywhere"). The expected state comes from the
// database, not from either server. Halfway, B is killed (SIGKILL) and started again.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogEntries, events, posts, postSlugRedirects, revisions } from '@/db/schema';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { signIn, submitForm, type CookieJar } from '../helpers/cms-client';
import { createPgTestDatabase, TEST_DATABASE_URL, type PgTestDatabase } from '../helpers/pg-test-db';
import { deletePrefix, redisAvailable, testPrefix, TEST_REDIS_URL } from '../helpers/redis';
import { testAuthorId } from '../helpers/authors';

const CHANGES = Number(process.env.MULTI_CHANGES ?? 200);
const SEED = Number(process.env.MULTI_SEED ?? Date.now() % 1_000_000);
const CRON_SECRET = 'cron-secret-for-multi-process-tests';
const SITE_URL = 'http://gazette.test';
const hasRedis = await redisAvailable();
if (!TEST_DATABASE_URL) console.warn('[multi] skipped: set TEST_DATABASE_URL to a PostgreSQL database this test may create databases beside (see README, test tiers)');
if (!hasRedis) console.warn(`[multi] skipped: Redis does not answer at ${TEST_REDIS_URL} (set TEST_REDIS_URL)`);

// A small seeded PRNG (mulberry32), so a failing run can be replayed with MULTI_SEED.
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

type Proc = { name: 'A' | 'B'; server: ChildServer; jar: CookieJar };

describe.skipIf(!TEST_DATABASE_URL || !hasRedis)('two processes, one database, one Redis', () => {
  let db: PgTestDatabase;
  const prefix = testPrefix('ryw');
  const procs: Proc[] = [];
  const env = () => ({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, SITE_URL, CRON_SECRET, WEB_CONCURRENCY: '1' });

  beforeAll(async () => {
    db = await createPgTestDatabase('multi');
    for (const name of ['A', 'B'] as const) {
      const server = await startChildServer(env());
      procs.push({ name, server, jar: await signIn(server.url, 'editor') });
    }
  }, 240_000);

  afterAll(async () => {
    for (const p of procs) await p.server.stop();
    await db?.drop();
    await deletePrefix(prefix);
  });

  it(`shows every change on the other process at once (${CHANGES} changes, seed ${SEED})`, async () => {
    const rnd = prng(SEED);
    const q = db.handle.db;
    let stale = 0;
    let compared = 0;
    const problems: string[] = [];
    let counter = 0;
    // Unique and never a prefix of another ("… Z" ends each).
    const token = () => `Multi ${++counter} ${Math.floor(rnd.next() * 1e6)} Z`;

    async function get(p: Proc, path: string) {
      const res = await fetch(p.server.url + path, { redirect: 'manual' });
      return { status: res.status, etag: res.headers.get('etag'), location: res.headers.get('location'), text: await res.text() };
    }

    // The process that made the last change; the other one is asked first (it knows of the change
    // only through Redis, and the actor's own fresh reads could otherwise refill Redis first).
    let actor: Proc | undefined;
    /** Fetch on both processes; record a problem when `ok` fails on either; compare ETags. */
    async function expectOnBoth(label: string, path: string, ok: (r: Awaited<ReturnType<typeof get>>) => boolean) {
      const answers = [];
      for (const p of actor === procs[0] ? [procs[1]!, procs[0]!] : procs) {
        const r = await get(p, path);
        answers.push(r);
        if (!ok(r)) {
          stale++;
          problems.push(`${label}: ${p.name} ${path} answered ${r.status} ${r.text.slice(0, 120)}`);
        }
      }
      const [a, b] = answers;
      if (a!.status === 200 && b!.status === 200 && (a!.etag || b!.etag)) {
        compared++;
        if (a!.etag !== b!.etag) problems.push(`${label}: ETags differ on ${path}: ${a!.etag} vs ${b!.etag}`);
      }
    }

    async function checkPost(label: string, id: string) {
      const [row] = await q.select().from(posts).where(eq(posts.id, id));
      if (!row) return;
      const live = row.status === 'published' && !row.deletedAt;
      await expectOnBoth(label, `/api/posts/${row.slug}`, (r) =>
        row.deletedAt ? r.status === 410 : live ? r.status === 200 && (JSON.parse(r.text) as { title: string }).title === row.title : r.status === 404,
      );
      const former = await q.select({ slug: postSlugRedirects.slug }).from(postSlugRedirects).where(eq(postSlugRedirects.postId, id));
      for (const { slug } of former.filter((f) => f.slug !== row.slug)) {
        await expectOnBoth(label, `/api/posts/${slug}`, (r) => (row.deletedAt ? r.status === 410 : live ? r.status === 308 && Boolean(r.location?.endsWith(`/api/posts/${row.slug}`)) : r.status === 404));
      }
      const newest = await q
        .select({ id: posts.id, slug: posts.slug })
        .from(posts)
        .where(and(eq(posts.status, 'published'), isNull(posts.deletedAt)))
        .orderBy(desc(posts.publishedAt), desc(posts.id))
        .limit(50);
      const top10 = newest.slice(0, 10).map((p) => p.slug);
      await expectOnBoth(label, '/api/posts?limit=10', (r) => r.status === 200 && JSON.stringify((JSON.parse(r.text) as { data: { slug: string }[] }).data.map((i) => i.slug)) === JSON.stringify(top10));
      const inFeed = newest.some((p) => p.id === id);
      for (const feed of ['/feed.xml', '/atom.xml', '/feed.json']) await expectOnBoth(label, feed, (r) => r.status === 200 && r.text.includes(row.title) === inFeed);
      const onHome = newest.slice(0, 20).some((p) => p.id === id);
      await expectOnBoth(label, '/', (r) => r.status === 200 && r.text.includes(row.title) === onHome);
      // The page's status on the wire (the proxy's gate), from either process at once.
      await expectOnBoth(label, `/posts/${row.slug}`, (r) =>
        row.deletedAt ? r.status === 410 : live ? r.status === 200 && r.text.includes(`<h1>${row.title}</h1>`) : r.status === 404,
      );
      for (const { slug } of former.filter((f) => f.slug !== row.slug)) {
        await expectOnBoth(label, `/posts/${slug}`, (r) => (row.deletedAt ? r.status === 410 : live ? r.status === 308 && Boolean(r.location?.endsWith(`/posts/${row.slug}`)) : r.status === 404));
      }
      await expectOnBoth(label, '/sitemap.xml', (r) => r.status === 200 && r.text.includes(`/posts/${row.slug}<`) === live);
    }

    async function checkEntry(label: string, id: string) {
      const [row] = await q.select().from(changelogEntries).where(eq(changelogEntries.id, id));
      if (!row) return;
      const newest = await q
        .select({ id: changelogEntries.id })
        .from(changelogEntries)
        .where(and(eq(changelogEntries.status, 'published'), isNull(changelogEntries.deletedAt)))
        .orderBy(desc(changelogEntries.publishedAt), desc(changelogEntries.id))
        .limit(50);
      const shown = newest.some((e) => e.id === id);
      for (const path of ['/api/changelog.json', '/changelog.xml', '/changelog']) await expectOnBoth(label, path, (r) => r.status === 200 && r.text.includes(row.title) === shown);
    }

    async function checkEvent(label: string, id: string) {
      const [row] = await q.select().from(events).where(eq(events.id, id));
      if (!row) return;
      const live = row.publicationStatus === 'published' && !row.deletedAt;
      const vevent = (text: string) =>
        new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === row.uid);
      await expectOnBoth(label, '/api/events.ics', (r) => {
        if (r.status !== 200) return false;
        const v = vevent(r.text);
        if (row.deletedAt) return !v || v.getFirstPropertyValue('status') === 'CANCELLED';
        if (!live) return !v;
        return Boolean(v) && v!.getFirstPropertyValue('summary') === row.title && Number(v!.getFirstPropertyValue('sequence')) === row.sequence;
      });
      await expectOnBoth(label, `/api/events/${row.id}.ics`, (r) => (live ? r.status === 200 && r.text.includes(`SEQUENCE:${row.sequence}`) : r.status !== 200 || r.text.includes('CANCELLED')));
      for (const path of ['/api/events', '/events']) await expectOnBoth(label, path, (r) => r.status === 200 && r.text.includes(row.title) === live);
    }

    const mine = { posts: [] as string[], entries: [] as string[], events: [] as string[] };
    const idFrom = (location: string | null) => location?.match(/\/cms\/\w+\/([0-9a-f-]{36})/)?.[1];

    async function act(p: Proc, path: string, options: Parameters<typeof submitForm>[3]) {
      const res = await submitForm(p.server.url, path, p.jar, options);
      if (res.outcome !== 'redirected') throw new Error(`${p.name} ${path}: ${res.status} ${[...res.messages, ...res.fieldErrors].join(' | ')}`);
      return res;
    }

    // The item's own form: an item with staged edits shows the banner's forms above it.
    const ITEM_FORM = 'form.cms-form';

    // Saving a published post stages the edit (the public keeps the published version; the
    // check after it holds that too): then "Publish update" on the banner puts it live.
    async function publishIfStaged(p: Proc, id: string, res: Awaited<ReturnType<typeof act>>) {
      if (/saved=(staged|restore-staged)/.test(res.location ?? '')) {
        await act(p, `/cms/posts/${id}`, { form: '.staged-banner form:has(button[value="publish"])', submit: { intent: 'publish' } });
      }
    }

    // Each operation: make a change through one process, then return what to check.
    type Op = (p: Proc) => Promise<(() => Promise<void>) | undefined>;
    const existingPost = async () => rnd.pick(mine.posts.length && rnd.next() < 0.7 ? mine.posts : (await q.select({ id: posts.id }).from(posts).where(isNull(posts.deletedAt))).map((r) => r.id));
    const ops: Record<string, Op> = {
      'post.publish': async (p) => {
        const title = token();
        const slug = title.toLowerCase().replaceAll(' ', '-');
        const res = await act(p, '/cms/posts/new', { fields: { title, slug, summary: 'Made by the multi-process test.', body: `Body of ${title}.`, tags: 'http' }, submit: { intent: 'publish' } });
        const id = idFrom(res.location)!;
        mine.posts.push(id);
        return () => checkPost('post.publish', id);
      },
      'post.edit': async (p) => {
        const id = await existingPost();
        await publishIfStaged(p, id, await act(p, `/cms/posts/${id}`, { form: ITEM_FORM, fields: { title: token(), body: `Edited ${counter}.` }, submit: { intent: 'save' } }));
        return () => checkPost('post.edit', id);
      },
      'post.rename': async (p) => {
        const id = await existingPost();
        await publishIfStaged(p, id, await act(p, `/cms/posts/${id}`, { form: ITEM_FORM, fields: { slug: `renamed-${++counter}-${Math.floor(rnd.next() * 1e6)}` }, submit: { intent: 'save' } }));
        return () => checkPost('post.rename', id);
      },
      'post.unpublish': async (p) => {
        const id = await existingPost();
        await act(p, `/cms/posts/${id}`, { form: ITEM_FORM, submit: { intent: 'unpublish' } });
        return () => checkPost('post.unpublish', id);
      },
      'post.republish': async (p) => {
        const id = await existingPost();
        await act(p, `/cms/posts/${id}`, { form: ITEM_FORM, submit: { intent: 'publish' } });
        return () => checkPost('post.republish', id);
      },
      'post.delete': async (p) => {
        if (mine.posts.length < 3) return undefined;
        const id = mine.posts.splice(Math.floor(rnd.next() * mine.posts.length), 1)[0]!;
        await act(p, `/cms/posts/${id}`, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
        return () => checkPost('post.delete', id);
      },
      'post.restore': async (p) => {
        const id = await existingPost();
        const [first] = await q.select({ id: revisions.id }).from(revisions).where(and(eq(revisions.entityType, 'post'), eq(revisions.entityId, id))).orderBy(asc(revisions.createdAt)).limit(1);
        if (!first) return undefined;
        // Restoring asks on its confirmation page first; a published post gets it staged.
        await publishIfStaged(p, id, await act(p, `/cms/posts/${id}/revisions/${first.id}/restore`, {}));
        return () => checkPost('post.restore', id);
      },
      'post.schedule-fires': async (p) => {
        const title = token();
        const authorId = await testAuthorId(q, 'Scheduler test');
        const [row] = await q
          .insert(posts)
          .values({ slug: title.toLowerCase().replaceAll(' ', '-'), title, authorId, body: 'Due.', status: 'scheduled', publishedAt: new Date(Date.now() - 1000) })
          .returning({ id: posts.id });
        const run = await fetch(`${p.server.url}/api/cron/publish`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
        expect(run.status).toBe(200);
        // A process's own one-minute scheduler may have taken this run (the advisory lock lets one
        // run at a time); then wait until that run has committed and invalidated.
        if (((await run.json()) as { published: number }).published === 0) {
          for (let i = 0; i < 50; i++) {
            const [now] = await q.select({ status: posts.status }).from(posts).where(eq(posts.id, row!.id));
            if (now?.status === 'published') break;
            await new Promise((r) => setTimeout(r, 100));
          }
          await new Promise((r) => setTimeout(r, 500));
        }
        mine.posts.push(row!.id);
        return () => checkPost('post.schedule-fires', row!.id);
      },
      'changelog.publish': async (p) => {
        const title = token();
        const res = await act(p, '/cms/changelog/new', { fields: { title, body: `- ${title}`, category: rnd.pick(['added', 'changed', 'fixed'] as const), productVersion: '1.2.3' }, submit: { intent: 'publish' } });
        const id = idFrom(res.location)!;
        mine.entries.push(id);
        return () => checkEntry('changelog.publish', id);
      },
      'changelog.edit': async (p) => {
        if (!mine.entries.length) return undefined;
        const id = rnd.pick(mine.entries);
        await act(p, `/cms/changelog/${id}`, { form: ITEM_FORM, fields: { title: token() }, submit: { intent: rnd.pick(['save', 'publish', 'unpublish'] as const) } });
        return () => checkEntry('changelog.edit', id);
      },
      'changelog.delete': async (p) => {
        if (mine.entries.length < 2) return undefined;
        const id = mine.entries.splice(Math.floor(rnd.next() * mine.entries.length), 1)[0]!;
        await act(p, `/cms/changelog/${id}`, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
        return () => checkEntry('changelog.delete', id);
      },
      'event.publish': async (p) => {
        const title = token();
        const day = 10 + Math.floor(rnd.next() * 18);
        const res = await act(p, '/cms/events/new', {
          fields: { title, description: 'Made by the multi-process test', location: 'Berlin', url: '', timeZone: 'Europe/Berlin', start: `2027-06-${day}T18:00`, end: `2027-06-${day}T20:00`, status: 'confirmed' },
          submit: { intent: 'publish' },
        });
        const id = idFrom(res.location)!;
        mine.events.push(id);
        return () => checkEvent('event.publish', id);
      },
      'event.edit': async (p) => {
        if (!mine.events.length) return undefined;
        const id = rnd.pick(mine.events);
        const day = 10 + Math.floor(rnd.next() * 18);
        await act(p, `/cms/events/${id}`, { form: ITEM_FORM, fields: { title: token(), start: `2027-07-${day}T09:00`, end: `2027-07-${day}T11:00` }, submit: { intent: rnd.next() < 0.8 ? 'publish' : 'unpublish' } });
        return () => checkEvent('event.edit', id);
      },
      'event.delete': async (p) => {
        if (mine.events.length < 2) return undefined;
        const id = mine.events.splice(Math.floor(rnd.next() * mine.events.length), 1)[0]!;
        await act(p, `/cms/events/${id}`, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
        return () => checkEvent('event.delete', id);
      },
    };
    const names = Object.keys(ops);
    // Warm both processes' caches on what will be checked.
    for (const p of procs) for (const path of ['/api/posts?limit=10', '/feed.xml', '/atom.xml', '/feed.json', '/', '/api/changelog.json', '/changelog.xml', '/api/events.ics', '/api/events', '/sitemap.xml']) await get(p, path);

    const counts: Record<string, number> = {};
    let made = 0;
    let restarted = false;
    while (made < CHANGES) {
      if (!restarted && made >= CHANGES / 2) {
        // B dies without a chance to clean up, and comes back on the same port.
        const b = procs[1]!;
        const port = Number(new URL(b.server.url).port);
        b.server.child.kill('SIGKILL');
        await new Promise((r) => b.server.child.once('exit', r));
        await b.server.stop();
        b.server = await startChildServer(env(), { port });
        b.jar = await signIn(b.server.url, 'editor');
        restarted = true;
      }
      const name = rnd.pick(names);
      actor = rnd.pick(procs);
      const check = await ops[name]!(actor);
      if (!check) continue;
      await check();
      counts[name] = (counts[name] ?? 0) + 1;
      made++;
    }
    console.log(`[multi] seed ${SEED}: ${made} changes ${JSON.stringify(counts)}; stale answers ${stale}; ETags compared ${compared}, differing ${problems.filter((p) => p.includes('ETags differ')).length}`);
    expect(problems).toEqual([]);
  }, 900_000);
});
