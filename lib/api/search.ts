// The search resource: one set of Zod schemas for query parsing, response shaping and the OpenAPI
// document (openapi/search.ts), the query's normal form (the cache key) and the opaque cursor.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { API_VERSION, pgInstant, postSummarySchema } from './posts';

/** Longer is not a search a person types; it only costs the parser and the cache. */
export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 50;

// C0 and C1 controls (NUL among them, which PostgreSQL text cannot hold). Format characters
// (\p{Cf}) stay allowed: emoji ZWJ sequences and bidirectional text need them.
const CONTROL = /\p{Cc}/u;

export const searchQuerySchema = z.object({
  q: z
    .string({ error: 'is required' })
    .min(1, 'must not be empty')
    .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters')
    .refine((s) => normaliseQuery(s) !== '', 'must not be empty')
    .meta({
      description:
        'What to search for, in web search syntax: words (all must match, stemmed), `"a phrase"`, `or`, `-excluded`. Case, repeated spaces and Unicode compatibility forms do not matter. 1–200 characters, no control characters.',
      example: 'postgres full text',
    }),
  limit: z.coerce
    .number({ error: `must be a whole number from 1 to ${MAX_SEARCH_LIMIT}` })
    .int(`must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`)
    .min(1, `must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`)
    .max(MAX_SEARCH_LIMIT, `must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`)
    .default(DEFAULT_SEARCH_LIMIT)
    .meta({ description: `Page size, 1–${MAX_SEARCH_LIMIT} (default ${DEFAULT_SEARCH_LIMIT}).` }),
  cursor: z
    .string()
    .max(300, 'is not a cursor this API issued')
    .optional()
    .meta({ description: 'Opaque cursor from a previous page\'s `links.next` (valid only with the same `q`).' }),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/**
 * The query's normal form, which is also its cache key: Unicode NFKC (full-width and ligature
 * forms fold to plain letters), lower case, runs of white space as one space, trimmed. None of
 * this changes what websearch_to_tsquery matches: the english configuration lower-cases every
 * lexeme, and it reads `or` in any case.
 */
export function normaliseQuery(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

export const excerptSchema = z
  .object({
    text: z.string().meta({ description: 'Plain text: a passage of the post around the matched words (Markdown syntax removed).' }),
    html: z.string().meta({
      description:
        'The same passage as HTML: every character of the post escaped, the matched words wrapped in `<mark>…</mark>` and no other markup. Safe to insert as HTML.',
      example: 'Before reaching for a search service, try what <mark>Postgres</mark> already has…',
    }),
  })
  .meta({ id: 'SearchExcerpt', description: 'A passage of the post with the matched words highlighted.' });
export type ExcerptDoc = z.infer<typeof excerptSchema>;

export const searchHitSchema = postSummarySchema
  .extend({ excerpt: excerptSchema })
  .meta({ id: 'SearchHit', description: 'A published post that matches the query, with a highlighted excerpt.' });
export type SearchHitDoc = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    query: z.string().meta({ description: 'The query as searched: its normal form (NFKC, lower case, single spaces).' }),
    data: z.array(searchHitSchema),
    links: z.object({
      self: z.url(),
      next: z.url().nullable().meta({ description: 'The next page, or null on the last page.' }),
    }),
  })
  .meta({ id: 'SearchResult', description: 'A page of matching published posts, most relevant first.' });
export type SearchResultDoc = z.infer<typeof searchResultSchema>;

// Cursor: opaque to clients; internally the last hit's sort key (rank, publication time, id) and
// a fingerprint of the query it belongs to, so a cursor cannot be replayed against another query.
const cursorSchema = z.object({
  // float8 as PostgreSQL prints it (shortest exact form), so it compares equal when read back.
  // …and within float8's range (1e999 or 1e-999 would be a PostgreSQL error, a 500).
  r: z
    .string()
    .regex(/^\d+(?:\.\d+)?(?:e[-+]?\d+)?$/)
    .refine((s) => {
      const n = Number(s);
      return Number.isFinite(n) && (n >= 1e-300 || /^0+(?:\.0+)?$/.test(s));
    }),
  t: pgInstant(z.iso.datetime({ offset: true, precision: 6 })),
  i: z.uuid(),
  h: z.string().regex(/^[A-Za-z0-9_-]{8}$/),
});
export type SearchCursor = z.infer<typeof cursorSchema>;

export const queryFingerprint = (q: string): string => createHash('sha256').update(q).digest('base64url').slice(0, 8);

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** The cursor, or why it cannot be used with this (normalised) query. */
export function decodeSearchCursor(value: string, q: string): SearchCursor | 'invalid' | 'other-query' {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return 'invalid';
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    if (!parsed.success) return 'invalid';
    return parsed.data.h === queryFingerprint(q) ? parsed.data : 'other-query';
  } catch {
    return 'invalid';
  }
}

/** The API URL of a page of results (absolute). */
export function searchUrl(siteUrl: string, query: { q: string; limit: number }, cursor?: string | null): string {
  const params = new URLSearchParams({ q: query.q });
  if (query.limit !== DEFAULT_SEARCH_LIMIT) params.set('limit', String(query.limit));
  if (cursor) params.set('cursor', cursor);
  return `${siteUrl}/api/search?${params.toString()}`;
}
