// Cached readers for events: the JSON list, the subscription calendar and single-event files.
import 'server-only';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb, type Db } from '@/db/client';
import { events } from '@/db/schema';
import { API_VERSION } from '@/lib/api/posts';
import type { EventDoc, EventListDoc } from '@/lib/api/events';
import { getConfig } from '@/lib/config';
import { renderCalendar, renderEvent } from '@/lib/feeds/icalendar';
import type { CalendarEvent, CalendarMeta } from '@/lib/feeds/types';
import { lazy, toRef, weakEtag, type LazyRepresentation, type Representation, type RepresentationRef } from '@/lib/http/representation';
import { cacheTags } from './cache-tags';

// Deleted events stay in the calendar as CANCELLED this long, so subscribed calendars remove
// them instead of keeping a stale copy (apps drop vanished events unreliably).
const DELETED_GRACE_DAYS = 30;
// The JSON list shows events that ended at most this long ago.
const RECENT_DAYS = 30;
const REFRESH_MINUTES = 60;

interface StoredEvent {
  id: string;
  uid: string;
  sequence: number;
  title: string;
  description: string;
  location: string;
  url: string | null;
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Published events, plus recently deleted ones (to be sent as cancelled). */
async function eventRecords(): Promise<StoredEvent[]> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.events);
  const db = await getDb();
  const graceStart = new Date(Date.now() - DELETED_GRACE_DAYS * 86_400_000);
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.publicationStatus, 'published'), or(isNull(events.deletedAt), gt(events.deletedAt, graceStart))))
    .orderBy(asc(events.startsAt), asc(events.id));
  return rows.map(storedEvent);
}

function storedEvent(r: typeof events.$inferSelect): StoredEvent {
  return {
    id: r.id,
    uid: r.uid,
    sequence: r.sequence,
    title: r.title,
    description: r.description,
    location: r.location,
    url: r.url,
    start: r.startsAt.toISOString(),
    end: r.endsAt.toISOString(),
    allDay: r.allDay,
    timeZone: r.timeZone,
    status: r.deletedAt ? 'cancelled' : r.status,
    deleted: r.deletedAt !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: (r.deletedAt ?? r.updatedAt).toISOString(),
  };
}

/** One event as GET /api/events lists it. */
function eventDocument(e: StoredEvent, siteUrl: string): EventDoc {
  return {
    id: e.id,
    uid: e.uid,
    sequence: e.sequence,
    title: e.title,
    description: e.description,
    location: e.location,
    url: e.url,
    start: e.start,
    end: e.end,
    allDay: e.allDay,
    startDate: e.allDay ? localDate(e.start, e.timeZone) : null,
    endDate: e.allDay ? localDate(e.end, e.timeZone) : null,
    timeZone: e.timeZone,
    status: e.status,
    updatedAt: e.updatedAt,
    links: { ics: `${siteUrl}/api/events/${e.id}.ics` },
  };
}

/** A published event as GET /api/events lists it, read through `db` (a change's transaction): its document in the change log (SPEC §8). */
export async function eventSyncDocument(db: Db, id: string): Promise<EventDoc> {
  const [row] = await db.select().from(events).where(eq(events.id, id));
  if (!row) throw new Error(`event ${id} not found`);
  return eventDocument(storedEvent(row), getConfig().siteUrl);
}

function calendarEvent(e: StoredEvent): CalendarEvent {
  return {
    uid: e.uid,
    sequence: e.sequence,
    title: e.title,
    description: e.description,
    location: e.location,
    url: e.url,
    start: new Date(e.start),
    end: new Date(e.end),
    allDay: e.allDay,
    timeZone: e.timeZone,
    status: e.status,
    lastModified: new Date(e.updatedAt),
    created: new Date(e.createdAt),
  };
}

function calendarMeta(siteUrl: string): CalendarMeta {
  return {
    name: 'Gazette events',
    description: 'Talks, meetups and releases from Gazette.',
    url: `${siteUrl}/api/events.ics`,
    prodId: '-//Gazette//Events 1.0//EN',
    refreshMinutes: REFRESH_MINUTES,
  };
}

const localDate = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toISODate();

function newest(list: StoredEvent[]): string | undefined {
  return list.reduce<string | undefined>((max, e) => (!max || e.updatedAt > max ? e.updatedAt : max), undefined);
}

/** GET /api/events: upcoming and recent events as JSON. */
export async function getEventList(): Promise<Representation> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.events);
  const siteUrl = getConfig().siteUrl;
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString();
  const list = (await eventRecords()).filter((e) => !e.deleted && e.end >= since);
  const data: EventDoc[] = list.map((e) => eventDocument(e, siteUrl));
  const doc: EventListDoc = {
    apiVersion: API_VERSION,
    data,
    links: {
      self: `${siteUrl}/api/events`,
      calendar: `${siteUrl}/api/events.ics`,
      webcal: `${siteUrl.replace(/^https?:/, 'webcal:')}/api/events.ics`,
    },
  };
  const body = JSON.stringify(doc);
  return { body, contentType: 'application/json', etag: weakEtag('events', body), lastModified: newest(list) };
}

/** GET /api/events.ics: the subscription calendar (lazy: the body only when a 200 needs it). */
export async function getCalendar(): Promise<LazyRepresentation> {
  return lazy(await calendarRef(), calendarFull);
}

/** The subscription calendar as a reference (the body lives in the body store). */
async function calendarRef(): Promise<RepresentationRef> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.events);
  return toRef(await calendarFull(), 'calendar');
}

/** The whole calendar representation. */
async function calendarFull(): Promise<Representation> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.events);
  const list = await eventRecords();
  const body = renderCalendar(calendarMeta(getConfig().siteUrl), list.map(calendarEvent));
  return { body, contentType: 'text/calendar; charset=utf-8', etag: weakEtag('calendar', body), lastModified: newest(list) };
}

export type EventFile = { kind: 'found'; representation: Representation } | { kind: 'missing' } | { kind: 'gone' };

/** GET /api/events/{id}.ics: one event as an attachment. */
export async function getEventFile(id: string): Promise<EventFile> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.events, cacheTags.event(id));
  const event = (await eventRecords()).find((e) => e.id === id);
  if (!event) {
    // Tell "deleted long ago" (410) from "never existed or unpublished" (404).
    const db = await getDb();
    const [row] = await db.select({ deletedAt: events.deletedAt, publicationStatus: events.publicationStatus }).from(events).where(eq(events.id, id));
    return row?.deletedAt && row.publicationStatus === 'published' ? { kind: 'gone' } : { kind: 'missing' };
  }
  const body = renderEvent(calendarMeta(getConfig().siteUrl), calendarEvent(event));
  const ascii = event.title.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'event';
  return {
    kind: 'found',
    representation: {
      body,
      contentType: 'text/calendar; charset=utf-8',
      etag: weakEtag('event', body),
      lastModified: event.updatedAt,
      // RFC 6266: an ASCII filename for old clients, the UTF-8 one (RFC 8187) for the rest.
      headers: {
        'content-disposition': `attachment; filename="${ascii}.ics"; filename*=UTF-8''${encodeURIComponent(event.title.slice(0, 80))}.ics`,
      },
    },
  };
}

/** Upcoming and recent events for the /events page. */
export async function getEventsForPage(): Promise<(StoredEvent & { startDate: string | null; lastDate: string | null })[]> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.events);
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString();
  return (await eventRecords())
    .filter((e) => !e.deleted && e.end >= since)
    .map((e) => ({
      ...e,
      startDate: e.allDay ? localDate(e.start, e.timeZone) : null,
      lastDate: e.allDay ? DateTime.fromISO(e.end, { zone: e.timeZone }).minus({ days: 1 }).toISODate() : null,
    }));
}

