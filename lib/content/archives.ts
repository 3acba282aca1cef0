// Cached reader behind the paged HTML archives (home, /tags/{slug}, /authors/{slug}): the keyset
// cursor of /api/posts (lib/api/posts.ts), walked both ways. `after` pages back in time (older
// posts, as the API's `cursor`); `before` pages forward (newer), read in ascending order and
// turned round, so "Newer" links need no offsets either.
import 'server-only';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb } from '@/db/client';
import { authors, posts, postTags } from '@/db/schema';
import { encodeCursor, type Cursor } from '@/lib/api/posts';
import { cacheTags } from './cache-tags';
import { postAuthorName, postTagSlugs } from './post-columns';

export const ARCHIVE_PAGE_SIZE = 20;

export interface ArchiveFilter {
  tag?: string | undefined;
  author?: string | undefined;
}

/** Where a page starts: the newest posts, older than a cursor, or newer than one. */
export type ArchivePosition = { after?: undefined; before?: undefined } | { after: Cursor; before?: undefined } | { before: Cursor; after?: undefined };

export interface ArchiveItem {
  slug: string;
  title: string;
  summary: string;
  author: string;
  authorSlug: string;
  tags: string[];
  publishedAt: string;
}

export interface ArchivePage {
  items: ArchiveItem[];
  /** Cursor of the next older page (`?cursor=`), or null on the last page. */
  older: string | null;
  /**
   * The next newer page: the first page itself when that is what it would show (so the first
   * page has one URL), else its cursor (`?before=`); null on the first page.
   */
  newer: 'first' | { before: string } | null;
}

const sortKey = sql<string>`to_char(${posts.publishedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** One page of published posts, newest first, optionally of one tag or one author. */
export async function getArchivePage(filter: ArchiveFilter, position: ArchivePosition, limit = ARCHIVE_PAGE_SIZE): Promise<ArchivePage> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  if (filter.tag) cacheTag(cacheTags.tag(filter.tag));
  const db = await getDb();
  const conditions: SQL[] = [eq(posts.status, 'published'), isNull(posts.deletedAt)];
  if (filter.tag) conditions.push(sql`exists (select 1 from ${postTags} where ${postTags.postId} = ${posts.id} and ${postTags.tagSlug} = ${filter.tag})`);
  if (filter.author) conditions.push(sql`${posts.authorId} = (select ${authors.id} from ${authors} where ${authors.slug} = ${filter.author})`);
  const read = async (where: SQL[], newerFirst: boolean) =>
    db
      .select({
        id: posts.id,
        slug: posts.slug,
        title: posts.title,
        summary: posts.summary,
        author: postAuthorName,
        authorSlug: sql<string>`(select ${authors.slug} from ${authors} where ${authors.id} = ${posts.authorId})`,
        tags: postTagSlugs,
        publishedAt: posts.publishedAt,
        updatedAt: posts.updatedAt,
        sortKey,
      })
      .from(posts)
      .where(and(...where))
      .orderBy(...(newerFirst ? [desc(posts.publishedAt), desc(posts.id)] : [asc(posts.publishedAt), asc(posts.id)]))
      .limit(limit + 1);

  let rows: Awaited<ReturnType<typeof read>>;
  let older: boolean;
  let newer: boolean;
  if (position.before) {
    const c = position.before;
    const up = await read([...conditions, sql`(${posts.publishedAt}, ${posts.id}) > (${c.t}::timestamptz, ${c.i}::uuid)`], false);
    if (up.length > limit) {
      rows = up.slice(0, limit).reverse();
      [older, newer] = [true, true];
    } else {
      // Fewer than a page above the cursor: that is the first page, shown whole.
      rows = await read(conditions, true);
      [older, newer] = [rows.length > limit, false];
    }
  } else if (position.after) {
    const c = position.after;
    rows = await read([...conditions, sql`(${posts.publishedAt}, ${posts.id}) < (${c.t}::timestamptz, ${c.i}::uuid)`], true);
    [older, newer] = [rows.length > limit, true];
  } else {
    rows = await read(conditions, true);
    [older, newer] = [rows.length > limit, false];
  }
  const page = rows.slice(0, limit);
  const first = page[0];
  const last = page.at(-1);
  let newerPage: ArchivePage['newer'] = null;
  if (newer && first) {
    const above = await read([...conditions, sql`(${posts.publishedAt}, ${posts.id}) > (${first.sortKey}::timestamptz, ${first.id}::uuid)`], false);
    newerPage = above.length > limit ? { before: encodeCursor({ t: first.sortKey, i: first.id }) } : 'first';
  }
  return {
    items: page.map((r) => ({
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      author: r.author,
      authorSlug: r.authorSlug,
      tags: r.tags,
      publishedAt: (r.publishedAt ?? r.updatedAt).toISOString(),
    })),
    older: older && last ? encodeCursor({ t: last.sortKey, i: last.id }) : null,
    // An empty page (a cursor past the oldest post) has no neighbour: the page links to the newest.
    newer: newerPage,
  };
}
