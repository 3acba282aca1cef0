// The generic CMS engine: every content type (lib/cms/types/*) is saved, published, scheduled,
// unpublished, deleted, restored and listed by these functions, driven by its description.
// Each runs inside the action wrapper's transaction (lib/cms/action.ts) and returns what the
// wrapper records and invalidates after the commit.
import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { revisions } from '@/db/schema';
import type { RunResult } from './action';
import { ActionRefusal } from './refusals';
import { keyOf, publicationOf, type AnyContentType, type FormBase } from './content-type';
import { versionField } from './forms';
import { nextPublication, type PublicationStatus, type PublishIntent } from './publication';
import type { Editor } from './session';
import { editorClock } from './editor-clock';

/** A row of any content type, with its extras (lib/cms/content-type.ts `extras`). */
export type AnyItem = Record<string, unknown> & { id: string; title: string; version: number; deletedAt: Date | null; updatedAt: Date; createdAt: Date };

export const deleteSchema = (type: AnyContentType) =>
  z
    .object({
      id: z.uuid(`Unknown ${type.labels.singular}.`),
      version: versionField,
      confirm: z.literal('yes', { error: 'Tick the box to confirm the deletion.' }),
    })
    .strict();

export const restoreSchema = (type: AnyContentType) =>
  z.object({ id: z.uuid(`Unknown ${type.labels.singular}.`), version: versionField, revisionId: z.uuid('Unknown revision.') }).strict();

async function withExtras(db: Db, type: AnyContentType, row: AnyItem): Promise<AnyItem> {
  return type.extras ? { ...row, ...(await type.extras(db, row)) } : row;
}

/** The item as it is now (not deleted), with its extras. */
export async function findItem(db: Db, type: AnyContentType, id: string): Promise<AnyItem | undefined> {
  const t = type.table;
  const [row] = (await db.select().from(t).where(and(eq(t.id, id), isNull(t.deletedAt)))) as AnyItem[];
  return row && withExtras(db, type, row);
}

/** The refusal for a stale version: who changed the item, and when. */
async function staleVersion(tx: Tx, type: AnyContentType, id: string): Promise<ActionRefusal> {
  const [last] = await tx
    .select({ editorName: revisions.editorName, createdAt: revisions.createdAt, version: revisions.entityVersion })
    .from(revisions)
    .where(and(eq(revisions.entityType, type.name), eq(revisions.entityId, id)))
    .orderBy(sql`${revisions.entityVersion} desc`)
    .limit(1);
  // The editor's zone, read through this transaction (lib/cms/editor-clock.ts says why).
  const clock = await editorClock(tx);
  const when = last ? `${clock.format(last.createdAt, { seconds: true })} ${clock.label}` : 'a moment ago';
  return new ActionRefusal(
    'conflict',
    `${last?.editorName ?? 'Someone'} changed this ${type.labels.singular} at ${when} (version ${last?.version ?? '?'}) after you opened it. ` +
      'Nothing was overwritten. Your text is kept below: copy what you need, reload, and apply it again.',
  );
}

const isPublic = (type: AnyContentType, item: AnyItem | undefined) => item !== undefined && publicationOf(type, item).status === 'published';

/** Create or update an item from its form: save, publish, schedule or unpublish (SPEC §5). */
export async function saveItem(tx: Tx, type: AnyContentType, input: FormBase & Record<string, unknown>, _editor: Editor): Promise<RunResult> {
  const now = new Date();
  const t = type.table;
  const label = type.labels.singular;
  const current = input.id ? await findItem(tx, type, input.id) : undefined;
  if (input.id && !current) throw new ActionRefusal('invalid', `This ${label} no longer exists (it may have been deleted).`);
  if (current && current.version !== input.version) throw await staleVersion(tx, type, current.id);

  const { id: _id, version: _version, intent, publishAt, ...values } = input;
  await type.beforeWrite?.(tx, values, current);
  const publication = nextPublication(intent, publishAt, current && publicationOf(type, current), now);
  const row = {
    ...type.columns(values, { current, now }),
    [keyOf(t, type.publication.status)]: publication.status,
    [keyOf(t, type.publication.publishedAt)]: publication.publishedAt,
  };
  let saved: AnyItem | undefined;
  if (current) {
    // The version in WHERE closes the race between the check above and this write.
    [saved] = (await tx
      .update(t)
      .set({ ...row, version: sql`${t.version} + 1`, updatedAt: now })
      .where(and(eq(t.id, current.id), eq(t.version, input.version)))
      .returning()) as AnyItem[];
    if (!saved) throw await staleVersion(tx, type, current.id);
  } else {
    [saved] = (await tx.insert(t).values({ ...row, createdAt: now, updatedAt: now }).returning()) as AnyItem[];
    if (!saved) throw new Error(`insert into ${type.name} returned no row`);
  }
  await type.afterWrite?.(tx, saved, values, current);
  const after = await withExtras(tx, type, saved);
  const update = current && type.messages.update?.when(after, current) ? '&update=1' : '';
  return {
    message: current || intent !== 'save' ? SAVED[intent] : 'Created.',
    tags: type.cacheTags(after, current),
    revision: revision(type, after, intent === 'save' ? null : intent),
    feedsChanged: type.inFeeds && (publication.status === 'published' || isPublic(type, current)),
    // A new item says what was done to it: created as a draft, or published/scheduled at once.
    redirectTo: `/cms/${type.segment}/${saved.id}?saved=${current || intent !== 'save' ? intent : 'created'}${update}`,
  };
}

const SAVED: Record<PublishIntent, string> = { save: 'Saved.', publish: 'Published.', schedule: 'Scheduled.', unpublish: 'Unpublished. It is no longer public.' };

/** What the edit page says once after a save redirected to it (`?saved=…&update=1`). */
export function savedNotice(type: AnyContentType, saved: string, update: boolean): string {
  const base: Record<string, string> = {
    created: 'Created.',
    publish: `Published. ${type.messages.published}`,
    schedule: 'Scheduled. It goes live at its time (within five minutes).',
    unpublish: SAVED.unpublish,
    restore: 'Restored from the revision; saved as a new version.',
  };
  const note = update && type.messages.update ? ` ${type.messages.update.note}` : '';
  return `${base[saved] ?? SAVED.save}${note}`;
}

function revision(type: AnyContentType, item: AnyItem, note: string | null): NonNullable<RunResult['revision']> {
  return { entityType: type.name, entityId: item.id, entityVersion: item.version, snapshot: type.snapshot.of(item) as Record<string, unknown>, note };
}

/** Soft delete: the row stays (a deleted post answers 410; a deleted event is sent as cancelled). */
export async function deleteItem(tx: Tx, type: AnyContentType, input: { id: string; version: number }): Promise<RunResult> {
  const t = type.table;
  const current = await findItem(tx, type, input.id);
  if (!current) throw new ActionRefusal('invalid', `This ${type.labels.singular} no longer exists.`);
  const now = new Date();
  const [row] = (await tx
    .update(t)
    .set({ ...type.onDelete?.(current), deletedAt: now, version: sql`${t.version} + 1`, updatedAt: now })
    .where(and(eq(t.id, input.id), eq(t.version, input.version)))
    .returning()) as AnyItem[];
  if (!row) throw await staleVersion(tx, type, input.id);
  const after = await withExtras(tx, type, row);
  const wasPublic = isPublic(type, current);
  return {
    message: 'Deleted.',
    tags: type.cacheTags(after, current),
    revision: revision(type, after, 'deleted'),
    feedsChanged: type.inFeeds && wasPublic,
    redirectTo: `/cms/${type.segment}?deleted=${wasPublic ? 'public' : 'draft'}`,
  };
}

/** Restoring is itself a new revision: the old content becomes the next version (publication unchanged). */
export async function restoreItem(tx: Tx, type: AnyContentType, input: { id: string; version: number; revisionId: string }, editor: Editor): Promise<RunResult> {
  const label = type.labels.singular;
  const [rev] = await tx
    .select()
    .from(revisions)
    .where(and(eq(revisions.id, input.revisionId), eq(revisions.entityType, type.name), eq(revisions.entityId, input.id)));
  if (!rev) throw new ActionRefusal('invalid', `This revision does not belong to this ${label}.`);
  const current = await findItem(tx, type, input.id);
  if (!current) throw new ActionRefusal('invalid', `This ${label} no longer exists.`);
  // A snapshot is stored JSON, possibly from an older shape of the type: parse, never cast.
  const snap = type.snapshot.schema.safeParse(rev.snapshot);
  if (!snap.success) {
    const fields = [...new Set(snap.error.issues.map((i: z.core.$ZodIssue) => String(i.path[0] ?? '?')))].join(', ');
    throw new ActionRefusal('invalid', `Version ${rev.entityVersion} cannot be restored: its stored ${fields} no longer fit this ${label}. Nothing was changed.`);
  }
  const values = type.snapshot.restore(snap.data, current);
  const result = await saveItem(tx, type, { ...values, id: current.id, version: input.version, intent: 'save', publishAt: undefined }, editor);
  return {
    ...result,
    message: `Restored version ${rev.entityVersion}.`,
    revision: result.revision && { ...result.revision, note: `restored version ${rev.entityVersion}` },
    redirectTo: `/cms/${type.segment}/${current.id}?saved=restore`,
  };
}

/** Every due item of every type goes live (the scheduler), with a revision each; returns what to invalidate. */
export async function publishDueItems(tx: Tx, types: AnyContentType[], now: Date): Promise<{ published: number; tags: string[]; feedsChanged: boolean }> {
  let published = 0;
  let feedsChanged = false;
  const tags: string[] = [];
  for (const type of types) {
    const t = type.table;
    const status = type.publication.status;
    const due = (await tx
      .update(t)
      .set({ [keyOf(t, status)]: 'published', version: sql`${t.version} + 1`, updatedAt: now })
      .where(and(eq(status, 'scheduled'), sql`${type.publication.publishedAt} <= ${now}`, isNull(t.deletedAt)))
      .returning()) as AnyItem[];
    for (const row of due) {
      const item = await withExtras(tx, type, row);
      await tx.insert(revisions).values({ ...revision(type, item, 'published on schedule'), editorName: 'Scheduler' });
      tags.push(...type.cacheTags(item, item));
      feedsChanged ||= type.inFeeds;
    }
    published += due.length;
  }
  return { published, tags, feedsChanged };
}

export interface ListQuery {
  status?: PublicationStatus;
  /** The name of one of the type's own filters (e.g. upcoming events). */
  filter?: string;
  limit: number;
}

/** The CMS list of a type: not deleted, by status or the type's own filter. */
export async function listItems(db: Db, type: AnyContentType, query: ListQuery, now = new Date()): Promise<AnyItem[]> {
  const t = type.table;
  const filter = type.list.filters?.find((f) => f.name === query.filter);
  return (await db
    .select()
    .from(t)
    .where(and(isNull(t.deletedAt), query.status ? eq(type.publication.status, query.status) : undefined, filter?.where(now)))
    .orderBy(...(filter?.orderBy ?? type.list.orderBy))
    .limit(query.limit)) as AnyItem[];
}
