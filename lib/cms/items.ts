// The generic CMS engine: every content type (lib/cms/types/*) is saved, published, scheduled,
// unpublished, deleted, restored and listed by these functions, driven by its description.
// Each runs inside the action wrapper's transaction (lib/cms/action.ts) and returns what the
// wrapper records and invalidates after the commit. Edits of a published item are staged
// (./staging.ts) until the editor publishes them.
import 'server-only';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { revisions, stagedEdits } from '@/db/schema';
import type { RunResult } from './action';
import { ActionRefusal } from './refusals';
import { keyOf, publicationOf, type AnyContentType, type FormBase } from './content-type';
import { versionField } from './forms';
import { findItem, headVersion, isPublic, parseAsSubmitted, revisionOf, staleVersion, withExtras, writeRow, type AnyItem } from './item-rows';
import { nextPublication, schedulerNote, type PublicationStatus, type PublishIntent } from './publication';
import { applyStaged, dropStaged, stageEdit } from './staging';
import { recordChange } from './change-log';
import type { Editor } from './session';
import { listPage, type ListQuery } from './lists';
import type { Clock } from './time';

export { findItem, type AnyItem } from './item-rows';

export const deleteSchema = (type: AnyContentType) =>
  z
    .object({
      id: z.uuid(`Unknown ${type.labels.singular}.`),
      version: versionField,
      confirm: z.literal('yes', { error: 'Tick the box to confirm the deletion.' }),
    })
    .strict();

/** `confirm` comes only from the confirmation page (…/revisions/{id}/restore), which shows the diff first. */
export const restoreSchema = (type: AnyContentType) =>
  z
    .object({
      id: z.uuid(`Unknown ${type.labels.singular}.`),
      version: versionField,
      revisionId: z.uuid('Unknown revision.'),
      confirm: z.literal('yes', { error: 'Confirm the restore on its confirmation page, after reviewing what changes.' }),
    })
    .strict();

/**
 * Create or update an item from its form: save, publish, schedule or unpublish (SPEC §5).
 * On a published item "save" and "schedule" stage the edit (the public row stays); "publish"
 * puts the form live and "unpublish" makes it the draft, either way folding in the staged edit
 * (the form showed it).
 */
export async function saveItem(tx: Tx, type: AnyContentType, input: FormBase & Record<string, unknown>, editor: Editor): Promise<RunResult> {
  const now = new Date();
  const label = type.labels.singular;
  const current = input.id ? await findItem(tx, type, input.id) : undefined;
  if (input.id && !current) throw new ActionRefusal('invalid', `This ${label} no longer exists (it may have been deleted).`);
  const head = current ? await headVersion(tx, type, current) : 0;
  if (current && head !== input.version) throw await staleVersion(tx, type, current.id);

  const { id: _id, version: _version, intent, publishAt, ...values } = input;
  await type.beforeWrite?.(tx, values, current);
  if (current && isPublic(type, current) && (intent === 'save' || intent === 'schedule')) {
    return stageEdit(tx, type, current, values, { head, intent, publishAt, editor, now });
  }
  const publication = nextPublication(intent, publishAt, current && publicationOf(type, current), now);
  const saved = await writeRow(tx, type, current, values, publication, head + 1, now);
  const logged = await recordChange(tx, type, current, saved, now);
  const hadStaged = current ? await dropStaged(tx, type, current.id) : false;
  const update = current && type.messages.update?.when(saved, current) ? '&update=1' : '';
  const outcome = current || intent !== 'save' ? intent : 'created';
  return {
    message: current || intent !== 'save' ? SAVED[intent] : 'Created.',
    tags: [...type.cacheTags(saved, current), ...logged],
    revision: revisionOf(type, saved, intent === 'save' ? null : hadStaged && intent === 'publish' ? 'published the staged changes' : intent),
    feedsChanged: type.inFeeds && (publication.status === 'published' || isPublic(type, current)),
    // A new item says what was done to it: created as a draft, or published/scheduled at once.
    redirectTo: `/cms/${type.segment}/${saved.id}?saved=${outcome}${update}`,
  };
}

const SAVED: Record<PublishIntent, string> = { save: 'Saved.', publish: 'Published.', schedule: 'Scheduled.', unpublish: 'Unpublished. It is no longer public.' };

/**
 * What the edit page says once after a save redirected to it (`?saved=…&update=1`), in the
 * editor's clock; `goesLive` is the scheduled time of the item or of its staged update.
 */
export function savedNotice(type: AnyContentType, saved: string, update: boolean, clock: Clock, goesLive: Date | null): string {
  const at = goesLive ? clock.stamp(goesLive) : 'its time';
  const base: Record<string, string> = {
    created: 'Created.',
    publish: `Published. ${type.messages.published}`,
    schedule: `Scheduled. It goes live at ${at}; ${schedulerNote()}`,
    unpublish: SAVED.unpublish,
    restore: 'Restored from the revision; saved as a new version.',
    staged: 'Saved as unpublished changes. The public still sees the published version until you publish the update.',
    'staged-schedule': `Update scheduled: it goes live at ${at}; ${schedulerNote()} Until then the public sees the published version.`,
    unscheduled: 'The update is no longer scheduled; it stays unpublished until you publish it.',
    discarded: 'Discarded the unpublished changes. The form shows the published version again.',
    'restore-staged': 'Restored the revision as unpublished changes: the public still sees the published version. Review it below, then publish the update.',
  };
  const note = update && type.messages.update ? ` ${type.messages.update.note}` : '';
  return `${base[saved] ?? SAVED.save}${note}`;
}

/** Soft delete: the row stays (a deleted post answers 410; a deleted event is sent as cancelled). Staged edits are dropped. */
export async function deleteItem(tx: Tx, type: AnyContentType, input: { id: string; version: number }): Promise<RunResult> {
  const t = type.table;
  const current = await findItem(tx, type, input.id);
  if (!current) throw new ActionRefusal('invalid', `This ${type.labels.singular} no longer exists.`);
  const head = await headVersion(tx, type, current);
  if (head !== input.version) throw await staleVersion(tx, type, input.id);
  const now = new Date();
  const [row] = (await tx
    .update(t)
    .set({ ...type.onDelete?.(current), deletedAt: now, version: head + 1, updatedAt: now })
    .where(and(eq(t.id, input.id), eq(t.version, current.version)))
    .returning()) as AnyItem[];
  if (!row) throw await staleVersion(tx, type, input.id);
  await dropStaged(tx, type, current.id);
  const after = await withExtras(tx, type, row);
  const wasPublic = isPublic(type, current);
  const logged = await recordChange(tx, type, current, after, now);
  return {
    message: 'Deleted.',
    tags: [...type.cacheTags(after, current), ...logged],
    revision: revisionOf(type, after, 'deleted'),
    feedsChanged: type.inFeeds && wasPublic,
    redirectTo: `/cms/${type.segment}?deleted=${wasPublic ? 'public' : 'draft'}`,
  };
}

/**
 * Restoring is itself a new revision. A draft or scheduled item takes the old content as its next
 * version; a published item gets it as a staged edit, so an old version (or an old slug) never
 * goes live without the editor publishing it. Publication is unchanged either way.
 */
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
  // Then through the form, as a save is: the snapshot schema reads what was stored, the form
  // decides what may be saved now (a rule added since, e.g. no javascript: links, holds).
  const restored = { ...current, ...type.snapshot.restore(snap.data, current) };
  const parsed = parseAsSubmitted(type, restored, { id: current.id, version: input.version, intent: 'save' });
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i: z.core.$ZodIssue) => `${String(i.path[0] ?? 'form')}: ${i.message}`);
    throw new ActionRefusal('invalid', `Version ${rev.entityVersion} cannot be restored: the form refuses its values now (${[...new Set(reasons)].join(' ')}). Nothing was changed.`);
  }
  if (isPublic(type, current)) {
    const head = await headVersion(tx, type, current);
    if (head !== input.version) throw await staleVersion(tx, type, current.id);
    const { id: _id, version: _version, intent: _intent, publishAt: _publishAt, ...values } = parsed.data;
    await type.beforeWrite?.(tx, values, current);
    const staged = await stageEdit(tx, type, current, values, { head, intent: 'save', publishAt: undefined, editor, now: new Date(), restoredFrom: rev.entityVersion });
    return { ...staged, message: `Restored version ${rev.entityVersion} as unpublished changes.` };
  }
  const result = await saveItem(tx, type, parsed.data, editor);
  return {
    ...result,
    message: `Restored version ${rev.entityVersion}.`,
    revision: result.revision && { ...result.revision, note: `restored version ${rev.entityVersion}` },
    redirectTo: `/cms/${type.segment}/${current.id}?saved=restore`,
  };
}

/**
 * The scheduler's work (lib/cms/scheduler.ts, under its lock): every due scheduled item of every
 * type goes live, and every due staged update is applied, each with a revision. Returns what to
 * invalidate.
 */
export async function publishDueItems(tx: Tx, types: AnyContentType[], now: Date): Promise<{ published: number; tags: string[]; feedsChanged: boolean }> {
  let published = 0;
  let feedsChanged = false;
  const tags: string[] = [];
  for (const type of types) {
    const t = type.table;
    const status = type.publication.status;
    // The next version after the newest revision (see item-rows.ts headVersion).
    const next = sql`greatest(${t.version}, coalesce((select max(${revisions.entityVersion}) from ${revisions} where ${revisions.entityType} = ${type.name} and ${revisions.entityId} = ${t.id}), 0)) + 1`;
    const due = (await tx
      .update(t)
      .set({ [keyOf(t, status)]: 'published', version: next, updatedAt: now })
      .where(and(eq(status, 'scheduled'), sql`${type.publication.publishedAt} <= ${now}`, isNull(t.deletedAt)))
      .returning()) as AnyItem[];
    for (const row of due) {
      const item = await withExtras(tx, type, row);
      await tx.insert(revisions).values({ ...revisionOf(type, item, 'published on schedule'), editorName: 'Scheduler' });
      // It was scheduled, so not public before.
      tags.push(...type.cacheTags(item, item), ...(await recordChange(tx, type, undefined, item, now)));
      feedsChanged ||= type.inFeeds;
    }
    published += due.length;

    const dueEdits = await tx
      .select()
      .from(stagedEdits)
      .where(and(eq(stagedEdits.entityType, type.name), lte(stagedEdits.publishAt, now)))
      .orderBy(stagedEdits.publishAt);
    for (const staged of dueEdits) {
      const current = await findItem(tx, type, staged.entityId);
      if (!current || !isPublic(type, current)) {
        // Unpublishing and deleting drop staged edits; one left over has nothing to update.
        await dropStaged(tx, type, staged.entityId);
        continue;
      }
      try {
        // A savepoint each: one update the database refuses (e.g. its slug was taken meanwhile)
        // must not hold back the others.
        const applied = await tx.transaction(async (sp) => {
          const head = await headVersion(sp, type, current);
          const { after, tags: touched } = await applyStaged(sp, type, current, staged, head, now);
          await sp.insert(revisions).values({ ...revisionOf(type, after, `published the update scheduled by ${staged.editorName}`), editorName: 'Scheduler' });
          return touched;
        });
        tags.push(...applied);
        feedsChanged ||= type.inFeeds;
        published += 1;
      } catch (err) {
        // Left staged and unscheduled, so the editor sees it and it is not retried every minute.
        console.error(`[scheduler] the scheduled update of ${type.name} ${staged.entityId} was refused:`, err instanceof Error ? err.message : err);
        await tx.update(stagedEdits).set({ publishAt: null, updatedAt: now }).where(and(eq(stagedEdits.entityType, type.name), eq(stagedEdits.entityId, staged.entityId)));
      }
    }
  }
  return { published, tags, feedsChanged };
}

export type { ListQuery } from './lists';

/** The rows of one list page (the dashboard's short lists; the list page uses lib/cms/lists.ts). */
export async function listItems(db: Db, type: AnyContentType, query: ListQuery, now = new Date()): Promise<AnyItem[]> {
  return (await listPage(db, type, query, now)).rows;
}
