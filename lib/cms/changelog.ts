// Changelog entries in the CMS: the form schema, uncached reads for editors, and the saving
// rules (optimistic concurrency, scheduling, revisions, cache tags), the same as for posts.
import 'server-only';
import { cmsDb } from './db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Tx } from '@/db/client';
import { changelogCategory, changelogEntries, revisions } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import { ActionRefusal, type RunResult } from './action';
import { idField, line, MAX_BODY_CHARS, requiredLine, text, utcDateTime, versionField } from './forms';
import { staleVersion } from './revisions';
import { nextPublication, type PublicationStatus } from './publication';
import type { Editor } from './session';

export const changelogFormSchema = z
  .object({
    id: idField,
    version: versionField.default(0),
    title: requiredLine('The title', 300),
    body: text('The body', MAX_BODY_CHARS).default(''),
    category: z.enum(changelogCategory.enumValues, { error: 'Choose a category.' }),
    // The product release the entry belongs to, not the row's lock version.
    productVersion: line('The product version', 50)
      .default('')
      .transform((v) => v || null),
    publishAt: utcDateTime.optional(),
    intent: z.enum(['save', 'publish', 'schedule', 'unpublish'], { error: 'Choose what to do with the entry.' }).default('save'),
  })
  .strict();
export type ChangelogFormInput = z.infer<typeof changelogFormSchema>;

export const changelogDeleteSchema = z
  .object({
    id: z.uuid('Unknown changelog entry.'),
    version: versionField,
    confirm: z.literal('yes', { error: 'Tick the box to confirm the deletion.' }),
  })
  .strict();

export const changelogRestoreSchema = z
  .object({ id: z.uuid('Unknown changelog entry.'), version: versionField, revisionId: z.uuid('Unknown revision.') })
  .strict();

export type ChangelogStatus = PublicationStatus;
type ChangelogRow = typeof changelogEntries.$inferSelect;

export async function listChangelogForCms(status?: ChangelogStatus, limit = 200) {
  const db = await cmsDb();
  return db
    .select({
      id: changelogEntries.id,
      title: changelogEntries.title,
      category: changelogEntries.category,
      productVersion: changelogEntries.productVersion,
      status: changelogEntries.status,
      publishedAt: changelogEntries.publishedAt,
      updatedAt: changelogEntries.updatedAt,
    })
    .from(changelogEntries)
    .where(and(isNull(changelogEntries.deletedAt), status ? eq(changelogEntries.status, status) : undefined))
    .orderBy(desc(changelogEntries.updatedAt))
    .limit(limit);
}

export async function getChangelogForCms(id: string): Promise<ChangelogRow | undefined> {
  const db = await cmsDb();
  const [entry] = await db.select().from(changelogEntries).where(and(eq(changelogEntries.id, id), isNull(changelogEntries.deletedAt)));
  return entry;
}

// Same shape as the scheduler's snapshot (lib/cms/scheduler.ts), so every revision compares alike.
function snapshot(e: ChangelogRow): Record<string, unknown> {
  return { title: e.title, body: e.body, category: e.category, productVersion: e.productVersion, status: e.status, publishedAt: e.publishedAt?.toISOString() ?? null };
}

const MESSAGES: Record<ChangelogFormInput['intent'], string> = {
  save: 'Saved.',
  publish: 'Published. The changelog page and its feeds show it now.',
  schedule: 'Scheduled.',
  unpublish: 'Unpublished. It is no longer public.',
};

async function findCurrent(tx: Tx, id: string): Promise<ChangelogRow | undefined> {
  return (await tx.select().from(changelogEntries).where(and(eq(changelogEntries.id, id), isNull(changelogEntries.deletedAt))))[0];
}

/** Create or update a changelog entry from the form. */
export async function saveChangelog(tx: Tx, input: ChangelogFormInput, _editor: Editor): Promise<RunResult> {
  const now = new Date();
  const current = input.id ? await findCurrent(tx, input.id) : undefined;
  if (input.id && !current) throw new ActionRefusal('invalid', 'This changelog entry no longer exists (it may have been deleted).');
  if (current && current.version !== input.version) throw await staleVersion(tx, 'changelog', current.id, 'changelog entry');

  const { status, publishedAt } = nextPublication(input.intent, input.publishAt, current, now);
  const fields = { title: input.title, body: input.body, category: input.category, productVersion: input.productVersion, status, publishedAt };
  let saved: ChangelogRow;
  if (current) {
    const [row] = await tx
      .update(changelogEntries)
      .set({ ...fields, version: sql`${changelogEntries.version} + 1`, updatedAt: now })
      // The version in WHERE closes the race between the check above and this write.
      .where(and(eq(changelogEntries.id, current.id), eq(changelogEntries.version, input.version)))
      .returning();
    if (!row) throw await staleVersion(tx, 'changelog', current.id, 'changelog entry');
    saved = row;
  } else {
    [saved] = (await tx.insert(changelogEntries).values({ ...fields, createdAt: now, updatedAt: now }).returning()) as [ChangelogRow];
  }
  return {
    message: current ? MESSAGES[input.intent] : 'Created.',
    tags: [cacheTags.changelog],
    revision: { entityType: 'changelog', entityId: saved.id, entityVersion: saved.version, snapshot: snapshot(saved), note: input.intent === 'save' ? null : input.intent },
    feedsChanged: status === 'published' || current?.status === 'published',
    redirectTo: `/cms/changelog/${saved.id}?saved=${input.intent}`,
  };
}

export async function deleteChangelog(tx: Tx, input: z.infer<typeof changelogDeleteSchema>): Promise<RunResult> {
  const current = await findCurrent(tx, input.id);
  if (!current) throw new ActionRefusal('invalid', 'This changelog entry no longer exists.');
  const [row] = await tx
    .update(changelogEntries)
    .set({ deletedAt: new Date(), version: sql`${changelogEntries.version} + 1`, updatedAt: new Date() })
    .where(and(eq(changelogEntries.id, input.id), eq(changelogEntries.version, input.version)))
    .returning();
  if (!row) throw await staleVersion(tx, 'changelog', input.id, 'changelog entry');
  return {
    message: 'Deleted.',
    tags: [cacheTags.changelog],
    revision: { entityType: 'changelog', entityId: row.id, entityVersion: row.version, snapshot: snapshot(row), note: 'deleted' },
    feedsChanged: current.status === 'published',
    redirectTo: '/cms/changelog?deleted=1',
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isCategory = (v: unknown): v is ChangelogRow['category'] => (changelogCategory.enumValues as readonly unknown[]).includes(v);

/** Restoring is itself a new revision: the old content becomes the next version (status unchanged). */
export async function restoreChangelog(tx: Tx, input: z.infer<typeof changelogRestoreSchema>, editor: Editor): Promise<RunResult> {
  const [rev] = await tx
    .select()
    .from(revisions)
    .where(and(eq(revisions.id, input.revisionId), eq(revisions.entityType, 'changelog'), eq(revisions.entityId, input.id)));
  if (!rev) throw new ActionRefusal('invalid', 'This revision does not belong to this changelog entry.');
  const current = await findCurrent(tx, input.id);
  if (!current) throw new ActionRefusal('invalid', 'This changelog entry no longer exists.');
  // Snapshots are stored JSON: take each field only if it still has the right type.
  const snap = rev.snapshot;
  const result = await saveChangelog(
    tx,
    {
      id: current.id,
      version: input.version,
      title: str(snap.title) ?? current.title,
      body: str(snap.body) ?? current.body,
      category: isCategory(snap.category) ? snap.category : current.category,
      productVersion: snap.productVersion === null ? null : (str(snap.productVersion) ?? current.productVersion),
      publishAt: undefined,
      intent: 'save',
    },
    editor,
  );
  return {
    ...result,
    message: `Restored version ${rev.entityVersion}.`,
    revision: result.revision && { ...result.revision, note: `restored version ${rev.entityVersion}` },
    redirectTo: `/cms/changelog/${current.id}?saved=restore`,
  };
}
