// Computed columns every post reader selects, written once: correlated subqueries, so a whole
// page of posts is still one round trip.
import { sql } from 'drizzle-orm';
import { authors, posts, postTags } from '@/db/schema';
import { storedImage } from '@/lib/media/documents';

/** The byline: the author profile's public display name. */
export const postAuthorName = sql<string>`(select ${authors.name} from ${authors} where ${authors.id} = ${posts.authorId})`;

/** The author profile's slug: its page is /authors/{slug}. */
export const postAuthorSlug = sql<string>`(select ${authors.slug} from ${authors} where ${authors.id} = ${posts.authorId})`;

/** The author profile's bio (plain text; '' when it has none), for the post page. */
export const postAuthorBio = sql<string>`(select ${authors.bio} from ${authors} where ${authors.id} = ${posts.authorId})`;

/** The post's tag slugs, sorted. */
export const postTagSlugs = sql<string[]>`coalesce(array(select ${postTags.tagSlug} from ${postTags} where ${postTags.postId} = ${posts.id} order by ${postTags.tagSlug}), '{}')`;

/** The cover image with its files (lib/media/documents.ts), null when the post has none. */
export const postCover = storedImage(posts.coverMediaId);
