// Events (SPEC §2): times in the event's own zone (./event-form.ts, ../event-times.ts), an
// iCalendar UID fixed at creation and a SEQUENCE that grows on every significant change.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { events, eventStatus } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import { eventSyncDocument } from '@/lib/content/events';
import { defineContentType, type Row } from '../content-type';
import { eventFormSchema, type EventInput } from '../event-form';
import { describeWhen, toWallInputs } from '../event-times';
import { PUBLICATION_STATUSES } from '../publication';

type EventRow = Row<typeof events>;
type Editable = Omit<EventInput, 'id' | 'version' | 'intent' | 'publishAt'>;

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

const instant = z.iso.datetime({ offset: true });
const isPublic = (e: EventRow) => e.publicationStatus === 'published';

export const eventType = defineContentType({
  name: 'event',
  segment: 'events',
  labels: { singular: 'event', plural: 'events', title: 'Events' },
  table: events,
  publication: { status: events.publicationStatus, publishedAt: events.publishedAt },
  form: eventFormSchema,
  snapshot: {
    schema: z.object({
      title: z.string(),
      description: z.string(),
      location: z.string(),
      url: z.string().nullable(),
      timeZone: z.string(),
      allDay: z.boolean(),
      startsAt: instant,
      endsAt: instant,
      status: z.enum(eventStatus.enumValues),
      sequence: z.number().int(),
      // Revisions from before events had a publication status carry `published` instead.
      publicationStatus: z.enum(PUBLICATION_STATUSES).optional(),
      publishedAt: instant.nullable().optional(),
    }),
    of: (e) => ({
      title: e.title,
      description: e.description,
      location: e.location,
      url: e.url,
      timeZone: e.timeZone,
      allDay: e.allDay,
      startsAt: e.startsAt.toISOString(),
      endsAt: e.endsAt.toISOString(),
      status: e.status,
      sequence: e.sequence,
      publicationStatus: e.publicationStatus,
      publishedAt: e.publishedAt?.toISOString() ?? null,
    }),
    restore: (s) => ({
      title: s.title,
      description: s.description,
      location: s.location,
      url: s.url,
      timeZone: s.timeZone,
      allDay: s.allDay,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      status: s.status,
    }),
  },
  toForm: (e) => ({
    title: e.title,
    description: e.description,
    location: e.location,
    url: e.url ?? '',
    timeZone: e.timeZone,
    allDay: e.allDay,
    ...toWallInputs(e.startsAt, e.endsAt, e.allDay, e.timeZone),
    status: e.status,
  }),
  blank: () => ({ title: '', description: '', location: '', url: '', timeZone: '', allDay: false, start: '', end: '', status: 'confirmed' }),
  columns: (values, { current }) => {
    if (!current) {
      // The UID is derived from the id once and never changes (RFC 5545 §3.8.4.7).
      const id = randomUUID();
      return { ...values, id, uid: `${id}@gazette`, sequence: 0 };
    }
    return { ...values, ...(significantChange(current, values) ? { sequence: sql`${events.sequence} + 1` } : {}) };
  },
  // The public calendar keeps a deleted event as CANCELLED for 30 days (lib/content/events.ts):
  // a status change, so SEQUENCE grows or calendar apps may ignore the cancellation.
  onDelete: (e) => (isPublic(e) && e.status !== 'cancelled' ? { sequence: sql`${events.sequence} + 1` } : {}),
  cacheTags: (after) => [cacheTags.events, cacheTags.event(after.id)],
  inFeeds: false,
  sync: { document: (db, e) => eventSyncDocument(db, e.id), apiUrl: (e, siteUrl) => `${siteUrl}/api/events/${e.id}.ics` },
  publicUrl: (e) => `/api/events/${e.id}.ics`,
  messages: {
    published: 'The events page and the calendar feed show it now.',
    deleteEffect: (wasPublic) => (wasPublic ? 'subscribed calendars show it as cancelled for 30 days, then drop it' : 'it was never public'),
    // Tell the editor when subscribed calendars will take an update (their copy is public).
    update: {
      note: 'Subscribed calendars will replace their copy with this version.',
      when: (after, before) => after.sequence > before.sequence && (isPublic(after) || isPublic(before)),
    },
  },
  list: {
    columns: [
      { label: 'When (local to the event)', cell: (e: EventRow) => ({ text: describeWhen(e.startsAt, e.endsAt, e.allDay, e.timeZone) }) },
      { label: 'Event status', cell: (e: EventRow) => ({ text: e.status, badge: e.status }) },
    ],
    // upcoming/past: split at now (what the public calendar calls upcoming and recent).
    filters: [
      { name: 'upcoming', label: 'upcoming', where: (now) => gte(events.endsAt, now), sort: { by: 'starts', dir: 'asc' } },
      { name: 'past', label: 'past', where: (now) => lt(events.endsAt, now) },
    ],
    search: events.search,
    sorts: [{ name: 'starts', label: 'Start time', key: events.startsAt, type: 'timestamptz' }],
    sort: { by: 'starts', dir: 'desc' },
  },
  textField: 'description',
  revisions: {
    compare: [
      { label: 'Title', show: (s) => s.title },
      { label: 'When', show: (s) => describeWhen(s.startsAt, s.endsAt, s.allDay, s.timeZone) },
      { label: 'Location', show: (s) => s.location },
      { label: 'Link', show: (s) => s.url ?? '' },
      { label: 'Event status', show: (s) => s.status },
      { label: 'Sequence', show: (s) => String(s.sequence) },
      { label: 'Publication', show: (s) => s.publicationStatus ?? '' },
    ],
    text: { label: 'Description', of: (s) => s.description },
    restoreNote:
      'Restoring brings back the text, place, times and event status; whether the event is published stays as it is now. If the times, place, title or status change, subscribed calendars take it as an update.',
  },
});

