// The change log resource (SPEC §8, GET /api/changes): one set of Zod schemas for query parsing,
// the cursor, response shaping and the OpenAPI document (openapi/changes.ts).
import { z } from 'zod';
import { gazetteExtensionSchema, jsonFeedItemSchema } from './changelog';
import { eventSchema } from './events';
import { API_VERSION, postSchema } from './posts';

/**
 * The content types the log records, by their registry names (lib/cms/types/*). Kept here so the
 * query schema and the OpenAPI document stay pure and static (an enum); the registry
 * (lib/cms/registry.ts) is keyed by it, so the compiler holds the two equal.
 */
export const SYNC_TYPES = ['post', 'changelog', 'event'] as const;
export type SyncType = (typeof SYNC_TYPES)[number];

export const CHANGES_DEFAULT_LIMIT = 100;
export const CHANGES_MAX_LIMIT = 500;
/** The query parameters /api/changes takes; any other is a 400 naming it. */
export const CHANGES_PARAMS = ['limit', 'type', 'cursor'] as const;

const limitMessage = `must be a whole number from 1 to ${CHANGES_MAX_LIMIT}`;
const typeMessage = `must be one of ${SYNC_TYPES.join(', ')}`;

export const changesQuerySchema = z.object({
  limit: z.coerce
    .number({ error: limitMessage })
    .int(limitMessage)
    .min(1, limitMessage)
    .max(CHANGES_MAX_LIMIT, limitMessage)
    .default(CHANGES_DEFAULT_LIMIT)
    .meta({ description: `Records per page, 1–${CHANGES_MAX_LIMIT} (default ${CHANGES_DEFAULT_LIMIT}).` }),
  type: z
    .enum(SYNC_TYPES, { error: typeMessage })
    .optional()
    .meta({ description: 'Only records of items of this type, deletions and unpublishings included. Keep the same value for every page of a sync: a cursor carries it.' }),
  cursor: z
    .string()
    .max(200, 'is not a cursor this API issued')
    .optional()
    .meta({ description: 'Opaque: the `next_cursor` of the previous page (or the cursor in its `Link: rel="next"`). Omit it to start a sync from the current state of every published item.' }),
});
export type ChangesQueryParams = z.infer<typeof changesQuerySchema>;

// The cursor: opaque to clients; inside, the last position handed out (`p`), and while the first
// sync's snapshot is being paged the head position it is taken at (`h`), and the type filter it
// was issued for (`t`). Checked strictly: a cursor is either exactly one we issued or a 400.
const position = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const cursorSchema = z
  .strictObject({ v: z.literal(1), p: position, h: position.optional(), t: z.enum(SYNC_TYPES).optional() })
  .refine((c) => c.h === undefined || c.p <= c.h, 'a snapshot cursor never passes its head');
export type ChangesCursor = z.infer<typeof cursorSchema>;

export function encodeChangesCursor(cursor: ChangesCursor): string {
  // Fixed key order, so one position always encodes to one string (one cache entry, one URL).
  const { v, p, h, t } = cursor;
  return Buffer.from(JSON.stringify({ v, p, ...(h !== undefined ? { h } : {}), ...(t ? { t } : {}) }), 'utf8').toString('base64url');
}

export function decodeChangesCursor(value: string): ChangesCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    // Only the canonical spelling: another encoding of the same cursor would be a second URL
    // (and a second cache entry) for one page.
    return parsed.success && encodeChangesCursor(parsed.data) === value ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const isoDate = z.iso.datetime({ offset: true }).meta({ example: '2026-03-04T09:30:00.000Z' });

export const changelogItemSchema = jsonFeedItemSchema
  .extend({ _gazette: gazetteExtensionSchema })
  .meta({ id: 'ChangelogItem', description: 'A changelog entry as one item of /api/changelog.json (JSON Feed 1.1 with `_gazette`).' });

const recordBase = {
  position: z.number().int().min(1).meta({ description: 'The record\'s place in the log: strictly increasing, in commit order.' }),
  type: z.enum(SYNC_TYPES).meta({ description: 'The item\'s content type.' }),
  id: z.uuid().meta({ description: 'The item\'s id, stable for its whole life (key your copy by type and id).' }),
  slug: z.string().nullable().meta({ description: 'The item\'s public slug after the change (its former one for an unpublishing or deletion); null for types without slugs.' }),
  previousSlug: z.string().optional().meta({ description: 'A rename: the slug the item gave up (it now redirects to `slug`).' }),
  at: isoDate.meta({ description: 'When the change was made.' }),
};

export const upsertRecordSchema = z
  .object({
    ...recordBase,
    change: z.enum(['published', 'updated']),
    op: z.literal('upsert').meta({ description: 'Store `document` as the item\'s current copy.' }),
    document: z
      .union([postSchema, changelogItemSchema, eventSchema])
      .meta({ description: 'The item exactly as the read API served it when the change was made, absolute URLs included: a Post for `post`, a ChangelogItem for `changelog`, an Event for `event`.' }),
  })
  .meta({ id: 'ChangeUpsert', description: 'An item was published or its public copy changed.' });

export const deleteRecordSchema = z
  .object({
    ...recordBase,
    change: z.enum(['unpublished', 'deleted']),
    op: z.literal('delete').meta({ description: 'Remove the item from your copy.' }),
  })
  .meta({ id: 'ChangeDelete', description: 'An item stopped being public: unpublished (it may come back) or deleted.' });

export const changeRecordSchema = z.discriminatedUnion('op', [upsertRecordSchema, deleteRecordSchema]).meta({ id: 'ChangeRecord' });
export type ChangeRecordDoc = z.infer<typeof changeRecordSchema>;

export const changesPageSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    data: z.array(changeRecordSchema).meta({ description: 'Records in position order.' }),
    has_more: z.boolean().meta({ description: 'True when more records follow now: fetch `next_cursor` at once. False at the head: store `next_cursor` and poll with it later.' }),
    next_cursor: z.string().meta({ description: 'Always present: where the next page starts.' }),
    links: z.object({
      self: z.url(),
      next: z.url().nullable().meta({ description: 'The next page when `has_more`, else null (the same URL as `Link: rel="next"`).' }),
    }),
  })
  .meta({ id: 'ChangesPage', description: 'A page of the change log.' });
export type ChangesPageDoc = z.infer<typeof changesPageSchema>;

/** The URL of a page: parameters in a fixed order, the default limit left out. */
export function changesUrl(siteUrl: string, query: { limit: number; type?: SyncType | undefined }, cursor: string | null): string {
  const params = new URLSearchParams();
  if (query.limit !== CHANGES_DEFAULT_LIMIT) params.set('limit', String(query.limit));
  if (query.type) params.set('type', query.type);
  if (cursor) params.set('cursor', cursor);
  const search = params.toString();
  return `${siteUrl}/api/changes${search ? `?${search}` : ''}`;
}
