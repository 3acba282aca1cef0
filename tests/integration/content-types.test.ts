// Adding a content type is one description (README, "Adding a content type"): this registers a
// throwaway fourth type, "note", with its own table, and runs it through the generic engine the
// CMS actions and the scheduler use — create, publish, a stale save, schedule, the scheduler,
// unpublish, restore (staged, as the note is published; and a snapshot that no longer fits), publishing
// the staged edit, delete — on the embedded database.
// Its form page and public readers are what a real type adds on top (the README says how).
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { openDatabase, type DbHandle } from '@/db/client';
import { changes, events, publicationStatus, revisions, stagedEdits } from '@/db/schema';
import { copyTemplate } from '../helpers/template-db';

// The CMS modules guard against client bundles with `server-only`, which only resolves inside Next.
vi.mock('server-only', () => ({}));

const { defineContentType, itemForm, publicationOf } = await import('@/lib/cms/content-type');
const { requiredLine, text: textField } = await import('@/lib/cms/forms');
const { commitChange } = await import('@/lib/cms/commit');
const { deleteItem, findItem, listItems, publishDueItems, restoreItem, saveItem } = await import('@/lib/cms/items');
const { contentTypeAt, contentTypes, registerContentType } = await import('@/lib/cms/registry');
const { ActionRefusal } = await import('@/lib/cms/refusals');
const { findStaged, runStaged } = await import('@/lib/cms/staging');
const { headVersion } = await import('@/lib/cms/item-rows');
const { eventType } = await import('@/lib/cms/types/event');

// What a new type brings: its table (here created by hand; a real one gets a drizzle-kit migration) …
const notes = pgTable('test_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  status: publicationStatus('status').notNull().default('draft'),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

// … and its description.
const form = itemForm('note', { title: requiredLine('The title', 200), body: textField('The body', 10_000).default('') });
const noteType = defineContentType({
  name: 'note',
  segment: 'notes',
  labels: { singular: 'note', plural: 'notes', title: 'Notes' },
  table: notes,
  publication: { status: notes.status, publishedAt: notes.publishedAt },
  form,
  snapshot: {
    schema: z.object({ title: z.string(), body: z.string() }),
    of: (n) => ({ title: n.title, body: n.body }),
    restore: (s) => ({ title: s.title, body: s.body }),
  },
  toForm: (n) => ({ title: n.title, body: n.body }),
  blank: () => ({ title: '', body: '' }),
  columns: ({ title, body }) => ({ title, body }),
  cacheTags: (after) => ['notes', `note:${after.id}`],
  inFeeds: false,
  // Its public document (what /api/changes and webhooks carry): here the row's public fields.
  sync: { document: async (_db, n) => ({ id: n.id, title: n.title, body: n.body }), apiUrl: (n, siteUrl) => `${siteUrl}/notes/${n.id}` },
  messages: { published: 'It is public now.', deleteEffect: () => 'it disappears' },
  list: { columns: [] },
  revisions: { compare: [{ label: 'Title', show: (s) => s.title }], text: { label: 'Body', of: (s) => s.body }, restoreNote: 'Brings back the text.' },
  textField: 'body',
});

const editor = { id: 'test-editor', name: 'Test Editor', email: 'editor@example.com', role: 'editor' as const };
let handle: DbHandle;
let cleanup: () => void;

beforeAll(async () => {
  const copy = copyTemplate();
  cleanup = copy.cleanup;
  handle = await openDatabase({ driver: 'pglite', dataDir: copy.dataDir });
  await handle.db.execute(sql`create table test_notes (
    id uuid primary key default gen_random_uuid(), title text not null, body text not null default '',
    status publication_status not null default 'draft', published_at timestamptz, deleted_at timestamptz,
    version integer not null default 1, created_at timestamptz not null default now(), updated_at timestamptz not null default now())`);
  registerContentType(noteType);
});

afterAll(async () => {
  await handle?.close();
  cleanup?.();
});

/** What the CMS's save action does: parse the form, then save inside one transaction with a revision. */
async function submit(fields: Record<string, string>) {
  const input = form.parse(fields);
  return commitChange(handle.db, editor, (tx) => saveItem(tx, noteType, input, editor));
}

const row = async (id: string) => (await handle.db.select().from(notes).where(eq(notes.id, id)))[0]!;
const noteChanges = async (id: string) =>
  handle.db
    .select({ kind: changes.kind, slug: changes.slug, document: changes.document })
    .from(changes)
    .where(and(eq(changes.itemType, 'note'), eq(changes.itemId, id)))
    .orderBy(changes.position);
const notesRevisions = async (id: string) =>
  handle.db.select().from(revisions).where(and(eq(revisions.entityType, 'note'), eq(revisions.entityId, id))).orderBy(revisions.entityVersion);

describe('a fourth content type, registered from its description alone', () => {
  let id = '';

  it('is served by the registry at its CMS segment', () => {
    expect(contentTypeAt('notes')).toBe(noteType);
    expect(contentTypes().map((t) => t.name)).toEqual(['post', 'changelog', 'event', 'note']);
    expect(() => registerContentType({ ...noteType, name: 'post' })).toThrow(/clashes/);
  });

  it('creates a draft with a revision, then publishes it with its own cache tags', async () => {
    const created = await submit({ title: 'First note', body: 'Hello', intent: 'save' });
    id = /\/cms\/notes\/([0-9a-f-]{36})\?saved=created/.exec(created.redirectTo ?? '')![1]!;
    expect(publicationOf(noteType, await row(id))).toEqual({ status: 'draft', publishedAt: null });

    const published = await submit({ id, version: '1', title: 'First note', body: 'Hello, world', intent: 'publish' });
    // The change log (SPEC §8) records it from the description's `sync`, for /api/changes and webhooks.
    expect(published.tags).toEqual(['notes', `note:${id}`, 'changes']);
    expect(published.feedsChanged).toBe(false);
    expect(await noteChanges(id)).toEqual([{ kind: 'published', slug: null, document: { id, title: 'First note', body: 'Hello, world' } }]);
    const after = await row(id);
    expect(after.status).toBe('published');
    expect(after.publishedAt).toBeInstanceOf(Date);
    expect((await notesRevisions(id)).map((r) => [r.entityVersion, r.note, r.editorName])).toEqual([
      [1, null, 'Test Editor'],
      [2, 'publish', 'Test Editor'],
    ]);
  });

  it('refuses a save from a stale version, naming who saved last, and writes nothing', async () => {
    const before = await row(id);
    await expect(submit({ id, version: '1', title: 'Stale', body: '', intent: 'save' })).rejects.toThrow(/Test Editor changed this note .*version 2/);
    expect(await row(id)).toEqual(before);
  });

  it('schedules, refuses a past time, and goes live when the scheduler runs', async () => {
    await expect(submit({ id, version: '2', title: 'First note', body: 'Hello, world', intent: 'schedule', publishAt: '2001-01-01T00:00' })).rejects.toBeInstanceOf(
      ActionRefusal,
    );
    await submit({ id, version: '2', title: 'First note', body: 'Hello, world', intent: 'unpublish' });
    await submit({ id, version: '3', title: 'First note', body: 'Hello, world', intent: 'schedule', publishAt: '2099-01-01T09:00' });
    expect(publicationOf(noteType, await row(id)).status).toBe('scheduled');

    const ran = await handle.db.transaction((tx) => publishDueItems(tx, contentTypes(), new Date('2099-01-01T09:00:01Z')));
    expect(ran.tags).toContain(`note:${id}`);
    const live = await row(id);
    expect(live.status).toBe('published');
    expect(live.publishedAt?.toISOString()).toBe('2099-01-01T09:00:00.000Z');
    expect((await notesRevisions(id)).at(-1)).toMatchObject({ entityVersion: 5, note: 'published on schedule', editorName: 'Scheduler' });
    expect((await noteChanges(id)).map((c) => c.kind)).toEqual(['published', 'unpublished', 'published']);
  });

  it('lists by publication status', async () => {
    expect((await listItems(handle.db, noteType, { status: 'published', limit: 10 })).map((n) => n.id)).toEqual([id]);
    expect(await listItems(handle.db, noteType, { status: 'draft', limit: 10 })).toEqual([]);
  });

  it('restores a revision of a published item as a staged edit (the row stays), then publishes it as a new version', async () => {
    const first = (await notesRevisions(id))[0]!;
    const before = await row(id);
    const restored = await commitChange(handle.db, editor, (tx) => restoreItem(tx, noteType, { id, version: 5, revisionId: first.id }, editor));
    expect(restored.message).toBe('Restored version 1 as unpublished changes.');
    expect(restored.tags).toEqual([]);
    expect(await row(id)).toEqual(before);
    expect((await findStaged(handle.db, noteType, id))?.snapshot).toMatchObject({ body: 'Hello' });
    expect((await notesRevisions(id)).at(-1)).toMatchObject({ entityVersion: 6, note: 'restored version 1 (staged)' });

    const published = await commitChange(handle.db, editor, (tx) => runStaged(tx, noteType, { id, version: 6, intent: 'publish' }, 'UTC'));
    expect(published.tags).toEqual(['notes', `note:${id}`, 'changes']);
    expect((await noteChanges(id)).at(-1)).toEqual({ kind: 'updated', slug: null, document: { id, title: 'First note', body: 'Hello' } });
    const now = await row(id);
    expect([now.body, now.status, now.version]).toEqual(['Hello', 'published', 7]);
    expect(await findStaged(handle.db, noteType, id)).toBeUndefined();
    expect((await notesRevisions(id)).at(-1)).toMatchObject({ entityVersion: 7, note: 'published the staged changes' });
  });

  it('refuses to restore a snapshot that no longer fits the type, and writes nothing', async () => {
    const [bad] = await handle.db
      .insert(revisions)
      .values({ entityType: 'note', entityId: id, entityVersion: 99, snapshot: { title: 42 }, editorName: 'Someone' })
      .returning();
    const before = await row(id);
    await expect(commitChange(handle.db, editor, (tx) => restoreItem(tx, noteType, { id, version: 99, revisionId: bad!.id }, editor))).rejects.toThrow(
      /cannot be restored: its stored title, body no longer fit/,
    );
    expect(await row(id)).toEqual(before);
    expect(await findStaged(handle.db, noteType, id)).toBeUndefined();
    // Hand-made above; gone again, so the next version is 8 (a form carries the newest revision's number).
    await handle.db.delete(revisions).where(eq(revisions.id, bad!.id));
  });

  it('deletes softly, with a revision, and the item leaves the lists', async () => {
    const deleted = await commitChange(handle.db, editor, (tx) => deleteItem(tx, noteType, { id, version: 7 }));
    expect(deleted.redirectTo).toBe('/cms/notes?deleted=public');
    expect(await findItem(handle.db, noteType, id)).toBeUndefined();
    expect((await row(id)).deletedAt).toBeInstanceOf(Date);
    expect(await listItems(handle.db, noteType, { limit: 10 })).toEqual([]);
    expect((await notesRevisions(id)).find((r) => r.entityVersion === 8)?.note).toBe('deleted');
    expect((await noteChanges(id)).at(-1)).toEqual({ kind: 'deleted', slug: null, document: null });
  });

  it('refuses a form with a field the type does not have', () => {
    expect(form.safeParse({ title: 'x', slug: 'not-a-note-field' }).success).toBe(false);
    expect(form.safeParse({ id: randomUUID(), title: '' }).success).toBe(false);
  });
});

describe('restoring goes through the form, as a save does', () => {
  const restore = (type: typeof eventType | typeof noteType, id: string, version: number, revisionId: string) =>
    commitChange(handle.db, editor, (tx) => restoreItem(tx, type, { id, version, revisionId }, editor));

  it('refuses an old revision of a published event whose link the form refuses now (javascript:), and changes nothing', async () => {
    const [event] = await handle.db.select().from(events).where(eq(events.publicationStatus, 'published')).limit(1);
    const current = (await findItem(handle.db, eventType, event!.id))!;
    const head = await headVersion(handle.db, eventType, current);
    // An old revision as it was stored, when the form still took any link.
    const snapshot = { ...JSON.parse(JSON.stringify(eventType.snapshot.of(event!))), url: 'javascript:alert(1)' };
    const [old] = await handle.db.insert(revisions).values({ entityType: 'event', entityId: current.id, entityVersion: 0, snapshot, editorName: 'Long ago' }).returning();
    const revisionsBefore = await handle.db.select().from(revisions).where(eq(revisions.entityId, current.id));
    const stagedBefore = await handle.db.select().from(stagedEdits).where(eq(stagedEdits.entityId, current.id));

    await expect(restore(eventType, current.id, head, old!.id)).rejects.toThrow(/Version 0 cannot be restored: the form refuses its values now \(url: Use a full web address starting with https:\/\/.*\)\. Nothing was changed\./);
    expect((await handle.db.select().from(events).where(eq(events.id, current.id)))[0]).toEqual(event);
    expect(await handle.db.select().from(revisions).where(eq(revisions.entityId, current.id))).toEqual(revisionsBefore);
    expect(await handle.db.select().from(stagedEdits).where(eq(stagedEdits.entityId, current.id))).toEqual(stagedBefore);
  });

  it('refuses an old revision of a draft with a title longer than the form allows now, and changes nothing', async () => {
    const created = await submit({ title: 'Short', body: 'Kept', intent: 'save' });
    const id = created.redirectTo!.split('/').at(-1)!.split('?')[0]!;
    const [old] = await handle.db.insert(revisions).values({ entityType: 'note', entityId: id, entityVersion: 0, snapshot: { title: 'x'.repeat(500), body: 'Old' }, editorName: 'Long ago' }).returning();
    const before = await row(id);
    await expect(restore(noteType, id, 1, old!.id)).rejects.toThrow(/Version 0 cannot be restored: the form refuses its values now \(title: .*\)\. Nothing was changed\./);
    expect(await row(id)).toEqual(before);
    expect((await notesRevisions(id)).map((r) => r.entityVersion)).toEqual([0, 1]);
  });
});
