// Cached readers for tags and authors as readers reach them: the tag and author pages, their
// feeds, /api/tags, /api/authors and the sitemap. Each directory is ONE cache entry (not one per
// slug asked for), so requests for random slugs cannot fill the cache, and a lookup on the warm
// path costs no query.
//
// Only tags and authors with at least one published post are listed or found: a tag used only
// by drafts, or a profile with no published byline, has no public page (404), so neither the API
// nor the sitemap ever points at an empty page.
import 'server-only';
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb, type Db } from '@/db/client';
import { authors, posts, postTags, tags, tagSlugRedirects } from '@/db/schema';
import { cacheTags } from './cache-tags';

export interface TagEntry {
  slug: string;
  name: string;
  description: string;
  postCount: number;
  /** ISO 8601: the newest change among its published posts. */
  lastModified: string;
}

export interface AuthorEntry {
  slug: string;
  name: string;
  bio: string;
  postCount: number;
  /** ISO 8601: the newest change among their published posts and their profile. */
  lastModified: string;
}

export interface TagDirectory {
  tags: TagEntry[];
  /** Slugs given up by a renamed or merged tag → the tag that holds them now. */
  moved: Record<string, string>;
}

/** What a tag or author slug names: its entry, a slug it moved to (308), or nothing (404). */
export type TaxonomyLookup<T> = { kind: 'found'; entry: T } | { kind: 'moved'; slug: string } | { kind: 'missing' };

const published = and(eq(posts.status, 'published'), isNull(posts.deletedAt));
const postCount = sql<number>`count(*)::int`;
const iso = (time: SQL) => sql<string>`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const newestChange = iso(sql`max(${posts.updatedAt})`);
// An author page also shows the profile (name, bio): its own edits count (greatest() skips the
// null max() of an author without published posts).
const newestAuthorChange = iso(sql`greatest(max(${posts.updatedAt}), ${authors.updatedAt})`);

/**
 * Every tag with a published post, by slug. Tagged `posts` (publishing, renames and merges) and
 * `tags` (a name or description edit, lib/cms/tags.ts).
 */
export async function getTagDirectory(): Promise<TagDirectory> {
  'use cache';
  cacheLife('hours');
  cacheTag(...TAG_DIRECTORY_TAGS);
  return readTagDirectory(await getDb());
}

/** The cache tags of the tag directory (also the proxy's copy, lib/content/page-status.ts). */
export const TAG_DIRECTORY_TAGS = [cacheTags.posts, cacheTags.tags];
/** The cache tags of the author directory. */
export const AUTHOR_DIRECTORY_TAGS = [cacheTags.posts, cacheTags.authors];

/** The tag directory, uncached (for a cache of its own: the proxy cannot call 'use cache'). */
export async function readTagDirectory(db: Db): Promise<TagDirectory> {
  const rows = await db
    .select({ slug: tags.slug, name: tags.name, description: tags.description, postCount, lastModified: newestChange })
    .from(tags)
    .innerJoin(postTags, eq(postTags.tagSlug, tags.slug))
    .innerJoin(posts, and(eq(posts.id, postTags.postId), published))
    .groupBy(tags.slug)
    .orderBy(asc(tags.slug));
  const redirects = await db.select({ slug: tagSlugRedirects.slug, to: tagSlugRedirects.tagSlug }).from(tagSlugRedirects);
  return { tags: rows, moved: Object.fromEntries(redirects.map((r) => [r.slug, r.to])) };
}

type AuthorRow = Omit<AuthorEntry, 'lastModified'> & { lastModified: string | null };

/**
 * Every author profile, by slug, with its published posts counted (zero included: an author's
 * feed is valid before their first post). Tagged `posts` (publishing, a byline rename) and
 * `authors` (a bio edit, lib/cms/author-profiles.ts).
 */
async function getAllAuthors(): Promise<AuthorRow[]> {
  'use cache';
  cacheLife('hours');
  cacheTag(...AUTHOR_DIRECTORY_TAGS);
  return readAllAuthors(await getDb());
}

/** Every author profile, uncached (see readTagDirectory). */
export async function readAllAuthors(db: Db): Promise<AuthorRow[]> {
  return db
    .select({ slug: authors.slug, name: authors.name, bio: authors.bio, postCount: sql<number>`count(${posts.id})::int`, lastModified: newestAuthorChange })
    .from(authors)
    .leftJoin(posts, and(eq(posts.authorId, authors.id), published))
    .groupBy(authors.id)
    .orderBy(asc(authors.slug));
}

/** The authors with a published post. */
export function publishedAuthors(all: AuthorRow[]): AuthorEntry[] {
  return all.flatMap((a) => (a.postCount > 0 && a.lastModified ? [{ ...a, lastModified: a.lastModified }] : []));
}

/** Every author with a published post, by slug. */
export async function getAuthorDirectory(): Promise<AuthorEntry[]> {
  return publishedAuthors(await getAllAuthors());
}

/** An `?author=` value on the posts feeds and list: the author's display name, or undefined for no such profile. */
export async function authorName(slug: string): Promise<string | undefined> {
  return (await getAllAuthors()).find((a) => a.slug === slug)?.name;
}

/** /tags/{slug}: the tag, the tag a former slug moved to, or none (no published posts counts as none). */
export async function lookupTagPage(slug: string): Promise<TaxonomyLookup<TagEntry>> {
  return findTagPage(await getTagDirectory(), slug);
}

/** The rule of lookupTagPage over a directory (the proxy's status gate applies it too). */
export function findTagPage(directory: TagDirectory, slug: string): TaxonomyLookup<TagEntry> {
  const entry = directory.tags.find((t) => t.slug === slug);
  if (entry) return { kind: 'found', entry };
  const to = Object.hasOwn(directory.moved, slug) ? directory.moved[slug] : undefined;
  // Moved only to a tag that has a page: a redirect to a 404 helps no one.
  return to && directory.tags.some((t) => t.slug === to) ? { kind: 'moved', slug: to } : { kind: 'missing' };
}

/** /authors/{slug}: the author, or none. Author slugs never change, so never `moved` (yet). */
export async function lookupAuthorPage(slug: string): Promise<TaxonomyLookup<AuthorEntry>> {
  return findAuthorPage(await getAuthorDirectory(), slug);
}

/** The rule of lookupAuthorPage over the published authors. */
export function findAuthorPage(published: AuthorEntry[], slug: string): TaxonomyLookup<AuthorEntry> {
  const entry = published.find((a) => a.slug === slug);
  return entry ? { kind: 'found', entry } : { kind: 'missing' };
}
