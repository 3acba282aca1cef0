// The HTTP status of a public page about one thing (a post, a tag, an author), decided before the
// page renders. Next 16.4 with cacheComponents sends a page's prerendered shell, status 200,
// before the resumed render reaches notFound() or permanentRedirect() (vercel/next.js#98518; the
// fix, #95561, is unreleased), so a page cannot set its own 404, 410 or 308. The proxy asks here
// instead, under `npm start`, plain `next start` and Vercel alike. Warm answers come from the
// shared cache (lib/cache/remember.ts) under the same tags as the pages' readers, so a warm
// request runs no query and a publish, rename or deletion changes the answer everywhere at once.
import 'server-only';
import { getDb } from '@/db/client';
import { slugSchema } from '@/lib/api/posts';
import { remember } from '@/lib/cache/remember';
import { postSlugTags, resolvePostSlug } from './posts';
import {
  AUTHOR_DIRECTORY_TAGS,
  findAuthorPage,
  findTagPage,
  publishedAuthors,
  readAllAuthors,
  readTagDirectory,
  TAG_DIRECTORY_TAGS,
  type TaxonomyLookup,
} from './taxonomy';

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
    case 'tags':
      return remember(`tag:${slug}`, LIFETIME_SECONDS, async () => ({ value: statusOf(findTagPage(await tagDirectory(), slug), 'tags'), tags: TAG_DIRECTORY_TAGS }));
    case 'authors':
      return remember(`author:${slug}`, LIFETIME_SECONDS, async () => ({ value: statusOf(findAuthorPage(await authorDirectory(), slug), 'authors'), tags: AUTHOR_DIRECTORY_TAGS }));
  }
}

// The directories the tag and author pages read (lib/content/taxonomy.ts), one entry each, so a
// storm of random slugs costs one query per directory, not one per slug.
const tagDirectory = () =>
  remember('directory:tags', LIFETIME_SECONDS, async () => ({ value: await readTagDirectory(await getDb()), tags: TAG_DIRECTORY_TAGS }));
const authorDirectory = () =>
  remember('directory:authors', LIFETIME_SECONDS, async () => ({ value: publishedAuthors(await readAllAuthors(await getDb())), tags: AUTHOR_DIRECTORY_TAGS }));

function statusOf(lookup: TaxonomyLookup<unknown>, section: 'tags' | 'authors'): PageStatus {
  return lookup.kind === 'moved' ? { kind: 'moved', path: `/${section}/${lookup.slug}` } : lookup.kind === 'found' ? { kind: 'found' } : { kind: 'missing' };
}
