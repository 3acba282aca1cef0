// The whole content model of SPEC §2 in one Drizzle schema, shared by PGlite, pg and Neon.
// Row types come from `$inferSelect` / `$inferInsert`; nothing is kept twice by hand.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from './auth-schema';

export const publicationStatus = pgEnum('publication_status', ['draft', 'scheduled', 'published']);
export const changelogCategory = pgEnum('changelog_category', [
  'added',
  'changed',
  'deprecated',
  'removed',
  'fixed',
  'security',
]);
export const eventStatus = pgEnum('event_status', ['confirmed', 'tentative', 'cancelled']);


// PostgreSQL full-text search (lists in the CMS, search on the site): a stored, generated
// tsvector per searchable table with a GIN index; the same on PGlite, pg and Neon.
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** Title weighs more than the rest (ts_rank uses the weights). */
const searchVector = (title: string, rest: string) =>
  tsvector('search').generatedAlwaysAs(
    sql.raw(
      `setweight(to_tsvector('english'::regconfig, coalesce(${title}, '')), 'A') || setweight(to_tsvector('english'::regconfig, ${rest}), 'B')`,
    ),
  );

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

// Public author profiles: the display name and bio readers see. A profile belongs to at most one
// editor account (the account's own byline); demo and migrated bylines may have none.
export const authors = pgTable(
  'authors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    bio: text('bio').notNull().default(''),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('authors_slug_unique').on(t.slug),
    uniqueIndex('authors_user_unique').on(t.userId),
    check('authors_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('authors_name_not_blank', sql`length(btrim(${t.name})) > 0`),
  ],
);

// Media (SPEC §9): an uploaded image and the files made from it once, at upload. Every file is
// stored under the SHA-256 of its own bytes (content-addressed, lib/media/store.ts); the upload's
// own hash is unique, so the same image uploaded twice is stored once.
export const media = pgTable(
  'media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 (hex) of the bytes as uploaded, before metadata was stripped. */
    sourceHash: text('source_hash').notNull(),
    /** The uploaded file's name, made safe (lib/media/names.ts): shown in the library, used in URLs. */
    fileName: text('file_name').notNull(),
    alt: text('alt').notNull().default(''),
    /** The stored original: jpeg, png, webp, avif or gif (lib/media/formats.ts). */
    format: text('format').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Bytes of the upload as received. */
    bytes: integer('bytes').notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    search: tsvector('search').generatedAlwaysAs(
      sql.raw(`to_tsvector('simple'::regconfig, coalesce(file_name, '') || ' ' || coalesce(alt, ''))`),
    ),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('media_source_hash_unique').on(t.sourceHash),
    index('media_created_order').on(t.createdAt, t.id),
    index('media_search').using('gin', t.search),
    check('media_source_hash_format', sql`${t.sourceHash} ~ '^[0-9a-f]{64}$'`),
    check('media_format', sql`${t.format} in ('jpeg', 'png', 'webp', 'avif', 'gif')`),
    check('media_size_positive', sql`${t.width} > 0 and ${t.height} > 0 and ${t.bytes} > 0`),
  ],
);

/** The files of one media item: the original (metadata stripped, orientation applied) and its variants. */
export const mediaFiles = pgTable(
  'media_files',
  {
    mediaId: uuid('media_id')
      .notNull()
      .references(() => media.id, { onDelete: 'cascade' }),
    /** SHA-256 (hex) of the file's bytes: its storage key and its URL. */
    hash: text('hash').notNull(),
    format: text('format').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    original: boolean('original').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.mediaId, t.hash] }),
    index('media_files_hash').on(t.hash),
    check('media_files_hash_format', sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
    check('media_files_format', sql`${t.format} in ('jpeg', 'png', 'webp', 'avif', 'gif')`),
  ],
);

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    // The byline: an author profile (display name, bio), usually an editor account's own.
    authorId: uuid('author_id')
      .notNull()
      .references(() => authors.id, { onDelete: 'restrict' }),
    // The cover image (SPEC §9) and its alt text for this post (empty: the image's own alt).
    // A used image cannot be deleted (restrict).
    coverMediaId: uuid('cover_media_id').references(() => media.id, { onDelete: 'restrict' }),
    coverAlt: text('cover_alt').notNull().default(''),
    // Per-post SEO (issue 15): '' means "use the post's own" (title, summary, page URL).
    metaTitle: text('meta_title').notNull().default(''),
    metaDescription: text('meta_description').notNull().default(''),
    canonicalUrl: text('canonical_url').notNull().default(''),
    noindex: boolean('noindex').notNull().default(false),
    status: publicationStatus('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    // Soft delete: a deleted post answers 410 Gone at its URLs (SPEC §2).
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    // Optimistic concurrency: every save must carry the version it read.
    version: integer('version').notNull().default(1),
    search: searchVector('title', `coalesce(summary, '') || ' ' || coalesce(body, '')`),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('posts_slug_unique').on(t.slug),
    index('posts_feed_order').on(t.status, t.publishedAt, t.id),
    index('posts_author').on(t.authorId),
    index('posts_cover').on(t.coverMediaId),
    index('posts_updated_order').on(t.updatedAt, t.id),
    index('posts_search').using('gin', t.search),
    check('posts_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('posts_title_not_blank', sql`length(btrim(${t.title})) > 0`),
    // The caps of lib/cms/seo-limits.ts, which the CMS form enforces, so no other writer exceeds them.
    check('posts_meta_title_length', sql`char_length(${t.metaTitle}) <= 70`),
    check('posts_meta_description_length', sql`char_length(${t.metaDescription}) <= 200`),
    check('posts_canonical_url_format', sql`${t.canonicalUrl} = '' OR (${t.canonicalUrl} ~ '^https?://[^\\s]+$' AND char_length(${t.canonicalUrl}) <= 2000)`),
    check('posts_scheduled_has_time', sql`${t.status} = 'draft' OR ${t.publishedAt} IS NOT NULL`),
  ],
);

// Slug history: every slug a post has given up. Old URLs answer 308 to the current slug.
export const postSlugRedirects = pgTable(
  'post_slug_redirects',
  {
    slug: text('slug').primaryKey(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('post_slug_redirects_post').on(t.postId),
    check('post_slug_redirects_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const tags = pgTable(
  'tags',
  {
    slug: text('slug').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: timestamps.createdAt,
  },
  (t) => [check('tags_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)],
);

// Tag slugs given up by a rename or a merge: old tag URLs (`?tag=old`, later /tags/old) keep
// working by resolving here to the tag that took them over.
export const tagSlugRedirects = pgTable(
  'tag_slug_redirects',
  {
    slug: text('slug').primaryKey(),
    tagSlug: text('tag_slug')
      .notNull()
      .references(() => tags.slug, { onDelete: 'cascade', onUpdate: 'cascade' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('tag_slug_redirects_tag').on(t.tagSlug),
    check('tag_slug_redirects_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const postTags = pgTable(
  'post_tags',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    tagSlug: text('tag_slug')
      .notNull()
      .references(() => tags.slug, { onDelete: 'cascade', onUpdate: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagSlug] }), index('post_tags_tag').on(t.tagSlug)],
);

export const changelogEntries = pgTable(
  'changelog_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    category: changelogCategory('category').notNull(),
    // The product version the entry belongs to (e.g. "2.4.0"); not the row's lock version.
    productVersion: text('product_version'),
    status: publicationStatus('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
    search: searchVector('title', `coalesce(body, '') || ' ' || coalesce(product_version, '')`),
    ...timestamps,
  },
  (t) => [
    index('changelog_feed_order').on(t.status, t.publishedAt, t.id),
    index('changelog_search').using('gin', t.search),
    check('changelog_title_not_blank', sql`length(btrim(${t.title})) > 0`),
    check('changelog_scheduled_has_time', sql`${t.status} = 'draft' OR ${t.publishedAt} IS NOT NULL`),
  ],
);

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // iCalendar UID (RFC 5545 §3.8.4.7): set once at creation and never changed.
    uid: text('uid').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    location: text('location').notNull().default(''),
    url: text('url'),
    // Instants. For all-day events these are local midnights in `timeZone`, end exclusive.
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    allDay: boolean('all_day').notNull().default(false),
    timeZone: text('time_zone').notNull(),
    status: eventStatus('status').notNull().default('confirmed'),
    // RFC 5545 §3.8.7.4: grows on every significant change so calendar apps take the update.
    sequence: integer('sequence').notNull().default(0),
    // Publication, as for posts and changelog entries (one model, lib/cms/publication.ts).
    // Not `status`: that is the iCalendar STATUS above.
    publicationStatus: publicationStatus('publication_status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
    search: searchVector('title', `coalesce(description, '') || ' ' || coalesce(location, '')`),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('events_uid_unique').on(t.uid),
    index('events_search').using('gin', t.search),
    index('events_start').on(t.publicationStatus, t.startsAt),
    check('events_title_not_blank', sql`length(btrim(${t.title})) > 0`),
    check('events_end_after_start', sql`${t.endsAt} >= ${t.startsAt}`),
    check('events_sequence_non_negative', sql`${t.sequence} >= 0`),
    check('events_scheduled_has_time', sql`${t.publicationStatus} = 'draft' OR ${t.publishedAt} IS NOT NULL`),
  ],
);

// Every save of a post, changelog entry or event keeps a full snapshot (SPEC §2).
export const revisions = pgTable(
  'revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The content type's name (lib/cms/content-types): text, so a new type needs no enum change.
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    // The entity's lock version this snapshot records.
    entityVersion: integer('entity_version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    editorId: text('editor_id'),
    editorName: text('editor_name').notNull(),
    note: text('note'),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('revisions_entity_version').on(t.entityType, t.entityId, t.entityVersion),
    index('revisions_entity_time').on(t.entityType, t.entityId, t.createdAt),
  ],
);

// Edits to a published item, staged until the editor publishes them (or a scheduled time does):
// the public keeps the published row meanwhile. One per item; `snapshot` is the content type's
// revision snapshot (validated by its schema when applied), `baseVersion` the item version the
// edit started from (optimistic concurrency), `publishAt` set when the update is scheduled.
export const stagedEdits = pgTable(
  'staged_edits',
  {
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    baseVersion: integer('base_version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    publishAt: timestamp('publish_at', { withTimezone: true, mode: 'date' }),
    editorId: text('editor_id'),
    editorName: text('editor_name').notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.entityType, t.entityId] }), index('staged_edits_due').on(t.publishAt)],
);

// What an editor typed and has not saved, kept server-side per editor and item (so another
// browser sees it): `itemKey` is the item's id, or `new` for an item not created yet.
// `fields` holds the form's field values as typed (strings), `baseVersion` the version shown.
export const autosaves = pgTable(
  'autosaves',
  {
    editorId: text('editor_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').notNull(),
    itemKey: text('item_key').notNull(),
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    baseVersion: integer('base_version'),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [primaryKey({ columns: [t.editorId, t.entityType, t.itemKey] })],
);

export type Author = typeof authors.$inferSelect;
export type StagedEdit = typeof stagedEdits.$inferSelect;
export type Autosave = typeof autosaves.$inferSelect;
export type Post = typeof posts.$inferSelect;
export type NewPost = typeof posts.$inferInsert;
export type Tag = typeof tags.$inferSelect;
export type ChangelogEntry = typeof changelogEntries.$inferSelect;
export type NewChangelogEntry = typeof changelogEntries.$inferInsert;
export type Event = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type Revision = typeof revisions.$inferSelect;
export type NewRevision = typeof revisions.$inferInsert;

// The change log (SPEC §8): one record per change the public can see, appended in the same
// transaction as the change, by lib/cms/change-log.ts only. `position` is the sync cursor:
// appends are serialised by an advisory lock, so positions commit in order and a reader never
// sees position n+1 before n. Published/updated records keep the read API's JSON document of the
// item as it was then, so a page of /api/changes never changes once full; unpublished/deleted
// records name the item and its former slug.
export const changeKind = pgEnum('change_kind', ['published', 'updated', 'unpublished', 'deleted']);
export const changes = pgTable(
  'changes',
  {
    position: bigserial('position', { mode: 'number' }).primaryKey(),
    // The content type's name (lib/cms/types/*), as in revisions.entity_type.
    itemType: text('item_type').notNull(),
    itemId: uuid('item_id').notNull(),
    // The public slug after the change (the former one for unpublished/deleted); null for types without slugs.
    slug: text('slug'),
    // A rename: the slug the item gave up.
    previousSlug: text('previous_slug'),
    kind: changeKind('kind').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    document: jsonb('document').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('changes_type_position').on(t.itemType, t.position),
    index('changes_item_position').on(t.itemId, t.position),
    check('changes_document_for_upserts', sql`(${t.kind} in ('published', 'updated')) = (${t.document} is not null)`),
  ],
);

// Webhook endpoints (SPEC §8, Standard Webhooks v1), managed by admins in the CMS. `eventTypes`
// holds names like `post.published`, or `*` for every event. `secret` is `whsec_` + base64 of
// 32 random bytes; after a rotation `previousSecret` also signs until `previousSecretExpiresAt`.
// `failingSince` is when the current run of failed attempts began (null while healthy),
// `lastFailureAt` its latest failure;
// `disabledReason` says why the system (not an admin) turned the endpoint off.
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey().defaultRandom(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  eventTypes: text('event_types').array().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  disabledReason: text('disabled_reason'),
  secret: text('secret').notNull(),
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true, mode: 'date' }),
  failingSince: timestamp('failing_since', { withTimezone: true, mode: 'date' }),
  // The latest failed attempt: a streak ends when the endpoint was idle longer than any retry wait.
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }),
  ...timestamps,
});

// The outbox: one delivery per (event, endpoint), written in the change's own transaction.
// `id` is the `webhook-id` header, the same on every attempt. Workers claim due rows with
// FOR UPDATE SKIP LOCKED and take a lease (`leaseUntil`), so a delivery runs in one process at
// a time and one whose process died is taken up again when its lease ends.
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'delivered', 'failed']);
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    // The change-log position the event reports; null for a test event.
    changePosition: bigint('change_position', { mode: 'number' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
    createdAt: timestamps.createdAt,
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('webhook_deliveries_due').on(t.status, t.nextAttemptAt), index('webhook_deliveries_endpoint').on(t.endpointId, t.createdAt)],
);

// Every attempt of a delivery, for the CMS's delivery log.
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    statusCode: integer('status_code'),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery').on(t.deliveryId, t.startedAt)],
);

// Facts about the installation itself, e.g. when demo content was seeded (so a first start
// seeds once and a later start never re-seeds content an editor deleted).
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamps.updatedAt,
});

export * from './auth-schema';
export type Media = typeof media.$inferSelect;
export type MediaFile = typeof mediaFiles.$inferSelect;
export type Change = typeof changes.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
