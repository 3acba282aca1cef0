// Scheduled publishing runs once per item however many processes run it (SPEC §7 "work done
// once"): three production processes on one PostgreSQL database and one Redis, 50 items due,
// the cron route called on all three at once (their own one-minute schedulers run too).
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogEntries, posts, revisions } from '@/db/schema';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { createPgTestDatabase, TEST_DATABASE_URL, type PgTestDatabase } from '../helpers/pg-test-db';
import { deletePrefix, redisAvailable, testPrefix, TEST_REDIS_URL } from '../helpers/redis';
import { testAuthorId } from '../helpers/authors';

const CRON_SECRET = 'cron-secret-for-multi-process-tests';
const hasRedis = await redisAvailable();
if (!TEST_DATABASE_URL) console.warn('[multi] skipped: set TEST_DATABASE_URL (see README, test tiers)');
if (!hasRedis) console.warn(`[multi] skipped: Redis does not answer at ${TEST_REDIS_URL}`);

describe.skipIf(!TEST_DATABASE_URL || !hasRedis)('scheduled publishing with three processes', () => {
  let db: PgTestDatabase;
  const prefix = testPrefix('once');
  const servers: ChildServer[] = [];

  beforeAll(async () => {
    db = await createPgTestDatabase('once');
    const env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, SITE_URL: 'http://gazette.test', CRON_SECRET, WEB_CONCURRENCY: '1' };
    for (let i = 0; i < 3; i++) servers.push(await startChildServer(env));
  }, 240_000);

  afterAll(async () => {
    for (const s of servers) await s.stop();
    await db?.drop();
    await deletePrefix(prefix);
  });

  it('publishes each of 50 due items exactly once, and every process serves all of them', async () => {
    const q = db.handle.db;
    const due = new Date(Date.now() - 1000);
    const authorId = await testAuthorId(q, 'Scheduler test');
    const postRows = await q
      .insert(posts)
      .values(Array.from({ length: 35 }, (_, i) => ({ slug: `due-post-${i}`, title: `Due post ${i}`, authorId, body: `Body ${i}`, status: 'scheduled' as const, publishedAt: due })))
      .returning({ id: posts.id, slug: posts.slug });
    const entryRows = await q
      .insert(changelogEntries)
      .values(Array.from({ length: 15 }, (_, i) => ({ title: `Due entry ${i} Z`, body: 'x', category: 'added' as const, status: 'scheduled' as const, publishedAt: due })))
      .returning({ id: changelogEntries.id });
    // Warm every process on what is about to change.
    for (const s of servers) {
      for (const p of postRows.slice(0, 5)) expect((await fetch(`${s.url}/api/posts/${p.slug}`)).status).toBe(404);
      await fetch(`${s.url}/api/changelog.json`);
    }

    // Five rounds of the cron route on all three processes at once.
    const runs = await Promise.all(
      servers.flatMap((s) =>
        Array.from({ length: 5 }, () =>
          fetch(`${s.url}/api/cron/publish`, { headers: { authorization: `Bearer ${CRON_SECRET}` } }).then(async (r) => ({ status: r.status, body: (await r.json()) as { published: number } })),
        ),
      ),
    );
    expect(runs.every((r) => r.status === 200)).toBe(true);
    const byRoute = runs.reduce((n, r) => n + r.body.published, 0);

    const ids = [...postRows.map((p) => p.id), ...entryRows.map((e) => e.id)];
    const published = await q.select({ id: revisions.entityId }).from(revisions).where(inArray(revisions.entityId, ids));
    const perItem = new Map<string, number>();
    for (const r of published) perItem.set(r.id, (perItem.get(r.id) ?? 0) + 1);
    console.log(`[multi] 15 cron runs on 3 processes: ${byRoute} items published by the route, ${published.length} schedule revisions for 50 items`);
    expect(ids.every((id) => perItem.get(id) === 1)).toBe(true);
    expect(byRoute).toBeLessThanOrEqual(50);
    for (const p of postRows) expect((await q.select({ status: posts.status }).from(posts).where(eq(posts.id, p.id)))[0]!.status).toBe('published');

    // Whichever process published them, every process serves them now.
    for (const s of servers) {
      for (const p of postRows) expect((await fetch(`${s.url}/api/posts/${p.slug}`)).status, `${s.url} ${p.slug}`).toBe(200);
      const feed = await (await fetch(`${s.url}/api/changelog.json`)).text();
      for (let i = 0; i < 15; i++) expect(feed).toContain(`Due entry ${i} Z`);
    }
  });
});
