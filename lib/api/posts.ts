// The posts resource: one set of Zod schemas for query parsing, response shaping (the types
// below) and the OpenAPI document (openapi/posts.ts).
import { z } from 'zod';
import { CANONICAL_URL_MAX, META_DESCRIPTION_MAX, META_TITLE_MAX } from '@/lib/cms/seo-limits';
import { imageSchema } from './images';

export const API_VERSION = 1;
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugSchema = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(SLUG_RE, 'must be lowercase kebab-case (a-z, 0-9 and single hyphens)')
  .meta({ description: 'Lowercase kebab-case identifier', example: 'etags-explained' });

const isoDate = z.iso.datetime({ offset: true }).meta({ example: '2026-03-04T09:30:00.000Z' });

export const postListQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int('must be a whole number from 1 to 100')
    .min(1, 'must be a whole number from 1 to 100')
    .max(100, 'must be a whole number from 1 to 100')
    .default(20)
    .meta({ description: 'Page size, 1–100 (default 20).' }),
  cursor: z
    .string()
    .max(200, 'is not a cursor this API issued')
    .optional()
    .meta({ description: 'Opaque cursor from a previous page\'s `links.next` or `Link: rel="next"`.' }),
  tag: slugSchema.optional().meta({ description: 'Only posts with this tag (a tag slug).' }),
  author: slugSchema.optional().meta({ description: 'Only posts by this author (an author slug, as /api/authors lists them).' }),
});
export type PostListQuery = z.infer<typeof postListQuerySchema>;

export const postLinksSchema = z.object({
  self: z.url().meta({ description: 'This post in the API.' }),
  html: z.url().meta({ description: 'The public web page.' }),
});

export const postSummarySchema = z
  .object({
    id: z.uuid(),
    slug: slugSchema,
    title: z.string(),
    summary: z.string(),
    author: z.string(),
    tags: z.array(slugSchema),
    publishedAt: isoDate,
    updatedAt: isoDate,
    // A union, not .nullable(): the generator would fold null into the shared Image component.
    cover: z.union([imageSchema, z.null()]).meta({ description: 'The cover image, or null when the post has none.' }),
    links: postLinksSchema,
  })
  .meta({ id: 'PostSummary', description: 'A published post without its body.' });
export type PostSummaryDoc = z.infer<typeof postSummarySchema>;

export const postSeoSchema = z
  .object({
    metaTitle: z.string().max(META_TITLE_MAX).nullable().meta({ description: 'The title for search results and link previews, or null for the post\'s own title.' }),
    metaDescription: z.string().max(META_DESCRIPTION_MAX).nullable().meta({ description: 'The description for search results and link previews, or null for the summary.' }),
    canonicalUrl: z.url({ protocol: /^https?$/ }).max(CANONICAL_URL_MAX).nullable().meta({ description: 'Where the original of this post lives, when not at `links.html`; null otherwise.' }),
    noindex: z.boolean().meta({ description: 'True when the page asks search engines not to list it (it stays public and in the feeds).' }),
  })
  .meta({ id: 'PostSeo', description: 'The editor\'s search and sharing settings for a post.' });

export const postSchema = postSummarySchema
  .extend({
    apiVersion: z.literal(API_VERSION).meta({ description: 'Version of this document shape; grows only on breaking changes.' }),
    contentHtml: z.string().meta({ description: 'The body rendered from Markdown and sanitised; links are absolute.' }),
    contentMarkdown: z.string().meta({ description: 'The Markdown source of the body.' }),
    seo: postSeoSchema,
  })
  .meta({ id: 'Post', description: 'A published post.' });
export type PostDoc = z.infer<typeof postSchema>;

export const postListSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    data: z.array(postSummarySchema),
    links: z.object({
      self: z.url(),
      next: z.url().nullable().meta({ description: 'The next page, or null on the last page.' }),
    }),
  })
  .meta({ id: 'PostList', description: 'A page of published posts, newest first.' });
export type PostListDoc = z.infer<typeof postListSchema>;

// Cursor: opaque to clients; internally the (publishedAt, id) of the last item, so a page
// boundary does not move when new posts are published above it (keyset pagination).
const cursorSchema = z.object({ t: pgInstant(z.iso.datetime({ offset: true, precision: 6 }).or(z.iso.datetime({ offset: true }))), i: z.uuid() });

/**
 * An ISO 8601 instant PostgreSQL's timestamptz also accepts: Zod's datetime allows year 0000 and
 * offsets up to ±23:59, PostgreSQL neither (its error would be a 500 on a tampered cursor).
 */
export function pgInstant<T extends z.ZodType<string>>(schema: T) {
  return schema.refine((s) => !s.startsWith('0000') && !/[+-](1[6-9]|2\d):\d\d$/.test(s), 'is not a time this API issues');
}
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(value: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
