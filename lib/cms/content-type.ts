// What a content type is, for the CMS (SPEC §10): one description per type, in the spirit of a
// Payload collection config, drives the list page, the form's actions (save, publish, schedule,
// unpublish, delete, restore), revisions and their diff, scheduling and the cache tags a change
// touches. lib/cms/items.ts runs it; lib/cms/types/*.ts are the descriptions. Types are inferred
// from the description: the table's row, the form's output, the snapshot schema.
import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { PUBLISH_INTENTS, type PublicationStatus, type PublishIntent } from './publication';
import { idField, versionField } from './forms';
import { isTimeZone, readLocal, type Clock } from './time';

/** The columns every content table has; the generic actions read and write them by these names. */
export type ContentTable = PgTable & {
  id: PgColumn;
  title: PgColumn;
  version: PgColumn;
  deletedAt: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
};

/** What every form of a content type sends besides its own fields. */
export interface FormBase {
  id: string;
  version: number;
  intent: PublishIntent;
  publishAt?: Date | undefined;
}

/** The fields every content form has: which item, which version it read, what to do. */
export function itemForm<Shape extends z.ZodRawShape>(label: string, shape: Shape) {
  return z.preprocess(
    zonedPublishAt,
    z
      .object({
        id: idField,
        version: versionField.default(0),
        publishAt: z.date().optional(),
        intent: z.enum(PUBLISH_INTENTS, { error: `Choose what to do with the ${label}.` }).default('save'),
        ...shape,
      })
      .strict(),
  );
}

/** The hidden field naming the zone the form's `publishAt` was rendered (and is typed) in. */
export const PUBLISH_AT_ZONE = 'publishAtZone';

/**
 * publishAt arrives as a `datetime-local` wall time in the zone named by the form's hidden
 * publishAtZone field (the editor's zone when the page was rendered; UTC when absent), so
 * parsing needs no request context. Read here, before the object's own checks: the object
 * then holds an instant, and the zone field is gone (the form is strict).
 */
function zonedPublishAt(raw: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { [PUBLISH_AT_ZONE]: zoneValue, ...rest } = raw as Record<string, unknown>;
  const value = rest.publishAt;
  if (typeof value !== 'string') return rest;
  const zone = typeof zoneValue === 'string' && zoneValue !== '' ? zoneValue : 'UTC';
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', path: ['publishAt'], message, input: value });
    return { ...rest, publishAt: undefined };
  };
  if (!isTimeZone(zone)) return fail('The form names an unknown time zone; reload the page.');
  const trimmed = value.trim();
  if (trimmed === '') return { ...rest, publishAt: undefined };
  const read = readLocal(trimmed, zone);
  if (read.ok) return { ...rest, publishAt: read.date };
  if (read.reason === 'gap') return fail(`${trimmed.replace('T', ' ')} does not exist in ${zone}: the clocks skip that hour. Choose another time.`);
  return fail(`Use a date and time like 2027-01-15T09:00 (${zone}).`);
}

/** Columns to write: a value, or SQL computed by the database (e.g. `sequence + 1`). */
export type Writable<T> = { [K in keyof T]?: T[K] | SQL };

/** A form's values as the browser holds them: text, or a checkbox's state. */
export type FormValues = Record<string, string | boolean>;

/** One cell of a list row, as the generic list page shows it. */
export interface Cell {
  text: string;
  /** Shown as a status badge (CSS class badge-{badge}). */
  badge?: string;
  /** A second, quieter line. */
  meta?: string;
}

/** Choices for form fields that pick from stored things (`fieldOptions`). */
export type FieldOptions = Record<string, { options: { value: string; label: string }[]; default?: string }>;

/** A list filter beyond publication status (e.g. upcoming events): ?show={name}. */
export interface ListFilter {
  name: string;
  label: string;
  where: (now: Date) => SQL | undefined;
  /** The sort of this view, when it differs from the type's. */
  sort?: ListOrder;
}

/** A filter by something related, picked from a list (a post's tag or author): ?{name}=value. */
export interface ListFacet {
  name: string;
  label: string;
  /** The choices, read from the database when the list page renders. */
  options: (db: Db) => Promise<{ value: string; label: string }[]>;
  /** The value from the URL, checked (it is typed by anyone): undefined ignores it. */
  parse: (value: string) => string | undefined;
  where: (value: string) => SQL;
}

/**
 * A sort of the list. With the row's id as tie-breaker it orders the list and makes its keyset
 * cursor, so the key must never be NULL (coalesce) and must compare as it sorts.
 */
export interface ListSort {
  name: string;
  label: string;
  key: SQL | PgColumn;
  /** The SQL type a cursor's key (sent as text) is cast back to. */
  type: 'timestamptz' | 'text' | 'real';
}

export interface ListOrder {
  by: string;
  dir: 'asc' | 'desc';
}

/** A list row: the table's columns and the values the list's `with` adds (read them with a check). */
export type ListRow<T extends ContentTable> = Row<T> & Readonly<Record<string, unknown>>;

export interface ContentTypeDescription<
  TTable extends ContentTable,
  TInput extends FormBase,
  TSnapshot extends z.ZodObject,
  TExtra extends object = Record<never, never>,
> {
  /** Stored in revisions.entity_type and used in form names: never change it once data exists. */
  name: string;
  /** The CMS URL segment: /cms/{segment}. */
  segment: string;
  labels: { singular: string; plural: string; title: string };
  table: TTable;
  /** The publication columns (lib/cms/publication.ts has the one model every type follows). */
  publication: { status: PgColumn; publishedAt: PgColumn };
  /** The editor's form; build it with itemForm() so it carries id, version, intent and publishAt. */
  form: z.ZodType<TInput>;
  /** What a revision keeps. Restoring parses a stored snapshot with it: never a cast. */
  snapshot: {
    schema: TSnapshot;
    of: (item: Item<TTable, TExtra>) => z.input<TSnapshot>;
    /** The form values that bring the snapshot back (publication stays as it is now). */
    restore: (snap: z.output<TSnapshot>, current: Item<TTable, TExtra>) => Omit<TInput, keyof FormBase>;
  };
  /** The form's initial values for an item, and for a new one (as the form's fields name them). */
  toForm: (item: Item<TTable, TExtra>) => FormValues;
  blank: (editor: { id: string; name: string }) => FormValues;
  /** Choices for fields that pick from stored things (e.g. a post's author), and their defaults for a new item. */
  fieldOptions?: (db: Db, editor: { id: string; name: string }) => Promise<FieldOptions>;
  /** The row's own columns from the form's values (id, version and publication are added). */
  columns: (values: Omit<TInput, keyof FormBase>, ctx: { current?: Row<TTable>; now: Date }) => Writable<TTable['$inferInsert']>;
  /** Columns set on delete besides deletedAt and version. */
  onDelete?: (current: Row<TTable>) => Writable<TTable['$inferInsert']>;
  /** Loads what the row alone does not hold (e.g. a post's tags). */
  extras?: (db: Db, row: Row<TTable>) => Promise<TExtra>;
  /** Checks before writing; throw ActionRefusal to refuse. */
  beforeWrite?: (tx: Tx, values: Omit<TInput, keyof FormBase>, current: Item<TTable, TExtra> | undefined) => Promise<void>;
  /** Writes what lives beside the row (slug history, tags), in the same transaction. */
  afterWrite?: (tx: Tx, saved: Row<TTable>, values: Omit<TInput, keyof FormBase>, current: Item<TTable, TExtra> | undefined) => Promise<void>;
  /** Every cache tag (lib/content/cache-tags.ts) a change from `before` to `after` touches. */
  cacheTags: (after: Item<TTable, TExtra>, before: Item<TTable, TExtra> | undefined) => string[];
  /**
   * Partners (SPEC §8): how a public item appears in the change log, /api/changes and webhooks.
   * Every change the public can see is recorded from this (lib/cms/change-log.ts).
   */
  sync: {
    /** The item's JSON document exactly as the read API serves it, read through the change's transaction. */
    document: (db: Db, item: Item<TTable, TExtra>) => Promise<object>;
    /** The item's public slug, for types whose URLs have one. */
    slug?: (item: Item<TTable, TExtra>) => string;
    /** The absolute URL of the item's document in the read API. */
    apiUrl: (item: Item<TTable, TExtra>, siteUrl: string) => string;
  };
  /** True when the type is in the WebSub-announced feeds (lib/cms/websub.ts). */
  inFeeds: boolean;
  /** The public URL of a published item, if it has its own page or file. */
  publicUrl?: (item: Item<TTable, TExtra>) => string;
  messages: {
    /** After "Publish": where the public sees it. */
    published: string;
    /** What deleting does to the public copy (confirmation, and the message after). */
    deleteEffect: (wasPublic: boolean) => string;
    /** Said after a save when the change means more to the public (e.g. calendars take an update). */
    update?: { note: string; when: (after: Row<TTable>, before: Row<TTable>) => boolean };
  };
  /**
   * The list page (lib/cms/lists.ts): title, publication status and last change are always shown,
   * these columns between. Every type searches, filters by status, sorts by last update, creation,
   * title and publication time, and pages by keyset; the rest is declared here.
   */
  list: {
    subtitle?: (row: ListRow<TTable>) => string;
    columns: { label: string; cell: (row: ListRow<TTable>) => Cell }[];
    /** Values shown beside the row's own columns, one SQL expression each (e.g. a post's author name). */
    with?: Record<string, SQL>;
    /** The full-text column: a generated tsvector with a GIN index (db/schema.ts); else the title is searched, unindexed. */
    search?: PgColumn;
    filters?: ListFilter[];
    facets?: ListFacet[];
    /** Sorts beyond the ones every type has. */
    sorts?: ListSort[];
    /** The default order (else the last updated first). */
    sort?: ListOrder;
  };
  revisions: {
    /** The fields the revision page compares, each shown as text (times in the editor's clock). */
    compare: { label: string; show: (snap: z.output<TSnapshot>, clock: Clock) => string }[];
    /** The long text field shown as a line diff. */
    text: { label: string; of: (snap: z.output<TSnapshot>) => string };
    /** What restoring brings back, in the editor's words. */
    restoreNote: string;
  };
  /**
   * The form field holding the long text (revisions.text shows it; a body, a description): the
   * editor checks its size before sending, since Server Action bodies are capped.
   */
  textField: string;
  /** The Markdown field previewed as the public page renders it, if any. */
  preview?: (values: FormValues) => string | undefined;
}

export type Row<T extends ContentTable> = T['$inferSelect'] & { id: string; title: string; version: number; deletedAt: Date | null; updatedAt: Date; createdAt: Date };
export type Item<T extends ContentTable, E extends object> = Row<T> & E;

/** Any description, for code that serves every type (the registry, the generic pages). */
// Variance: a description is used through its own functions only, so `any` here loses no safety
// at the call sites, which are typed by defineContentType.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyContentType = ContentTypeDescription<any, any, any, any>;

/** Declare a content type; the generics are inferred from the description. */
export function defineContentType<TTable extends ContentTable, TInput extends FormBase, TSnapshot extends z.ZodObject, TExtra extends object = Record<never, never>>(
  description: ContentTypeDescription<TTable, TInput, TSnapshot, TExtra>,
): ContentTypeDescription<TTable, TInput, TSnapshot, TExtra> {
  return description;
}

/** Publication status of a row, read through the description's column. */
export function publicationOf(type: AnyContentType, row: Record<string, unknown>): { status: PublicationStatus; publishedAt: Date | null } {
  return { status: row[keyOf(type.table, type.publication.status)] as PublicationStatus, publishedAt: row[keyOf(type.table, type.publication.publishedAt)] as Date | null };
}

const keys = new WeakMap<PgColumn, string>();

/** The property name of a column in its table (the row object's key); looked up once per column. */
export function keyOf(table: PgTable, column: PgColumn): string {
  const known = keys.get(column);
  if (known !== undefined) return known;
  for (const [key, value] of Object.entries(table)) {
    if (value === column) {
      keys.set(column, key);
      return key;
    }
  }
  throw new Error(`column ${column.name} is not in this table`);
}
