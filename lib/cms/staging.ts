// Staged edits (SPEC §10): saving a PUBLISHED item does not touch its row, which is what every
// public reader reads; the edit waits in staged_edits (one per item, the type's revision snapshot)
// until the editor publishes the update, a scheduled time comes (./items.ts publishDueItems), or
// the editor discards it. Every staged save is a revision too, numbered after the newest one
// (./item-rows.ts headVersion), so optimistic concurrency covers staged and live saves alike.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { stagedEdits, type StagedEdit } from '@/db/schema';
import type { RunResult } from './action';
import { ActionRefusal } from './refusals';
import { publicationOf, type AnyContentType } from './content-type';
import { versionField } from './forms';
import { recordChange } from './change-log';
import { findItem, headVersion, isPublic, revisionOf, staleVersion, writeRow, type AnyItem, type ItemValues } from './item-rows';
import type { Editor } from './session';
import { fromInput } from './time';

const key = (type: AnyContentType, id: string) => and(eq(stagedEdits.entityType, type.name), eq(stagedEdits.entityId, id));

export async function findStaged(db: Db, type: AnyContentType, id: string): Promise<StagedEdit | undefined> {
  const [row] = await db.select().from(stagedEdits).where(key(type, id));
  return row;
}

/** Forget an item's staged edit (it was folded into the row, or the item is gone). */
export async function dropStaged(tx: Tx, type: AnyContentType, id: string): Promise<boolean> {
  return (await tx.delete(stagedEdits).where(key(type, id)).returning({ id: stagedEdits.entityId })).length > 0;
}

/** The staged snapshot read through the type's schema (stored JSON is parsed, never cast). */
export function parseStaged(type: AnyContentType, staged: StagedEdit) {
  return type.snapshot.schema.safeParse(staged.snapshot);
}

/** The item as it will be once the staged edit is published (for the form and the preview). */
export function stagedItem(type: AnyContentType, current: AnyItem, staged: StagedEdit): AnyItem | undefined {
  const snap = parseStaged(type, staged);
  if (!snap.success) return undefined;
  return { ...current, ...type.snapshot.restore(snap.data, current) };
}

class DryRun extends Error {
  constructor(readonly snapshot: Record<string, unknown>) {
    super('dry run');
  }
}

/**
 * The snapshot the item would have with these values: written inside a savepoint, read back with
 * its extras, and rolled back. So the staged snapshot is exactly what a live save would record
 * (e.g. a post's author name, an event's next SEQUENCE), and the database's constraints (a slug
 * taken meanwhile) refuse a bad edit now rather than when it is published.
 */
async function snapshotOf(tx: Tx, type: AnyContentType, current: AnyItem, values: ItemValues, now: Date): Promise<Record<string, unknown>> {
  try {
    await tx.transaction(async (sp) => {
      const saved = await writeRow(sp, type, current, values, publicationOf(type, current), current.version + 1, now);
      throw new DryRun(JSON.parse(JSON.stringify(type.snapshot.of(saved))) as Record<string, unknown>);
    });
  } catch (err) {
    if (err instanceof DryRun) return err.snapshot;
    throw err;
  }
  throw new Error('the dry run did not roll back');
}

const invalidTime = (message: string) => new ActionRefusal('invalid', 'Please correct the highlighted fields.', { publishAt: message });

/** When a staged edit goes live: the form's time for "Schedule update"; a plain save keeps (or moves) it. */
function stagedPublishAt(intent: 'save' | 'schedule', publishAt: Date | undefined, existing: Date | null, now: Date): Date | null {
  if (intent === 'schedule') {
    if (!publishAt || publishAt <= now) throw invalidTime('Choose a time in the future to schedule the update.');
    return publishAt;
  }
  if (existing && publishAt && publishAt.getTime() !== existing.getTime()) {
    if (publishAt <= now) throw invalidTime('Choose a time in the future, or publish the update now.');
    return publishAt;
  }
  return existing;
}

export interface StageOptions {
  head: number;
  intent: 'save' | 'schedule';
  publishAt: Date | undefined;
  editor: Editor;
  now: Date;
  /** Restoring a revision: the note, and no schedule (an old version never goes live by itself). */
  restoredFrom?: number;
}

/** Save a published item's form as its staged edit; the public row stays as it is. */
export async function stageEdit(tx: Tx, type: AnyContentType, current: AnyItem, values: ItemValues, o: StageOptions): Promise<RunResult> {
  const staged = await findStaged(tx, type, current.id);
  const publishAt = o.restoredFrom !== undefined ? null : stagedPublishAt(o.intent, o.publishAt, staged?.publishAt ?? null, o.now);
  const snapshot = await snapshotOf(tx, type, current, values, o.now);
  const row = { snapshot, baseVersion: o.head, publishAt, editorId: o.editor.id, editorName: o.editor.name, updatedAt: o.now };
  // Both writes are conditional, so of two editors staging at once only one succeeds (the
  // revision's unique version would refuse the other too).
  const written = staged
    ? await tx.update(stagedEdits).set(row).where(and(key(type, current.id), eq(stagedEdits.baseVersion, staged.baseVersion))).returning()
    : await tx.insert(stagedEdits).values({ ...row, entityType: type.name, entityId: current.id, createdAt: o.now }).onConflictDoNothing().returning();
  if (written.length === 0) throw await staleVersion(tx, type, current.id);
  const note = o.restoredFrom !== undefined ? `restored version ${o.restoredFrom} (staged)` : publishAt ? `staged; update scheduled` : 'staged';
  return {
    message: 'Saved as unpublished changes; the public still sees the published version.',
    // Nothing public changed: no cache tag, no feed ping.
    tags: [],
    revision: { ...revisionOf(type, current, note, o.head + 1), snapshot },
    feedsChanged: false,
    redirectTo: `/cms/${type.segment}/${current.id}?saved=${o.restoredFrom !== undefined ? 'restore-staged' : publishAt ? 'staged-schedule' : 'staged'}`,
  };
}

/**
 * Put a staged edit live: its values become the row (a new version, publication unchanged) and
 * the staged edit is gone. The caller records the revision and invalidates the returned tags.
 */
export async function applyStaged(tx: Tx, type: AnyContentType, current: AnyItem, staged: StagedEdit, head: number, now: Date): Promise<{ after: AnyItem; tags: string[] }> {
  const snap = parseStaged(type, staged);
  if (!snap.success) throw new ActionRefusal('invalid', `The unpublished changes no longer fit this ${type.labels.singular}; discard them and edit again.`);
  const values = type.snapshot.restore(snap.data, current);
  await type.beforeWrite?.(tx, values, current);
  const after = await writeRow(tx, type, current, values, publicationOf(type, current), head + 1, now);
  const dropped = await tx.delete(stagedEdits).where(and(key(type, current.id), eq(stagedEdits.baseVersion, staged.baseVersion))).returning({ id: stagedEdits.entityId });
  if (dropped.length === 0) throw await staleVersion(tx, type, current.id);
  return { after, tags: [...type.cacheTags(after, current), ...(await recordChange(tx, type, current, after, now))] };
}

export const STAGED_INTENTS = ['publish', 'schedule', 'unschedule', 'discard'] as const;

/** The banner's forms (app/cms/(editor)/[type]/[id]/staged-banner.tsx): one schema per button. */
export const stagedSchema = (type: AnyContentType) => {
  const base = { id: z.uuid(`Unknown ${type.labels.singular}.`), version: versionField };
  return z.discriminatedUnion(
    'intent',
    [
      z.object({ ...base, intent: z.literal('publish') }).strict(),
      z
        .object({
          ...base,
          intent: z.literal('schedule'),
          publishAt: z
            .string()
            .trim()
            .min(1, 'Choose when the update goes live.')
            // A datetime-local value; read in the editor's zone by runStaged.
            .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'Use a date and time like 2027-01-15T09:00.'),
        })
        .strict(),
      // Its button sits in the schedule form, whose time field comes along (and is ignored).
      z.object({ ...base, intent: z.literal('unschedule'), publishAt: z.string().max(40).optional() }).strict(),
      z.object({ ...base, intent: z.literal('discard'), confirm: z.literal('yes', { error: 'Tick the box to confirm discarding the changes.' }) }).strict(),
    ],
    { error: 'Choose what to do with the unpublished changes.' },
  );
};
export type StagedInput = z.infer<ReturnType<typeof stagedSchema>>;

/** Publish, schedule, unschedule or discard an item's staged edit (the banner's buttons). */
export async function runStaged(tx: Tx, type: AnyContentType, input: StagedInput, zone: string): Promise<RunResult> {
  const label = type.labels.singular;
  const now = new Date();
  const item = await findItem(tx, type, input.id);
  const staged = await findStaged(tx, type, input.id);
  if (!item) throw new ActionRefusal('invalid', `This ${label} no longer exists, or it has no unpublished changes any more.`);
  if (!staged || !isPublic(type, item)) throw await staleVersion(tx, type, item.id);
  const head = await headVersion(tx, type, item);
  if (head !== input.version) throw await staleVersion(tx, type, item.id);
  const base = `/cms/${type.segment}/${item.id}`;
  switch (input.intent) {
    case 'publish': {
      const { after, tags } = await applyStaged(tx, type, item, staged, head, now);
      const update = type.messages.update?.when(after, item) ? '&update=1' : '';
      return { message: `Published the update. ${type.messages.published}`, tags, revision: revisionOf(type, after, 'published the staged changes'), feedsChanged: type.inFeeds, redirectTo: `${base}?saved=publish${update}` };
    }
    case 'schedule': {
      const at = fromInput(input.publishAt, zone);
      if (!at) throw invalidTime('Use a date and time like 2027-01-15T09:00.');
      if (at <= now) throw invalidTime('Choose a time in the future to schedule the update.');
      await setPublishAt(tx, type, staged, at);
      return { message: 'Update scheduled.', tags: [], redirectTo: `${base}?saved=staged-schedule` };
    }
    case 'unschedule':
      await setPublishAt(tx, type, staged, null);
      return { message: 'The update is no longer scheduled.', tags: [], redirectTo: `${base}?saved=unscheduled` };
    case 'discard': {
      const dropped = await tx.delete(stagedEdits).where(and(key(type, item.id), eq(stagedEdits.baseVersion, staged.baseVersion))).returning({ id: stagedEdits.entityId });
      if (dropped.length === 0) throw await staleVersion(tx, type, item.id);
      // A revision of what stays (the published version), so the history says the edit was dropped.
      return { message: 'Discarded the unpublished changes.', tags: [], revision: revisionOf(type, item, 'discarded the staged changes', head + 1), redirectTo: `${base}?saved=discarded` };
    }
  }
}

async function setPublishAt(tx: Tx, type: AnyContentType, staged: StagedEdit, publishAt: Date | null): Promise<void> {
  const done = await tx
    .update(stagedEdits)
    .set({ publishAt, updatedAt: new Date() })
    .where(and(key(type, staged.entityId), eq(stagedEdits.baseVersion, staged.baseVersion)))
    .returning({ id: stagedEdits.entityId });
  if (done.length === 0) throw await staleVersion(tx, type, staged.entityId);
}
