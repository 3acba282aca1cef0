// The whole content model of SPEC §2 in one Drizzle schema, shared by PGlite, pg and Neon.
// Row types come from `$inferSelect` / `$inferInsert`; nothing is kept twice by hand.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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


const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    author: text('author').notNull(),
    status: publicationStatus('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    // Soft delete: a deleted post answers 410 Gone at its URLs (SPEC §2).
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    // Optimistic concurrency: every save must carry the version it read.
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('posts_slug_unique').on(t.slug),
    index('posts_feed_order').on(t.status, t.publishedAt, t.id),
    check('posts_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('posts_title_not_blank', sql`length(btrim(${t.title})) > 0`),
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
    createdAt: timestamps.createdAt,
  },
  (t) => [check('tags_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)],
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
    ...timestamps,
  },
  (t) => [
    index('changelog_feed_order').on(t.status, t.publishedAt, t.id),
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
    ...timestamps,
  },
  (t) => [
    uniqueIndex('events_uid_unique').on(t.uid),
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

export type Post = typeof posts.$inferSelect;
export type NewPost = typeof posts.$inferInsert;
export type Tag = typeof tags.$inferSelect;
export type ChangelogEntry = typeof changelogEntries.$inferSelect;
export type NewChangelogEntry = typeof changelogEntries.$inferInsert;
export type Event = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type Revision = typeof revisions.$inferSelect;
export type NewRevision = typeof revisions.$inferInsert;

// Facts about the installation itself, e.g. when demo content was seeded (so a first start
// seeds once and a later start never re-seeds content an editor deleted).
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamps.updatedAt,
});

export * from './auth-schema';
