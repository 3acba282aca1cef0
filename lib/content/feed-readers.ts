// Cached readers behind the posts and changelog feeds: one page of items as plain data (ISO
// strings, no Dates), and the finished representation per format, rendered and hashed once
// per change. Feed readers poll; a warm poll costs no query and no rendering.
import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb, type Db } from '@/db/client';
import { authors, changelogEntries, posts, postTags } from '@/db/schema';
import { encodeCursor, type Cursor } from '@/lib/api/posts';
import { getConfig } from '@/lib/config';
import { jsonFeedItem, renderAtom, renderJsonFeed, renderRss } from '@/lib/feeds/syndication';
import type { FeedImage, FeedItem, FeedMeta } from '@/lib/feeds/types';
import { lazy, toRef, weakEtag, type LazyRepresentation, type Representation, type RepresentationRef } from '@/lib/http/representation';
import { fileNear, type ImageDoc } from '@/lib/media/documents';
import { cacheTags } from './cache-tags';
import { postAuthorName, postCover, postTagSlugs } from './post-columns';
import { renderMarkdown } from './markdown';
import { bodyImages, coverOf, POST_COLUMN_SIZES } from './post-images';
import { authorName } from './taxonomy';

export const FEED_PAGE_SIZE = 50;

export type FeedFormat = 'rss' | 'atom' | 'json';

/** Media types each format answers to, the first being its own (RFC 9110 §12.5.1). */
export const FEED_TYPES = {
  rss: ['application/rss+xml', 'application/xml', 'text/xml'],
  atom: ['application/atom+xml', 'application/xml', 'text/xml'],
  json: ['application/feed+json', 'application/json'],
} as const satisfies Record<FeedFormat, readonly string[]>;

// Plain-data form of FeedItem, as a 'use cache' function can return it.
type StoredItem = Omit<FeedItem, 'published' | 'updated'> & { published: string; updated: string };

interface FeedPage {
  items: StoredItem[];
  nextCursor: string | null;
}

/**
 * The one file a feed names for a cover: about 1200 px wide (what readers show as a card), in
 * JPEG or PNG where there is one (old readers know nothing newer), else WebP, else the original.
 */
export function feedImage(cover: ImageDoc): FeedImage {
  const hasType = (types: string[]) => [cover, ...cover.variants].some((f) => types.includes(f.type));
  const types = [['image/jpeg', 'image/png'], ['image/webp']].find(hasType) ?? [cover.type];
  const file = fileNear(cover, 1200, types);
  return { url: file.url, type: file.type, length: file.bytes, width: file.width, height: file.height };
}

const sortKey = (column: typeof posts.publishedAt | typeof changelogEntries.publishedAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** What narrows the posts feed: a tag slug, an author slug, or both. */
export interface PostFeedFilter {
  tag?: string | undefined;
  author?: string | undefined;
}

async function postFeedPage({ tag, author }: PostFeedFilter, cursor: Cursor | undefined): Promise<FeedPage> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  if (tag) cacheTag(cacheTags.tag(tag));
  const db = await getDb();
  const siteUrl = getConfig().siteUrl;
  const conditions = [eq(posts.status, 'published'), isNull(posts.deletedAt)];
  if (tag) conditions.push(sql`exists (select 1 from ${postTags} where ${postTags.postId} = ${posts.id} and ${postTags.tagSlug} = ${tag})`);
  if (author) conditions.push(sql`${posts.authorId} = (select ${authors.id} from ${authors} where ${authors.slug} = ${author})`);
  if (cursor) conditions.push(sql`(${posts.publishedAt}, ${posts.id}) < (${cursor.t}::timestamptz, ${cursor.i}::uuid)`);
  const rows = await db
    .select({
      id: posts.id,
      slug: posts.slug,
      title: posts.title,
      summary: posts.summary,
      metaDescription: posts.metaDescription,
      body: posts.body,
      author: postAuthorName,
      publishedAt: posts.publishedAt,
      updatedAt: posts.updatedAt,
      sortKey: sortKey(posts.publishedAt),
      tags: postTagSlugs,
      cover: postCover,
      coverAlt: posts.coverAlt,
    })
    .from(posts)
    .where(and(...conditions))
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(FEED_PAGE_SIZE + 1);
  const page = rows.slice(0, FEED_PAGE_SIZE);
  const last = page.at(-1);
  // One more query for the whole page, and only when some body shows images from our library.
  const images = await bodyImages(db, page.map((r) => r.body), siteUrl);
  return {
    nextCursor: rows.length > FEED_PAGE_SIZE && last ? encodeCursor({ t: last.sortKey, i: last.id }) : null,
    items: page.map((r) => {
      const cover = coverOf(r, siteUrl);
      return {
        // urn:uuid ids survive a slug rename (a feed reader must not see the post as new).
        id: `urn:uuid:${r.id}`,
        url: `${siteUrl}/posts/${r.slug}`,
        title: r.title,
        // The post's own summary; the meta description (written for search results) only stands
        // in when there is none. The link stays the post's page here, whatever its canonical URL:
        // subscribers read it on this site, and the page itself names the canonical.
        summary: r.summary || r.metaDescription,
        contentHtml: renderMarkdown(r.body, siteUrl, { images, sizes: POST_COLUMN_SIZES }),
        authors: [{ name: r.author }],
        categories: r.tags,
        published: (r.publishedAt ?? r.updatedAt).toISOString(),
        updated: r.updatedAt.toISOString(),
        ...(cover ? { image: feedImage(cover) } : {}),
      };
    }),
  };
}

async function changelogFeedPage(cursor: Cursor | undefined): Promise<FeedPage> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.changelog);
  const db = await getDb();
  const siteUrl = getConfig().siteUrl;
  const conditions = [eq(changelogEntries.status, 'published'), isNull(changelogEntries.deletedAt)];
  if (cursor) conditions.push(sql`(${changelogEntries.publishedAt}, ${changelogEntries.id}) < (${cursor.t}::timestamptz, ${cursor.i}::uuid)`);
  const rows = await db
    .select({ ...changelogColumns, sortKey: sortKey(changelogEntries.publishedAt) })
    .from(changelogEntries)
    .where(and(...conditions))
    .orderBy(desc(changelogEntries.publishedAt), desc(changelogEntries.id))
    .limit(FEED_PAGE_SIZE + 1);
  const page = rows.slice(0, FEED_PAGE_SIZE);
  const last = page.at(-1);
  return {
    nextCursor: rows.length > FEED_PAGE_SIZE && last ? encodeCursor({ t: last.sortKey, i: last.id }) : null,
    items: page.map((r) => changelogItem(r, siteUrl)),
  };
}

const changelogColumns = {
  id: changelogEntries.id,
  title: changelogEntries.title,
  body: changelogEntries.body,
  category: changelogEntries.category,
  productVersion: changelogEntries.productVersion,
  publishedAt: changelogEntries.publishedAt,
  updatedAt: changelogEntries.updatedAt,
};


type ChangelogRow = Pick<typeof changelogEntries.$inferSelect, keyof typeof changelogColumns>;

function changelogItem(r: ChangelogRow, siteUrl: string): StoredItem {
  const html = renderMarkdown(r.body, siteUrl);
  return {
    id: `urn:uuid:${r.id}`,
    url: `${siteUrl}/changelog#${r.id}`,
    title: r.productVersion ? `${r.productVersion}: ${r.title}` : r.title,
    summary: r.title,
    contentHtml: html,
    authors: [{ name: 'Gazette' }],
    categories: [r.category],
    published: (r.publishedAt ?? r.updatedAt).toISOString(),
    updated: r.updatedAt.toISOString(),
    // Documented in the OpenAPI document (ChangelogFeedItem) and the README.
    extensions: { _gazette: { category: r.category, version: r.productVersion } },
  };
}

/**
 * A published changelog entry as /api/changelog.json holds it (one JSON Feed item), read through
 * `db` (a change's transaction): its document in the change log (SPEC §8).
 */
export async function changelogEntryDocument(db: Db, id: string): Promise<Record<string, unknown>> {
  const [row] = await db.select(changelogColumns).from(changelogEntries).where(eq(changelogEntries.id, id));
  if (!row) throw new Error(`changelog entry ${id} not found`);
  const item = changelogItem(row, getConfig().siteUrl);
  // Every changelog item names its author, so the feed's author never stands in.
  return jsonFeedItem({ ...item, published: new Date(item.published), updated: new Date(item.updated) }, { name: 'Gazette' });
}

function withQuery(base: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

function render(format: FeedFormat, meta: FeedMeta, items: FeedItem[]): string {
  return format === 'rss' ? renderRss(meta, items) : format === 'atom' ? renderAtom(meta, items) : renderJsonFeed(meta, items);
}

function toRepresentation(format: FeedFormat, mediaType: string, page: FeedPage, meta: Omit<FeedMeta, 'updated' | 'paging'>, selfBase: string, params: Record<string, string | undefined>): Representation {
  const items: FeedItem[] = page.items.map((i) => ({ ...i, published: new Date(i.published), updated: new Date(i.updated) }));
  const newest = items.reduce<Date | null>((max, i) => (!max || i.updated > max ? i.updated : max), null);
  const fullMeta: FeedMeta = {
    ...meta,
    updated: newest,
    paging: {
      first: withQuery(selfBase, { ...params, cursor: undefined }),
      ...(page.nextCursor ? { next: withQuery(selfBase, { ...params, cursor: page.nextCursor }) } : {}),
    },
  };
  const body = render(format, fullMeta, items);
  return {
    body,
    contentType: `${mediaType}; charset=utf-8`,
    // The media type is part of the tag: the same bytes under another Content-Type are
    // another representation (RFC 9110 §8.8.3).
    etag: weakEtag(format, mediaType, body),
    lastModified: newest?.toISOString(),
  };
}

const FEED_PATHS: Record<FeedFormat, string> = { rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' };

/** /feed.xml, /atom.xml, /feed.json: the posts feed (lazy: the body only when a 200 needs it). */
export async function getPostFeed(format: FeedFormat, mediaType: string, filter: PostFeedFilter, cursor: Cursor | undefined): Promise<LazyRepresentation> {
  return lazy(await postFeedRef(format, mediaType, filter, cursor), () => postFeedFull(format, mediaType, filter, cursor));
}

/** The posts feed (reference; the body lives in the body store). */
async function postFeedRef(format: FeedFormat, mediaType: string, filter: PostFeedFilter, cursor: Cursor | undefined): Promise<RepresentationRef> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  if (filter.tag) cacheTag(cacheTags.tag(filter.tag));
  const slot = `feed:${format}:${mediaType}:${filter.tag ?? ''}:${filter.author ?? ''}:${cursor ? encodeCursor(cursor) : ''}`;
  return toRef(await postFeedFull(format, mediaType, filter, cursor), slot);
}

/** The posts feed (optionally one tag and/or one author), one page, in one format and media type. */
async function postFeedFull(format: FeedFormat, mediaType: string, filter: PostFeedFilter, cursor: Cursor | undefined): Promise<Representation> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  const { tag, author } = filter;
  if (tag) cacheTag(cacheTags.tag(tag));
  const config = getConfig();
  const page = await postFeedPage(filter, cursor);
  const params = { tag, author, cursor: cursor ? encodeCursor(cursor) : undefined };
  const selfBase = `${config.siteUrl}${FEED_PATHS[format]}`;
  // The byline, not the slug, in the title (a rename invalidates `posts`, which tags this entry).
  const byline = author ? ((await authorName(author)) ?? author) : undefined;
  const about = [tag && `tagged ${tag}`, byline && `by ${byline}`].filter(Boolean).join(' ');
  // The feed's home page: the tag's or author's own page when only one narrows it.
  const home = tag && !author ? `/tags/${tag}` : author && !tag ? `/authors/${author}` : '/';
  return toRepresentation(format, mediaType, page, {
    id: withQuery(`${config.siteUrl}/`, { tag, author }),
    title: about ? `Gazette: posts ${about}` : 'Gazette',
    description: about ? `Posts ${about} on Gazette.` : 'Posts from Gazette.',
    homePageUrl: `${config.siteUrl}${home}`,
    selfUrl: withQuery(selfBase, params),
    language: 'en',
    author: { name: 'Gazette', url: `${config.siteUrl}/` },
    hubUrl: config.websubHubUrl,
  }, selfBase, { tag, author });
}

/** /api/changelog.json, /changelog.xml (lazy: the body only when a 200 needs it). */
export async function getChangelogFeed(format: 'json' | 'rss', mediaType: string, cursor: Cursor | undefined): Promise<LazyRepresentation> {
  return lazy(await changelogFeedRef(format, mediaType, cursor), () => changelogFeedFull(format, mediaType, cursor));
}

/** The changelog feed (reference; the body lives in the body store). */
async function changelogFeedRef(format: 'json' | 'rss', mediaType: string, cursor: Cursor | undefined): Promise<RepresentationRef> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.changelog);
  return toRef(await changelogFeedFull(format, mediaType, cursor), `changelog:${format}:${mediaType}:${cursor ? encodeCursor(cursor) : ''}`);
}

/** The changelog as JSON Feed 1.1 or RSS, one page. */
async function changelogFeedFull(format: 'json' | 'rss', mediaType: string, cursor: Cursor | undefined): Promise<Representation> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.changelog);
  const config = getConfig();
  const page = await changelogFeedPage(cursor);
  const selfBase = `${config.siteUrl}${format === 'json' ? '/api/changelog.json' : '/changelog.xml'}`;
  return toRepresentation(format, mediaType, page, {
    id: `${config.siteUrl}/changelog`,
    title: 'Gazette changelog',
    description: 'What changed in Gazette, by Keep a Changelog category and version.',
    homePageUrl: `${config.siteUrl}/changelog`,
    selfUrl: withQuery(selfBase, { cursor: cursor ? encodeCursor(cursor) : undefined }),
    language: 'en',
    author: { name: 'Gazette', url: `${config.siteUrl}/` },
    hubUrl: config.websubHubUrl,
  }, selfBase, {});
}
