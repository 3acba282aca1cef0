// The same data-layer suite on all three drivers: PGlite always; node-postgres and the Neon
// serverless driver when TEST_DATABASE_URL points at a real PostgreSQL (the Neon driver goes
// through a local WebSocket-to-TCP bridge, as it would through Neon's proxy).
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAuthorId } from '../helpers/authors';
import { openDatabase, type DbHandle, type Driver } from '@/db/client';
import { DomainError, toDomainError } from '@/db/errors';
import { migrateDatabase } from '@/db/migrate';
import { posts, postSlugRedirects, postTags, tags, events, revisions } from '@/db/schema';
import { seedDemoContent, type StoreSeedImage } from '@/db/seed';
import { FolderStore } from '@/lib/media/folder-store';
import { seedImagesInto } from '@/lib/media/seed-images';
import { seedPosts } from '@/db/seed/content';
import { startNeonBridge, type Bridge } from '../helpers/neon-ws-bridge';
import { copyTemplate } from '../helpers/template-db';

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
