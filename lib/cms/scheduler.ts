// Scheduled publishing: every post and changelog entry whose time has come goes live, with a
// revision, and the cache tags it touches are returned for revalidation.
import 'server-only';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { changelogEntries, posts, postTags, revisions } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';

export async function publishDue(now = new Date()): Promise<{ published: number; tags: string[] }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const tags = new Set<string>();
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
