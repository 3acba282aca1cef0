// Cached readers for posts. Plain data out (no class instances, no Response), tagged per
// SPEC §4 so publishing can invalidate exactly what changed.
import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb } from '@/db/client';
import { posts } from '@/db/schema';
import { cacheTags } from './cache-tags';

export interface PostSummary {
  slug: string;
  title: string;
  summary: string;
  author: string;
  publishedAt: string;
  updatedAt: string;
}

/** The newest published posts, for the home page. */
export async function getLatestPosts(limit: number): Promise<PostSummary[]> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  const db = await getDb();
  const rows = await db
    .select({
      slug: posts.slug,
      title: posts.title,
      summary: posts.summary,
      author: posts.author,
      publishedAt: posts.publishedAt,
      updatedAt: posts.updatedAt,
    })
    .from(posts)
    .where(and(eq(posts.status, 'published'), isNull(posts.deletedAt)))
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    publishedAt: (r.publishedAt ?? r.updatedAt).toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
