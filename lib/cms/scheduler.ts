// Scheduled publishing: every post and changelog entry whose time has come goes live, with a
// revision, and the cache tags it touches are returned for revalidation.
import 'server-only';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { changelogEntries, posts, postTags, revisions } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';

// pg_advisory lock key of the scheduler (any constant unique to this job).
const SCHEDULER_LOCK = 0x67617a65; // "gaze"

export async function publishDue(now = new Date()): Promise<{ published: number; tags: string[] }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const tags = new Set<string>();
    // One run at a time across every process and machine (SPEC §7 "work done once"): a run that
    // finds another in progress leaves the due items to it. The row updates below are atomic
    // anyway (a concurrent UPDATE re-checks `status = 'scheduled'`); the lock keeps runs from
    // queueing behind each other's row locks.
    // execute() answers { rows } on all three drivers (PGlite, pg, Neon); its declared type is
    // the union of their result types.
    const result = (await tx.execute(sql`select pg_try_advisory_xact_lock(${SCHEDULER_LOCK}) as locked`)) as unknown as { rows: { locked: boolean }[] };
    if (!result.rows[0]?.locked) return { published: 0, tags: [] };
    const duePosts = await tx
      .update(posts)
      .set({ status: 'published', version: sql`${posts.version} + 1`, updatedAt: now })
      .where(and(eq(posts.status, 'scheduled'), lte(posts.publishedAt, now), isNull(posts.deletedAt)))
      .returning();
    for (const p of duePosts) {
      const t = (await tx.select({ slug: postTags.tagSlug }).from(postTags).where(eq(postTags.postId, p.id))).map((r) => r.slug);
      await tx.insert(revisions).values({
        entityType: 'post',
        entityId: p.id,
        entityVersion: p.version,
        snapshot: { slug: p.slug, title: p.title, summary: p.summary, body: p.body, author: p.author, status: p.status, publishedAt: p.publishedAt?.toISOString() ?? null, tags: t },
        editorName: 'Scheduler',
        note: 'published on schedule',
      });
      tags.add(cacheTags.posts).add(cacheTags.post(p.slug));
      for (const slug of t) tags.add(cacheTags.tag(slug));
    }
    const dueEntries = await tx
      .update(changelogEntries)
      .set({ status: 'published', version: sql`${changelogEntries.version} + 1`, updatedAt: now })
      .where(and(eq(changelogEntries.status, 'scheduled'), lte(changelogEntries.publishedAt, now), isNull(changelogEntries.deletedAt)))
      .returning();
    for (const c of dueEntries) {
      await tx.insert(revisions).values({
        entityType: 'changelog',
        entityId: c.id,
        entityVersion: c.version,
        snapshot: { title: c.title, body: c.body, category: c.category, productVersion: c.productVersion, status: c.status, publishedAt: c.publishedAt?.toISOString() ?? null },
        editorName: 'Scheduler',
        note: 'published on schedule',
      });
      tags.add(cacheTags.changelog);
    }
    return { published: duePosts.length + dueEntries.length, tags: [...tags] };
  });
}
