// The building blocks of the CMS engine (./items.ts, ./staging.ts): reading an item with its
// extras, the version an editor must have read, writing a row and what lives beside it, and the
// refusal for a stale form. Kept apart so staging and the plain save share them without a cycle.
import 'server-only';
import { and, eq, isNull, max, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { revisions } from '@/db/schema';
import type { RunResult } from './action';
import { ActionRefusal } from './refusals';
import { keyOf, publicationOf, type AnyContentType, type FormValues } from './content-type';
import type { PublicationStatus, PublishIntent } from './publication';
import { editorClock } from './editor-clock';

/** A row of any content type, with its extras (lib/cms/content-type.ts `extras`). */
export type AnyItem = Record<string, unknown> & { id: string; title: string; version: number; deletedAt: Date | null; updatedAt: Date; createdAt: Date };

export async function withExtras(db: Db, type: AnyContentType, row: AnyItem): Promise<AnyItem> {
  return type.extras ? { ...row, ...(await type.extras(db, row)) } : row;
}

/** The item as it is now (not deleted), with its extras. */
export async function findItem(db: Db, type: AnyContentType, id: string): Promise<AnyItem | undefined> {
  const t = type.table;
  const [row] = (await db.select().from(t).where(and(eq(t.id, id), isNull(t.deletedAt)))) as AnyItem[];
  return row && withExtras(db, type, row);
}

export const isPublic = (type: AnyContentType, item: AnyItem | undefined) => item !== undefined && publicationOf(type, item).status === 'published';

/**
 * The version an editor's form must carry: the newest revision's number, or the row's if newer.
 * Staged edits of a published item (./staging.ts) are revisions too, numbered above the row's
 * version while the public row stays untouched; so every save, staged or not, takes the next
 * number, and a form opened before anyone's save (staged or published) is stale.
 */
export async function headVersion(db: Db, type: AnyContentType, item: { id: string; version: number }): Promise<number> {
  const [last] = await db
    .select({ v: max(revisions.entityVersion) })
    .from(revisions)
    .where(and(eq(revisions.entityType, type.name), eq(revisions.entityId, item.id)));
  return Math.max(item.version, last?.v ?? 0);
}

/** The refusal for a stale version: who changed the item, and when. */
export async function staleVersion(tx: Tx, type: AnyContentType, id: string): Promise<ActionRefusal> {
  const [last] = await tx
    .select({ editorName: revisions.editorName, createdAt: revisions.createdAt, version: revisions.entityVersion })
    .from(revisions)
    .where(and(eq(revisions.entityType, type.name), eq(revisions.entityId, id)))
    .orderBy(sql`${revisions.entityVersion} desc`)
    .limit(1);
  // The editor's zone, read through this transaction (lib/cms/editor-clock.ts says why).
  const clock = await editorClock(tx);
  const when = last ? clock.stamp(last.createdAt, { seconds: true }) : 'a moment ago';
  return new ActionRefusal(
    'conflict',
    `${last?.editorName ?? 'Someone'} changed this ${type.labels.singular} at ${when} (version ${last?.version ?? '?'}) after you opened it. ` +
      'Nothing was overwritten. Your text is kept below: copy what you need, reload, and apply it again.',
  );
}

/** The form's own values, without id, version, intent and publishAt. */
export type ItemValues = Record<string, unknown>;

/** A form's values as a browser posts them: a ticked checkbox is "on", an unticked one absent. */
function posted(values: FormValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== false) out[k] = v === true ? 'on' : v;
  return out;
}

/**
 * An item's values as its page's form would post them, parsed by the type's form: the check a
 * save passes, for values that did not come from a form (a restored revision, a bulk action).
 * So a value the form refuses today (an old revision's `javascript:` link) is refused here too.
 */
export function parseAsSubmitted(type: AnyContentType, item: AnyItem, base: { id: string; version: number; intent: PublishIntent }) {
  return type.form.safeParse({ ...posted(type.toForm(item)), id: base.id, version: String(base.version), intent: base.intent });
}

/**
 * Write an item's row from form values (insert, or update at `version`, checked against the
 * version read in this transaction), then what lives beside it (the type's afterWrite).
 */
export async function writeRow(
  tx: Tx,
  type: AnyContentType,
  current: AnyItem | undefined,
  values: ItemValues,
  publication: { status: PublicationStatus; publishedAt: Date | null },
  version: number,
  now: Date,
): Promise<AnyItem> {
  const t = type.table;
  const row = {
    ...type.columns(values, { current, now }),
    [keyOf(t, type.publication.status)]: publication.status,
    [keyOf(t, type.publication.publishedAt)]: publication.publishedAt,
  };
  let saved: AnyItem | undefined;
  if (current) {
    // The version in WHERE closes the race between reading the item and this write.
    [saved] = (await tx
      .update(t)
      .set({ ...row, version, updatedAt: now })
      .where(and(eq(t.id, current.id), eq(t.version, current.version)))
      .returning()) as AnyItem[];
    if (!saved) throw await staleVersion(tx, type, current.id);
  } else {
    [saved] = (await tx.insert(t).values({ ...row, createdAt: now, updatedAt: now }).returning()) as AnyItem[];
    if (!saved) throw new Error(`insert into ${type.name} returned no row`);
  }
  await type.afterWrite?.(tx, saved, values, current);
  return withExtras(tx, type, saved);
}

export function revisionOf(type: AnyContentType, item: AnyItem, note: string | null, version = item.version): NonNullable<RunResult['revision']> {
  return { entityType: type.name, entityId: item.id, entityVersion: version, snapshot: type.snapshot.of(item) as Record<string, unknown>, note };
}
