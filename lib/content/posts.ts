// Cached readers for posts (SPEC §4). Plain data out (no class instances, no Response), tagged
// so publishing invalidates exactly what changed. Representations are rendered and hashed
// inside the cache, so a warm request costs no query, no rendering and no hashing.
import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb, type Db } from '@/db/client';
import { authors, posts, postSlugRedirects, postTags, tags, tagSlugRedirects } from '@/db/schema';
import { encodeCursor, type Cursor, type PostDoc } from '@/lib/api/posts';
import { getConfig } from '@/lib/config';
import { lazy, toRef, weakEtag, type LazyRepresentation, type Representation, type RepresentationRef } from '@/lib/http/representation';
import type { ImageDoc } from '@/lib/media/documents';
import { cacheTags } from './cache-tags';
import { postAuthorBio, postAuthorName, postAuthorSlug, postCover, postTagSlugs } from './post-columns';
import { renderMarkdown } from './markdown';
import { bodyImages, coverOf, POST_COLUMN_SIZES } from './post-images';
import { postDocument, postHtmlDocument, postListDocument, postMarkdownDocument, postSummaryDocument } from './post-documents';

export interface PostRecord {
  id: string;
  slug: string;
  title: string;
  summary: string;
  author: string;
  /** The author's bio, plain text ('' for none): the post page's author box, in no API document. */
  authorBio: string;
  tags: string[];
  markdown: string;
  /** Sanitised, absolute URLs; our images with srcset, sizes, width and height. */
  html: string;
  publishedAt: string;
  updatedAt: string;
  /** The cover (alt: the post's own cover alt, else the image's). */
  cover: ImageDoc | null;
  /** The author profile's slug (/authors/{slug}), for links and structured data. */
  authorSlug: string;
  /** The editor's search and sharing overrides; '' means the post's own (lib/content/post-seo.ts). */
  seo: PostSeo;
}

export interface PostSeo {
  metaTitle: string;
  metaDescription: string;
  /** An absolute http(s) URL when the original lives elsewhere, else ''. */
  canonicalUrl: string;
  noindex: boolean;
}

export type PostLookup =
  | { kind: 'found'; post: PostRecord }
  | { kind: 'moved'; slug: string }
  | { kind: 'gone' }
  | { kind: 'missing' };

const published = and(eq(posts.status, 'published'), isNull(posts.deletedAt));


const postColumns = {
  id: posts.id,
  slug: posts.slug,
  title: posts.title,
  summary: posts.summary,
  author: postAuthorName,
  authorBio: postAuthorBio,
  body: posts.body,
  status: posts.status,
  deletedAt: posts.deletedAt,
  publishedAt: posts.publishedAt,
  updatedAt: posts.updatedAt,
  tags: postTagSlugs,
  cover: postCover,
  coverAlt: posts.coverAlt,
  authorSlug: postAuthorSlug,
  metaTitle: posts.metaTitle,
  metaDescription: posts.metaDescription,
  canonicalUrl: posts.canonicalUrl,
  noindex: posts.noindex,
};

type PostRow = Awaited<ReturnType<typeof selectPost>>[number];
const selectPost = (db: Db, id: string) => db.select(postColumns).from(posts).where(eq(posts.id, id));

/** A published post's record from its row: the body rendered with absolute URLs and our images. */
async function postRecord(db: Db, row: PostRow, publishedAt: Date): Promise<PostRecord> {
  const siteUrl = getConfig().siteUrl;
  // A second query only when the body shows images from our library.
  const images = await bodyImages(db, [row.body], siteUrl);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    author: row.author,
    authorBio: row.authorBio ?? '',
    tags: row.tags,
    markdown: row.body,
    html: renderMarkdown(row.body, siteUrl, { images, sizes: POST_COLUMN_SIZES }),
    publishedAt: publishedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    cover: coverOf(row, siteUrl),
    authorSlug: row.authorSlug,
    seo: { metaTitle: row.metaTitle, metaDescription: row.metaDescription, canonicalUrl: row.canonicalUrl, noindex: row.noindex },
  };
}

/**
 * A published post's JSON document, as GET /api/posts/{slug} serves it, read through `db` (a
 * change's transaction): its document in the change log (SPEC §8).
 */
export async function postSyncDocument(db: Db, id: string): Promise<PostDoc> {
  const [row] = await selectPost(db, id);
  if (!row) throw new Error(`post ${id} not found`);
  return postDocument(await postRecord(db, row, row.publishedAt ?? row.updatedAt), getConfig().siteUrl);
}

/** What a post slug names now: a published post, a move to its current slug, a deletion, or nothing. */
export type PostSlugState = { kind: 'current'; id: string } | { kind: 'moved'; slug: string } | { kind: 'gone' } | { kind: 'missing' };

/**
 * Resolve a current or former slug (uncached: one or two reads by unique index). The one place the
 * rules live: a deleted post is gone (410), a draft or scheduled one does not exist for readers
 * (404), a former slug of a published post moved (308). The post page's reader below and the
 * proxy's status gate (lib/content/page-status.ts) both ask here.
 */
export async function resolvePostSlug(db: Db, slug: string): Promise<PostSlugState> {
  const [row] = await db
    .select({ id: posts.id, status: posts.status, deletedAt: posts.deletedAt, publishedAt: posts.publishedAt })
    .from(posts)
    .where(eq(posts.slug, slug));
  if (row) {
    if (row.deletedAt) return { kind: 'gone' };
    if (row.status !== 'published' || !row.publishedAt) return { kind: 'missing' };
    return { kind: 'current', id: row.id };
  }
  const [redirect] = await db
    .select({ slug: posts.slug, status: posts.status, deletedAt: posts.deletedAt })
    .from(postSlugRedirects)
    .innerJoin(posts, eq(posts.id, postSlugRedirects.postId))
    .where(eq(postSlugRedirects.slug, slug));
  if (!redirect) return { kind: 'missing' };
  if (redirect.deletedAt) return { kind: 'gone' };
  if (redirect.status !== 'published') return { kind: 'missing' };
  return { kind: 'moved', slug: redirect.slug };
}

/** The cache tags of what a slug names: its own, and the current slug's when it moved there. */
export function postSlugTags(slug: string, state: PostSlugState): string[] {
  return state.kind === 'moved' ? [cacheTags.post(slug), cacheTags.post(state.slug)] : [cacheTags.post(slug)];
}

/** A post by its current or former slug. */
export async function lookupPost(slug: string): Promise<PostLookup> {
  'use cache';
  cacheLife('hours');
  const db = await getDb();
  const state = await resolvePostSlug(db, slug);
  cacheTag(...postSlugTags(slug, state));
  if (state.kind !== 'current') return state;
  const [row] = await selectPost(db, state.id);
  // Read between the two queries by a concurrent deletion: the next read (after its invalidation) says so.
  if (!row?.publishedAt) return { kind: 'missing' };
  return { kind: 'found', post: await postRecord(db, row, row.publishedAt) };
}

export type PostFormat = 'json' | 'markdown' | 'html';

type NotFound = Exclude<PostLookup, { kind: 'found' }>;
type PostRepresentation = NotFound | { kind: 'found'; representation: Representation };
type PostRepresentationRef = NotFound | { kind: 'found'; ref: RepresentationRef };

/**
 * GET /api/posts/{slug}: one post in one format, or why not. The representation is lazy: its
 * body comes from the body store, or from the full reader if the store no longer has it.
 */
export async function getPostRepresentation(slug: string, format: PostFormat): Promise<NotFound | { kind: 'found'; representation: LazyRepresentation }> {
  const result = await postRef(slug, format);
  if (result.kind !== 'found') return result;
  return { kind: 'found', representation: lazy(result.ref, () => postBody(slug, format)) };
}

/** One post in one format, as a reference (the body lives in the body store). */
async function postRef(slug: string, format: PostFormat): Promise<PostRepresentationRef> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.post(slug));
  const full = await postFull(slug, format);
  return full.kind === 'found' ? { kind: 'found', ref: toRef(full.representation, `post:${slug}:${format}`) } : full;
}

async function postBody(slug: string, format: PostFormat): Promise<Representation> {
  const full = await postFull(slug, format);
  if (full.kind !== 'found') throw new Error(`post ${slug} changed while it was being served`);
  return full.representation;
}

/** One post in one format, rendered and validated (ETag) once per change. */
async function postFull(slug: string, format: PostFormat): Promise<PostRepresentation> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.post(slug));
  const lookup = await lookupPost(slug);
  if (lookup.kind !== 'found') return lookup;
  const siteUrl = getConfig().siteUrl;
  const { post } = lookup;
  const [contentType, body] =
    format === 'json'
      ? ['application/json', JSON.stringify(postDocument(post, siteUrl))]
      : format === 'markdown'
        ? ['text/markdown; charset=utf-8', postMarkdownDocument(post)]
        : ['text/html; charset=utf-8', postHtmlDocument(post, siteUrl)];
  return {
    kind: 'found',
    representation: { body, contentType, etag: weakEtag(format, body), lastModified: post.updatedAt },
  };
}

export interface PostListQuery {
  limit: number;
  cursor?: Cursor | undefined;
  tag?: string | undefined;
  author?: string | undefined;
}

/** GET /api/posts: one page of published posts (lazy: the body only when a 200 needs it). */
export async function getPostListPage(query: PostListQuery): Promise<LazyRepresentation> {
  return lazy(await postListRef(query), () => postListFull(query));
}

/** A page of published posts, as a reference (the body lives in the body store). */
async function postListRef(query: PostListQuery): Promise<RepresentationRef> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  if (query.tag) cacheTag(cacheTags.tag(query.tag));
  return toRef(await postListFull(query), `posts:${query.limit}:${query.tag ?? ''}:${query.author ?? ''}:${query.cursor ? encodeCursor(query.cursor) : ''}`);
}

/** A page of published posts, newest first; keyset pagination on (publishedAt, id). */
async function postListFull(query: PostListQuery): Promise<Representation> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  if (query.tag) cacheTag(cacheTags.tag(query.tag));
  const db = await getDb();
  const conditions = [published];
  if (query.tag) {
    conditions.push(
      sql`exists (select 1 from ${postTags} where ${postTags.postId} = ${posts.id} and ${postTags.tagSlug} = ${query.tag})`,
    );
  }
  if (query.author) conditions.push(sql`${posts.authorId} = (select ${authors.id} from ${authors} where ${authors.slug} = ${query.author})`);
  if (query.cursor) {
    conditions.push(sql`(${posts.publishedAt}, ${posts.id}) < (${query.cursor.t}::timestamptz, ${query.cursor.i}::uuid)`);
  }
  const rows = await db
    .select({
      id: posts.id,
      slug: posts.slug,
      title: posts.title,
      summary: posts.summary,
      author: postAuthorName,
      publishedAt: posts.publishedAt,
      updatedAt: posts.updatedAt,
      tags: postTagSlugs,
      cover: postCover,
      coverAlt: posts.coverAlt,
      // Microsecond-exact sort key for the cursor (a JS Date keeps only milliseconds).
      sortKey: sql<string>`to_char(${posts.publishedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(posts)
    .where(and(...conditions))
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ t: last.sortKey, i: last.id }) : null;
  const siteUrl = getConfig().siteUrl;
  const items = page.map((r) =>
    postSummaryDocument(
      { ...r, publishedAt: (r.publishedAt ?? r.updatedAt).toISOString(), updatedAt: r.updatedAt.toISOString(), cover: coverOf(r, siteUrl) },
      siteUrl,
    ),
  );
  const document = postListDocument(items, query, nextCursor, siteUrl);
  const body = JSON.stringify(document);
  const newest = page.reduce<Date | undefined>((max, r) => (!max || r.updatedAt > max ? r.updatedAt : max), undefined);
  return {
    body,
    contentType: 'application/json',
    etag: weakEtag('list', body),
    lastModified: newest?.toISOString(),
    // RFC 8288 §3: the next page as a typed link, absolute.
    headers: document.links.next ? { link: `<${document.links.next}>; rel="next"` } : undefined,
  };
}

export type TagLookup = { kind: 'found' } | { kind: 'moved'; slug: string } | { kind: 'missing' };

interface TagIndex {
  current: string[];
  /** Slugs given up by a renamed or merged tag → the tag that holds them now. */
  moved: Record<string, string>;
}

/**
 * Every tag slug and every former one, in one cache entry (not one per `?tag=` value asked for,
 * so random values cannot fill the cache). Tagged `posts`: every post save may create a tag, and
 * renames and merges invalidate it too.
 */
async function getTagIndex(): Promise<TagIndex> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  const db = await getDb();
  const current = (await db.select({ slug: tags.slug }).from(tags).orderBy(tags.slug)).map((r) => r.slug);
  const moved = Object.fromEntries((await db.select({ slug: tagSlugRedirects.slug, to: tagSlugRedirects.tagSlug }).from(tagSlugRedirects)).map((r) => [r.slug, r.to]));
  return { current, moved };
}

/** A `?tag=` value: a current tag, a slug a renamed or merged tag gave up (308 to it), or none. */
export async function lookupTag(slug: string): Promise<TagLookup> {
  const index = await getTagIndex();
  if (index.current.includes(slug)) return { kind: 'found' };
  const to = Object.hasOwn(index.moved, slug) ? index.moved[slug] : undefined;
  return to ? { kind: 'moved', slug: to } : { kind: 'missing' };
}

