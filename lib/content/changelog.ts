// Cached reader for the /changelog page.
import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb } from '@/db/client';
import { changelogEntries } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { cacheTags } from './cache-tags';
import { renderMarkdown } from './markdown';

export interface ChangelogEntryView {
  id: string;
  title: string;
  html: string;
  category: string;
  productVersion: string | null;
  publishedAt: string;
}

export async function getChangelogForPage(limit = 200): Promise<ChangelogEntryView[]> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.changelog);
  const db = await getDb();
  const rows = await db
    .select()
    .from(changelogEntries)
    .where(and(eq(changelogEntries.status, 'published'), isNull(changelogEntries.deletedAt)))
    .orderBy(desc(changelogEntries.publishedAt), desc(changelogEntries.id))
    .limit(limit);
  const siteUrl = getConfig().siteUrl;
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    html: renderMarkdown(r.body, siteUrl),
    category: r.category,
    productVersion: r.productVersion,
    publishedAt: (r.publishedAt ?? r.updatedAt).toISOString(),
  }));
}
