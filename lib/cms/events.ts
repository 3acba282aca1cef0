// Events in the CMS: uncached reads for editors and the saving rules (optimistic concurrency,
// iCalendar UID and SEQUENCE, soft delete, revisions, cache tags). The form is ./event-form.ts.
import 'server-only';
import { cmsDb } from './db';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Tx } from '@/db/client';
import { events, eventStatus, revisions } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import { ActionRefusal, type RunResult } from './action';
import type { EventInput } from './event-form';
import { versionField } from './forms';
import { staleVersion } from './revisions';
import type { Editor } from './session';

export { eventFormSchema, type EventInput } from './event-form';

export const eventDeleteSchema = z
  .object({
    id: z.uuid('Unknown event.'),
    version: versionField,
    confirm: z.literal('yes', { error: 'Tick the box to confirm the deletion.' }),
  })
  .strict();

export const eventRestoreSchema = z.object({ id: z.uuid('Unknown event.'), version: versionField, revisionId: z.uuid('Unknown revision.') }).strict();

type EventRow = typeof events.$inferSelect;
export type EventFilter = 'upcoming' | 'past' | 'unpublished';

/** upcoming/past: what the public calendar shows, split at now; unpublished: what it does not. */
export async function listEventsForCms(filter?: EventFilter, limit = 200) {
  const db = await cmsDb();
  const now = new Date();
  const where = {
    upcoming: and(eq(events.published, true), gte(events.endsAt, now)),
    past: and(eq(events.published, true), lt(events.endsAt, now)),
    unpublished: eq(events.published, false),
  };
  return db
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      allDay: events.allDay,
      timeZone: events.timeZone,
      status: events.status,
      published: events.published,
      updatedAt: events.updatedAt,
    })
    .from(events)
    .where(and(isNull(events.deletedAt), filter ? where[filter] : undefined))
    // Upcoming reads soonest first; every other view newest first.
    .orderBy(filter === 'upcoming' ? asc(events.startsAt) : desc(events.startsAt), asc(events.id))
    .limit(limit);
}

export async function getEventForCms(id: string): Promise<EventRow | undefined> {
  const db = await cmsDb();
  const [event] = await db.select().from(events).where(and(eq(events.id, id), isNull(events.deletedAt)));
  return event;
}

type Editable = Omit<EventInput, 'id' | 'version'>;

function editable(e: EventRow): Editable {
  const { title, description, location, url, timeZone, allDay, startsAt, endsAt, status, published } = e;
  return { title, description, location, url, timeZone, allDay, startsAt, endsAt, status, published };
}

function snapshot(e: EventRow): Record<string, unknown> {
  return { ...editable(e), startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), sequence: e.sequence };
}

/**
 * RFC 5545 §3.8.7.4: SEQUENCE grows when a change matters to attendees, so calendar apps
 * replace their copy. Description, link and publication do not count.
 */
function significantChange(before: EventRow, after: Editable): boolean {
  return (
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.allDay !== after.allDay ||
    before.timeZone !== after.timeZone ||
    before.status !== after.status ||
    before.location !== after.location ||
    before.title !== after.title
  );
}

async function findCurrent(tx: Tx, id: string): Promise<EventRow | undefined> {
  return (await tx.select().from(events).where(and(eq(events.id, id), isNull(events.deletedAt))))[0];
}

/** Create or update an event from the form. */
export async function saveEvent(tx: Tx, input: EventInput, _editor: Editor, note: string | null = null): Promise<RunResult> {
  const now = new Date();
  const current = input.id ? await findCurrent(tx, input.id) : undefined;
  if (input.id && !current) throw new ActionRefusal('invalid', 'This event no longer exists (it may have been deleted).');
  if (current && current.version !== input.version) throw await staleVersion(tx, 'event', current.id, 'event');

  const { id: _id, version: _version, ...fields } = input;
  let saved: EventRow;
  let significant = false;
  if (current) {
    significant = significantChange(current, fields);
    const [row] = await tx
      .update(events)
      .set({ ...fields, ...(significant ? { sequence: sql`${events.sequence} + 1` } : {}), version: sql`${events.version} + 1`, updatedAt: now })
      // The version in WHERE closes the race between the check above and this write. uid is never set here.
      .where(and(eq(events.id, current.id), eq(events.version, input.version)))
      .returning();
    if (!row) throw await staleVersion(tx, 'event', current.id, 'event');
    saved = row;
  } else {
    // The UID is derived from the id once and never changes (RFC 5545 §3.8.4.7).
    const id = randomUUID();
    [saved] = (await tx.insert(events).values({ ...fields, id, uid: `${id}@gazette`, sequence: 0, createdAt: now, updatedAt: now }).returning()) as [EventRow];
  }
  // Tell the editor when subscribed calendars will take an update (their copy is public).
  const outcome = !current ? 'created' : significant && (saved.published || current.published) ? 'significant' : 'saved';
  return {
    message: current ? 'Saved.' : 'Created.',
    tags: [cacheTags.events, cacheTags.event(saved.id)],
    revision: { entityType: 'event', entityId: saved.id, entityVersion: saved.version, snapshot: snapshot(saved), note },
    redirectTo: `/cms/events/${saved.id}?saved=${outcome}`,
  };
}

export async function deleteEvent(tx: Tx, input: z.infer<typeof eventDeleteSchema>): Promise<RunResult> {
  const current = await findCurrent(tx, input.id);
  if (!current) throw new ActionRefusal('invalid', 'This event no longer exists.');
  // The public calendar keeps a deleted event as CANCELLED for 30 days (lib/content/events.ts):
  // a status change, so SEQUENCE grows or calendar apps may ignore the cancellation.
  const cancels = current.published && current.status !== 'cancelled';
  const [row] = await tx
    .update(events)
    .set({ deletedAt: new Date(), ...(cancels ? { sequence: sql`${events.sequence} + 1` } : {}), version: sql`${events.version} + 1`, updatedAt: new Date() })
    .where(and(eq(events.id, input.id), eq(events.version, input.version)))
    .returning();
  if (!row) throw await staleVersion(tx, 'event', input.id, 'event');
  return {
    message: 'Deleted.',
    tags: [cacheTags.events, cacheTags.event(row.id)],
    revision: { entityType: 'event', entityId: row.id, entityVersion: row.version, snapshot: snapshot(row), note: 'deleted' },
    redirectTo: `/cms/events?deleted=${current.published ? 'published' : '1'}`,
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
function instant(v: unknown): Date | undefined {
  const d = typeof v === 'string' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}
const isStatus = (v: unknown): v is EventRow['status'] => (eventStatus.enumValues as readonly unknown[]).includes(v);

/** Restoring is itself a change: a new version, and a new SEQUENCE if significant fields differ. */
export async function restoreEvent(tx: Tx, input: z.infer<typeof eventRestoreSchema>, editor: Editor): Promise<RunResult> {
  const [rev] = await tx
    .select()
    .from(revisions)
    .where(and(eq(revisions.id, input.revisionId), eq(revisions.entityType, 'event'), eq(revisions.entityId, input.id)));
  if (!rev) throw new ActionRefusal('invalid', 'This revision does not belong to this event.');
  const current = await findCurrent(tx, input.id);
  if (!current) throw new ActionRefusal('invalid', 'This event no longer exists.');
  // Snapshots are stored JSON: take each field only if it still has the right type.
  const snap = rev.snapshot;
  const result = await saveEvent(
    tx,
    {
      id: current.id,
      version: input.version,
      title: str(snap.title) ?? current.title,
      description: str(snap.description) ?? current.description,
      location: str(snap.location) ?? current.location,
      url: snap.url === null ? null : (str(snap.url) ?? current.url),
      timeZone: str(snap.timeZone) ?? current.timeZone,
      allDay: typeof snap.allDay === 'boolean' ? snap.allDay : current.allDay,
      startsAt: instant(snap.startsAt) ?? current.startsAt,
      endsAt: instant(snap.endsAt) ?? current.endsAt,
      status: isStatus(snap.status) ? snap.status : current.status,
      // Like a post's status, publication is not content: restoring old text must not publish or hide the event.
      published: current.published,
    },
    editor,
    `restored version ${rev.entityVersion}`,
  );
  return { ...result, message: `Restored version ${rev.entityVersion}.`, redirectTo: `/cms/events/${current.id}?saved=restore` };
}
