// Cached reader for /sitemap.xml: every published post's URL and last change.
import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb } from '@/db/client';
import { getConfig } from '@/lib/config';
import { posts } from '@/db/schema';
import { cacheTags } from './cache-tags';

// Only pages search engines may list as themselves: not noindex, and no canonical URL naming
// another page (a sitemap lists canonical URLs only; lib/content/post-seo.ts canonicalUrlOf).
const sitemapListed = (siteUrl: string) => sql`not ${posts.noindex} and (${posts.canonicalUrl} = '' or ${posts.canonicalUrl} = ${`${siteUrl}/posts/`} || ${posts.slug})`;

export async function getSitemapPosts(): Promise<{ slug: string; updatedAt: string }[]> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  const db = await getDb();
  const rows = await db
    .select({ slug: posts.slug, updatedAt: posts.updatedAt })
    .from(posts)
    .where(and(eq(posts.status, 'published'), isNull(posts.deletedAt), sitemapListed(getConfig().siteUrl)))
    .orderBy(desc(posts.publishedAt))
    // The sitemap protocol allows 50,000 URLs per file.
    .limit(49_000);
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() }));
}
