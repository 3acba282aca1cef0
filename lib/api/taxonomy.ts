// The tags and authors resources (GET /api/tags, GET /api/authors): one set of Zod schemas for
// response shaping (the types below) and the OpenAPI document (openapi/taxonomy.ts).
import { z } from 'zod';
import { API_VERSION, slugSchema } from './posts';

const isoDate = z.iso.datetime({ offset: true }).meta({ example: '2026-03-04T09:30:00.000Z' });

const feedLinksSchema = z.object({
  rss: z.url().meta({ description: 'RSS 2.0 feed of these posts.' }),
  atom: z.url().meta({ description: 'Atom 1.0 feed of these posts.' }),
  json: z.url().meta({ description: 'JSON Feed 1.1 of these posts.' }),
});

const postCount = z.number().int().min(1).meta({ description: 'Published posts (always at least one: see the list\'s description).' });

export const tagSchema = z
  .object({
    slug: slugSchema,
    name: z.string(),
    description: z.string().meta({ description: 'Plain text; empty when the tag has none.' }),
    postCount,
    lastModified: isoDate.meta({ description: 'The newest change among its published posts.' }),
    links: z.object({
      html: z.url().meta({ description: 'The tag\'s page, its posts newest first.' }),
      posts: z.url().meta({ description: 'Its posts in the API (/api/posts?tag=).' }),
      feeds: feedLinksSchema,
    }),
  })
  .meta({ id: 'Tag', description: 'A tag with at least one published post.' });
export type TagDoc = z.infer<typeof tagSchema>;

export const authorSchema = z
  .object({
    slug: slugSchema,
    name: z.string().meta({ description: 'The public display name (the byline).' }),
    bio: z.string().meta({ description: 'Plain text; empty when the author has none.' }),
    postCount,
    lastModified: isoDate.meta({ description: 'The newest change among their published posts and their profile.' }),
    links: z.object({
      html: z.url().meta({ description: 'The author\'s page, their posts newest first.' }),
      posts: z.url().meta({ description: 'Their posts in the API (/api/posts?author=).' }),
      feeds: feedLinksSchema,
    }),
  })
  .meta({ id: 'Author', description: 'An author with at least one published post.' });
export type AuthorDoc = z.infer<typeof authorSchema>;

const listOf = <T extends z.ZodType>(item: T, id: string, description: string) =>
  z
    .object({
      apiVersion: z.literal(API_VERSION),
      data: z.array(item),
      links: z.object({ self: z.url() }),
    })
    .meta({ id, description });

export const tagListSchema = listOf(tagSchema, 'TagList', 'Every tag that has at least one published post, by slug; not paged.');
export type TagListDoc = z.infer<typeof tagListSchema>;
export const authorListSchema = listOf(authorSchema, 'AuthorList', 'Every author who has at least one published post, by slug; not paged.');
export type AuthorListDoc = z.infer<typeof authorListSchema>;

/** The feeds of posts narrowed by one parameter (`tag` or `author`), absolute. */
export function feedLinks(siteUrl: string, param: 'tag' | 'author', slug: string) {
  const q = `?${param}=${encodeURIComponent(slug)}`;
  return { rss: `${siteUrl}/feed.xml${q}`, atom: `${siteUrl}/atom.xml${q}`, json: `${siteUrl}/feed.json${q}` };
}
