// The HTTP status of a public page about one thing (a post, a tag, an author), decided before the
// page renders. Next 16.4 with cacheComponents sends a page's prerendered shell, status 200,
// before the resumed render reaches notFound() or permanentRedirect() (vercel/next.js#98518; the
// fix, #95561, is unreleased), so a page cannot set its own 404, 410 or 308. The proxy asks here
// instead, under `npm start`, plain `next start` and Vercel alike. Warm answers come from the
// shared cache (lib/cache/remember.ts) under the same tags as the pages' readers, so a warm
// request runs no query and a publish, rename or deletion changes the answer everywhere at once.
import 'server-only';
import { and, count, eq, isNull } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { authors, posts, postTags, tags, tagSlugRedirects } from '@/db/schema';
import { slugSchema } from '@/lib/api/posts';
import { remember } from '@/lib/cache/remember';
import { cacheTags } from './cache-tags';
import { postSlugTags, resolvePostSlug } from './posts';

/** What a page's URL names now. `moved` carries the page's current path. */
export type PageStatus = { kind: 'found' } | { kind: 'moved'; path: string } | { kind: 'gone' } | { kind: 'missing' };

type Section = 'posts' | 'tags' | 'authors';
const PAGE = /^\/(posts|tags|authors)\/([^/]+)$/;

// As long as the pages' own readers keep their entries ('hours'); invalidation ends it sooner.
const LIFETIME_SECONDS = 3600;

/** The page a path names, if it is one of the pages this decides for. */
export function pageOf(pathname: string): { section: Section; slug: string } | undefined {
  const match = PAGE.exec(pathname);
  if (!match) return undefined;
  let slug: string;
  try {
    slug = decodeURIComponent(match[2]!);
  } catch {
    // A malformed percent-escape names nothing.
    slug = '';
  }
  return { section: match[1] as Section, slug };
}

/** The status of /posts/{slug}, /tags/{slug} or /authors/{slug}; undefined for any other path. */
export async function pageStatus(pathname: string): Promise<PageStatus | undefined> {
  const page = pageOf(pathname);
  if (!page) return undefined;
  // A string no slug can be: no query, no cache entry per junk URL.
  if (!slugSchema.safeParse(page.slug).success) return { kind: 'missing' };
  const { section, slug } = page;
  switch (section) {
    case 'posts':
      return remember(`post:${slug}`, LIFETIME_SECONDS, async () => {
        const state = await resolvePostSlug(await getDb(), slug);
        const value: PageStatus =
          state.kind === 'current' ? { kind: 'found' } : state.kind === 'moved' ? { kind: 'moved', path: `/posts/${state.slug}` } : state;
        return { value, tags: postSlugTags(slug, state) };
      });
    case 'tags': {
      // Every publish, unpublish and deletion invalidates `posts`; a tag rename or merge
      // invalidates both slugs' tags.
      const tagged = [cacheTags.posts, cacheTags.tag(slug)];
      return remember(`tag:${slug}`, LIFETIME_SECONDS, async () => ({ value: await tagStatus(await getDb(), slug), tags: tagged }));
    }
    case 'authors':
      // Author slugs never change; whether an author has a published post moves with `posts`.
      return remember(`author:${slug}`, LIFETIME_SECONDS, async () => ({ value: await authorStatus(await getDb(), slug), tags: [cacheTags.posts] }));
  }
}

/**
 * A tag's page exists while the tag has a published post (the page, /api/tags and the sitemap
 * never point at an empty list); a former slug moves to the tag that took it over.
 */
async function tagStatus(db: Db, slug: string): Promise<PageStatus> {
  const [tag] = await db.select({ slug: tags.slug }).from(tags).where(eq(tags.slug, slug));
  if (tag) return (await publishedCount(db, eq(postTags.tagSlug, slug), true)) > 0 ? { kind: 'found' } : { kind: 'missing' };
  const [redirect] = await db.select({ to: tagSlugRedirects.tagSlug }).from(tagSlugRedirects).where(eq(tagSlugRedirects.slug, slug));
  return redirect ? { kind: 'moved', path: `/tags/${redirect.to}` } : { kind: 'missing' };
}

/** An author's page exists while the author has a published post. */
async function authorStatus(db: Db, slug: string): Promise<PageStatus> {
  const [author] = await db.select({ id: authors.id }).from(authors).where(eq(authors.slug, slug));
  if (!author) return { kind: 'missing' };
  return (await publishedCount(db, eq(posts.authorId, author.id), false)) > 0 ? { kind: 'found' } : { kind: 'missing' };
}

async function publishedCount(db: Db, where: ReturnType<typeof eq>, viaTags: boolean): Promise<number> {
  const live = and(eq(posts.status, 'published'), isNull(posts.deletedAt), where);
  const query = viaTags
    ? db.select({ n: count() }).from(postTags).innerJoin(posts, eq(posts.id, postTags.postId)).where(live)
    : db.select({ n: count() }).from(posts).where(live);
  const [row] = await query;
  return row?.n ?? 0;
}
