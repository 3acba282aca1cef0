// Cached reader for /sitemap.xml: every published post's URL and last change.
import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb } from '@/db/client';
import { posts } from '@/db/schema';
import { cacheTags } from './cache-tags';

export async function getSitemapPosts(): Promise<{ slug: string; updatedAt: string }[]> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  const db = await getDb();
  const rows = await db
    .select({ slug: posts.slug, updatedAt: posts.updatedAt })
    .from(posts)
    .where(and(eq(posts.status, 'published'), isNull(posts.deletedAt)))
    .orderBy(desc(posts.publishedAt))
    // The sitemap protocol allows 50,000 URLs per file.
    .limit(49_000);
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() }));
}
