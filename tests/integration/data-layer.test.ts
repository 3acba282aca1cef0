// The same data-layer suite on all three drivers: PGlite always; node-postgres and the Neon
// serverless driver when TEST_DATABASE_URL points at a real PostgreSQL (the Neon driver goes
// through a local WebSocket-to-TCP bridge, as it would through Neon's proxy).
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testAuthorId } from '../helpers/authors';
import { openDatabase, type DbHandle, type Driver } from '@/db/client';
import { DomainError, toDomainError } from '@/db/errors';
import { migrateDatabase } from '@/db/migrate';
import { changelogEntries, posts, postSlugRedirects, postTags, tags, events, revisions } from '@/db/schema';
import { seedDemoContent, type StoreSeedImage } from '@/db/seed';
import { FolderStore } from '@/lib/media/folder-store';
import { seedImagesInto } from '@/lib/media/seed-images';
import { seedPosts } from '@/db/seed/content';
import { startNeonBridge, type Bridge } from '../helpers/neon-ws-bridge';
import { copyTemplate } from '../helpers/template-db';
import { createPgTestDatabase, type PgTestDatabase } from '../helpers/pg-test-db';

// The CMS list reader guards against client bundles with `server-only`, which only resolves inside Next.
vi.mock('server-only', () => ({}));

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
if (!TEST_DATABASE_URL) {
  console.warn(
    '[data-layer] pg and Neon driver suites skipped: set TEST_DATABASE_URL to a throwaway PostgreSQL database, ' +
      'e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gazette_test npm run test:db',
  );
}

async function insertOrDomainError(fn: () => Promise<unknown>): Promise<DomainError> {
  try {
    await fn();
  } catch (err) {
    const domain = toDomainError(err);
    if (domain) return domain;
    throw err;
  }
  throw new Error('expected the database to refuse the write');
}

// Demo images go to the copy's own media folder (PGlite), or nowhere (a shared PostgreSQL): never
// into the configured store, which is the working tree's .data/media here.
function dataLayerSuite(driver: Driver, open: () => Promise<{ handle: DbHandle; media?: StoreSeedImage; dispose: () => Promise<void> }>) {
  describe(`data layer on ${driver}`, () => {
    let handle: DbHandle;
    let dispose: () => Promise<void>;
    let media: StoreSeedImage | undefined;
    let author: string;
    const run = randomUUID().slice(0, 8);
    const slug = (name: string) => `${name}-${driver}-${run}`;

    beforeAll(async () => {
      const opened = await open();
      ({ handle, dispose } = opened);
      media = opened.media;
      await migrateDatabase(handle);
      await seedDemoContent(handle.db, media);
      author = await testAuthorId(handle.db);
    });
    afterAll(async () => {
      await dispose?.();
    });

    it('reports which driver it uses', () => {
      expect(handle.driver).toBe(driver);
    });

    it('seeding twice leaves the same content (idempotent)', async () => {
      const count = async () =>
        (await handle.db.select({ n: sql<number>`count(*)::int` }).from(posts).where(sql`${posts.slug} not like '%-${sql.raw(driver)}-%'`))[0]?.n;
      const before = await count();
      await seedDemoContent(handle.db, media);
      expect(await count()).toBe(before);
      expect(before).toBeGreaterThanOrEqual(seedPosts.length);
    });

    it('stores a post with tags and reads it back with typed rows', async () => {
      const [row] = await handle.db
        .insert(posts)
        .values({ slug: slug('hello'), title: 'Hello — ünïcode ✓', body: '# Hi', authorId: author, status: 'published', publishedAt: new Date('2026-01-02T03:04:05Z') })
        .returning();
      expect(row?.version).toBe(1);
      await handle.db.insert(postTags).values({ postId: row!.id, tagSlug: 'http' });
      const read = await handle.db
        .select({ title: posts.title, tag: postTags.tagSlug, publishedAt: posts.publishedAt })
        .from(posts)
        .innerJoin(postTags, eq(postTags.postId, posts.id))
        .where(eq(posts.id, row!.id));
      expect(read).toEqual([{ title: 'Hello — ünïcode ✓', tag: 'http', publishedAt: new Date('2026-01-02T03:04:05Z') }]);
    });

    it('turns a duplicate slug into a conflict naming the slug constraint', async () => {
      await handle.db.insert(posts).values({ slug: slug('dup'), title: 'One', authorId: author });
      const err = await insertOrDomainError(() => handle.db.insert(posts).values({ slug: slug('dup'), title: 'Two', authorId: author }));
      expect(err.kind).toBe('conflict');
      expect(err.constraint).toBe('posts_slug_unique');
    });

    it('turns a malformed slug into an invalid-value error naming the slug check', async () => {
      const err = await insertOrDomainError(() => handle.db.insert(posts).values({ slug: `Bad Slug ${run}`, title: 'x', authorId: author }));
      expect(err.kind).toBe('invalid');
      expect(err.constraint).toBe('posts_slug_format');
    });

    it('refuses an event that ends before it starts', async () => {
      const err = await insertOrDomainError(() =>
        handle.db.insert(events).values({
          uid: `${randomUUID()}@test`,
          title: 'Backwards',
          startsAt: new Date('2026-05-02T10:00:00Z'),
          endsAt: new Date('2026-05-02T09:00:00Z'),
          timeZone: 'Europe/Berlin',
        }),
      );
      expect(err.kind).toBe('invalid');
      expect(err.constraint).toBe('events_end_after_start');
    });

    it('rolls back an interactive transaction as a whole', async () => {
      await expect(
        handle.db.transaction(async (tx) => {
          const [p] = await tx.insert(posts).values({ slug: slug('rollback'), title: 'Half', authorId: author }).returning();
          await tx.insert(revisions).values({ entityType: 'post', entityId: p!.id, entityVersion: 1, snapshot: {}, editorName: 'Ada' });
          // Reading its own writes inside the transaction, then failing:
          const seen = await tx.select().from(posts).where(eq(posts.slug, slug('rollback')));
          expect(seen).toHaveLength(1);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const after = await handle.db.select().from(posts).where(eq(posts.slug, slug('rollback')));
      expect(after).toHaveLength(0);
    });

    it('applies an optimistic update only at the version it read', async () => {
      const [p] = await handle.db.insert(posts).values({ slug: slug('occ'), title: 'v1', authorId: author }).returning();
      const save = (version: number, title: string) =>
        handle.db
          .update(posts)
          .set({ title, version: sql`${posts.version} + 1` })
          .where(and(eq(posts.id, p!.id), eq(posts.version, version)))
          .returning({ version: posts.version });
      expect(await save(1, 'v2 by Ada')).toEqual([{ version: 2 }]);
      expect(await save(1, 'v2 by Bob (stale)')).toEqual([]);
      const [now] = await handle.db.select({ title: posts.title }).from(posts).where(eq(posts.id, p!.id));
      expect(now?.title).toBe('v2 by Ada');
    });

    it('keeps slug history pointing at the renamed post', async () => {
      const renamed = seedPosts.find((p) => p.previousSlugs?.length);
      expect(renamed).toBeDefined();
      const [redirect] = await handle.db
        .select({ current: posts.slug })
        .from(postSlugRedirects)
        .innerJoin(posts, eq(posts.id, postSlugRedirects.postId))
        .where(eq(postSlugRedirects.slug, renamed!.previousSlugs![0]!));
      expect(redirect?.current).toBe(renamed!.slug);
    });

    it('cascades tag renames to posts (foreign keys enforced)', async () => {
      const err = await insertOrDomainError(() =>
        handle.db.insert(postTags).values({ postId: randomUUID(), tagSlug: 'http' }),
      );
      expect(err.kind).toBe('invalid');
      const [t] = await handle.db.select().from(tags).where(eq(tags.slug, 'http'));
      expect(t).toBeDefined();
    });
  });
}

dataLayerSuite('pglite', async () => {
  const { dataDir, mediaDir, cleanup } = copyTemplate();
  const handle = await openDatabase({ driver: 'pglite', dataDir });
  return {
    handle,
    media: seedImagesInto(new FolderStore(mediaDir), { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 }),
    dispose: async () => {
      await handle.close();
      cleanup();
    },
  };
});

describe.skipIf(!TEST_DATABASE_URL)('against TEST_DATABASE_URL', () => {
  dataLayerSuite('pg', async () => {
    const handle = await openDatabase({ driver: 'pg', url: TEST_DATABASE_URL! });
    return { handle, dispose: () => handle.close() };
  });

  let bridge: Bridge | undefined;
  dataLayerSuite('neon', async () => {
    const target = new URL(TEST_DATABASE_URL!);
    bridge = await startNeonBridge({ host: target.hostname, port: Number(target.port || 5432) });
    const handle = await openDatabase({ driver: 'neon', url: TEST_DATABASE_URL!, neonWsProxy: bridge.address, maxConnections: 4 });
    return {
      handle,
      dispose: async () => {
        await handle.close();
        await bridge?.close();
      },
    };
  });
});

// ---------------------------------------------------------------------------------------------
// The CMS list reader (lib/cms/lists.ts) on PostgreSQL through both drivers: websearch search,
// facets, every sort, and keyset paging through the page's own query string (list-params.ts:
// the cursor goes out with encodeCursor and comes back through parseListParams). The database's
// sessions print dates the way a server configured for someone else would (DateStyle 'SQL, DMY',
// TimeZone America/New_York): the cursor must not depend on how a session prints a timestamp.

const { listPage, sortsOf } = await import('@/lib/cms/lists');
const { encodeCursor, parseListParams } = await import('@/lib/cms/list-params');
const { contentType } = await import('@/lib/cms/registry');

/** execute() answers { rows } on every driver; its declared type differs. */
const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

type ListType = NonNullable<ReturnType<typeof contentType>>;
type Params = Record<string, string>;

/** Every row of the list the query string names, page by page (`size` each), forwards then backwards. */
async function walk(db: DbHandle['db'], type: ListType, params: Params, size: string): Promise<{ forward: string[]; backward: string[] }> {
  const read = (extra: Params) => {
    const { query, notices } = parseListParams(type, { ...params, size, ...extra });
    // A cursor the page refuses sends the editor back to the first page (and paging never ends).
    expect(notices, `${JSON.stringify(params)} ${JSON.stringify(extra)}`).toEqual([]);
    return listPage(db, type, query);
  };
  const forward: string[] = [];
  let page = await read({});
  for (let guard = 0; ; guard++) {
    expect(guard, 'paging forward never ends').toBeLessThan(200);
    forward.push(...page.rows.map((r) => r.id));
    if (!page.hasNext) break;
    page = await read({ after: encodeCursor(page.sort, page.rows.at(-1)!.cursor) });
    expect(page.rows.length, `an empty page after ${forward.length} rows`).toBeGreaterThan(0);
  }
  // And back from the last page to the first.
  const backward: string[] = [...page.rows.map((r) => r.id)];
  while (page.hasPrev) {
    expect(backward.length, 'paging backward never ends').toBeLessThanOrEqual(forward.length);
    page = await read({ before: encodeCursor(page.sort, page.rows[0]!.cursor) });
    backward.unshift(...page.rows.map((r) => r.id));
  }
  return { forward, backward };
}

/** The whole list in one read (no cursor): the order paging must reproduce. */
async function whole(db: DbHandle['db'], type: ListType, params: Params): Promise<string[]> {
  const { query } = parseListParams(type, params);
  return (await listPage(db, type, { ...query, limit: 10_000 })).rows.map((r) => r.id);
}

describe.skipIf(!TEST_DATABASE_URL)('CMS lists against TEST_DATABASE_URL (DateStyle SQL, DMY; TimeZone America/New_York; extra_float_digits 0)', () => {
  let pgdb: PgTestDatabase;
  let bridge: Bridge | undefined;
  const handles: Partial<Record<'pg' | 'neon', DbHandle>> = {};
  const seeded = { zephyr: [] as string[], tagged: [] as string[], byOther: [] as string[], changelog: '', event: '' };

  beforeAll(async () => {
    pgdb = await createPgTestDatabase('lists');
    const name = new URL(pgdb.url).pathname.slice(1);
    // New sessions on this database print timestamps as "01/12/2026 06:50:36.123456 EST".
    await pgdb.handle.db.execute(sql.raw(`alter database ${name} set datestyle = 'SQL, DMY'`));
    await pgdb.handle.db.execute(sql.raw(`alter database ${name} set timezone = 'America/New_York'`));
    // And reals with six significant digits (a relevance key printed so no longer reads back as itself).
    await pgdb.handle.db.execute(sql.raw(`alter database ${name} set extra_float_digits = 0`));
    handles.pg = await openDatabase({ driver: 'pg', url: pgdb.url });
    const target = new URL(pgdb.url);
    bridge = await startNeonBridge({ host: target.hostname, port: Number(target.port || 5432) });
    handles.neon = await openDatabase({ driver: 'neon', url: pgdb.url, neonWsProxy: bridge.address, maxConnections: 4 });

    const db = handles.pg.db;
    const ada = await testAuthorId(db, 'Ada Lists');
    const bob = await testAuthorId(db, 'Bob Lists');
    // Times with microseconds, shared by several rows (ties the id must break), across New York's
    // autumn DST change (01:30 local happens twice on 2026-11-01), and drafts with no publication time.
    const times = ['2026-11-01 05:30:00.123456+00', '2026-11-01 06:30:00.123456+00', '2026-11-01 06:30:00.123456+00', '2026-03-08 06:59:59.999999+00', '2026-01-02 03:04:05.000001+00', '2026-01-02 03:04:05.000001+00', '2025-12-31 23:59:59.5+00'];
    for (let i = 0; i < 14; i++) {
      const at = times[i % times.length]!;
      const draft = i % 4 === 3;
      const zephyr = i % 3 === 0;
      const [p] = await db
        .insert(posts)
        .values({
          slug: `list-${i}`,
          // Some titles alike (ties in the title sort too).
          title: i % 5 === 0 ? 'Same title' : `List post ${String.fromCharCode(97 + ((i * 7) % 14))}`,
          summary: zephyr ? 'About the zephyr wind.' : 'About the weather.',
          body: zephyr ? 'A zephyr blows over the quokka.' : 'A calm quokka.',
          authorId: i % 2 ? bob : ada,
          status: draft ? 'draft' : 'published',
          publishedAt: draft ? null : sql`${at}::timestamptz - interval '1 hour'`,
          createdAt: sql`${times[(i + 3) % times.length]!}::timestamptz`,
          updatedAt: sql`${at}::timestamptz`,
        })
        .returning({ id: posts.id });
      if (zephyr) seeded.zephyr.push(p!.id);
      if (i % 2) seeded.byOther.push(p!.id);
      if (i % 3 === 1) {
        await db.insert(postTags).values({ postId: p!.id, tagSlug: 'http' });
        seeded.tagged.push(p!.id);
      }
    }
    const [c] = await db
      .insert(changelogEntries)
      .values({ title: 'Zephyr support', category: 'added', body: 'The zephyr arrives.', status: 'published', publishedAt: sql`'2026-11-01 05:30:00.123456+00'`, updatedAt: sql`'2026-11-01 06:30:00.654321+00'` })
      .returning({ id: changelogEntries.id });
    seeded.changelog = c!.id;
    const [e] = await db
      .insert(events)
      .values({ uid: `${randomUUID()}@test`, title: 'Zephyr meetup', description: 'Wind.', startsAt: sql`'2026-11-01 05:30:00.123456+00'`, endsAt: sql`'2026-11-01 07:30:00+00'`, timeZone: 'America/New_York', publicationStatus: 'published', publishedAt: sql`'2026-10-01 12:00:00.000001+00'`, updatedAt: sql`'2026-11-01 06:30:00.123456+00'` })
      .returning({ id: events.id });
    seeded.event = e!.id;
  });
  afterAll(async () => {
    await handles.neon?.close();
    await bridge?.close();
    await handles.pg?.close();
    await pgdb?.drop();
  });

  for (const driver of ['pg', 'neon'] as const) {
    describe(`on ${driver}`, () => {
      const db = () => handles[driver]!.db;

      it('reads through sessions that print dates as SQL, DMY in New York', async () => {
        const [style] = rowsOf<{ d: string; z: string; f: string }>(await db().execute(sql`select current_setting('DateStyle') as d, current_setting('TimeZone') as z, current_setting('extra_float_digits') as f`));
        expect(style).toEqual({ d: 'SQL, DMY', z: 'America/New_York', f: '0' });
      });

      it('finds by full-text search (websearch syntax), by tag and by author', async () => {
        const post = contentType('post')!;
        const ids = async (params: Params) => (await whole(db(), post, params)).sort();
        expect(await ids({ q: 'zephyr' })).toEqual([...seeded.zephyr].sort());
        expect(await ids({ q: '"zephyr wind" -calm' })).toEqual([...seeded.zephyr].sort());
        expect(await ids({ q: 'zephyr or weather' })).toEqual(expect.arrayContaining(seeded.zephyr));
        expect(await ids({ tag: 'http', q: 'quokka' })).toEqual([...seeded.tagged].sort());
        const [bob] = rowsOf<{ id: string }>(await db().execute(sql`select id from authors where slug = 'bob-lists'`));
        expect(await ids({ author: bob!.id })).toEqual([...seeded.byOther].sort());
        expect(await whole(db(), contentType('changelog')!, { q: 'zephyr' })).toEqual([seeded.changelog]);
        expect(await whole(db(), contentType('event')!, { q: 'zephyr' })).toEqual([seeded.event]);
      });

      it('pages through every sort, both ways, with the keyset cursor: each row once, in order', async () => {
        const cases: Array<[typeName: string, params: Params]> = [];
        for (const typeName of ['post', 'changelog', 'event']) {
          for (const s of sortsOf(contentType(typeName)!)) for (const dir of ['asc', 'desc']) cases.push([typeName, { sort: s.name, dir }]);
        }
        // Relevance (a real), a search with a facet, and a filter's own sort
        // (every seeded post mentions the quokka: more than a page of them, with tied ranks.)
        cases.push(['post', { q: 'quokka' }], ['post', { q: 'quokka zephyr or calm', sort: 'relevance', dir: 'asc' }], ['post', { q: 'quokka', tag: 'http', sort: 'published', dir: 'desc' }], ['post', { q: 'quokka', sort: 'updated', dir: 'asc' }], ['event', { show: 'upcoming' }]);
        for (const [typeName, params] of cases) {
          const type = contentType(typeName)!;
          const all = await whole(db(), type, params);
          const why = `${typeName} ${JSON.stringify(params)}`;
          if (typeName === 'post' && !params.q) expect(all.length, why).toBeGreaterThan(14);
          for (const size of ['10', '25']) {
            const { forward, backward } = await walk(db(), type, params, size);
            expect(forward, `${why}, forward by ${size}`).toEqual(all);
            expect(backward, `${why}, backward by ${size}`).toEqual(all);
          }
        }
      });
    });
  }
});
