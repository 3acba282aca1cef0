// Structured data (SPEC §11): schema.org JSON-LD for posts, events and breadcrumbs, as plain
// objects. Pure: the pages pass in what their cached readers returned, and app/(site)/json-ld.tsx
// serialises the object into the page (serializeJsonLd, below).
import { DateTime } from 'luxon';
import { fileNear } from '@/lib/media/documents';
import { seoDescription } from './post-seo';
import { postUrls } from './post-documents';
import type { PostRecord } from './posts';

/** One JSON-LD node: schema.org vocabulary, plain JSON. */
export type JsonLd = { '@context'?: 'https://schema.org'; '@type': string } & Record<string, unknown>;

const CONTEXT = 'https://schema.org' as const;

/** The site as a publisher; its logo is the site icon (app/icon.svg). */
export function publisher(siteUrl: string): JsonLd {
  return { '@type': 'Organization', name: 'Gazette', url: `${siteUrl}/`, logo: { '@type': 'ImageObject', url: `${siteUrl}/icon.svg` } };
}

export interface Crumb {
  name: string;
  /** Absolute URL of the page. */
  url: string;
}

/** A BreadcrumbList, outermost page first (Home › … › this page); positions count from 1. */
export function breadcrumbList(items: Crumb[]): JsonLd {
  return {
    '@context': CONTEXT,
    '@type': 'BreadcrumbList',
    itemListElement: items.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: c.url })),
  };
}

type PostInput = Pick<PostRecord, 'slug' | 'title' | 'summary' | 'seo' | 'author' | 'authorSlug' | 'tags' | 'publishedAt' | 'updatedAt' | 'cover'>;

/**
 * A post as a BlogPosting. The image is the cover (a file about 1200 px wide, in a format every
 * consumer reads) or else the generated Open Graph card, as the page's own metadata names them.
 */
export function blogPosting(post: PostInput, siteUrl: string): JsonLd {
  const card = post.cover ? fileNear(post.cover, 1200, ['image/jpeg', 'image/png', 'image/webp']) : undefined;
  const image = card ? card.url : `${siteUrl}/posts/${post.slug}/opengraph-image`;
  const description = seoDescription(post);
  return {
    '@context': CONTEXT,
    '@type': 'BlogPosting',
    headline: post.title,
    ...(description ? { description } : {}),
    url: postUrls.page(siteUrl, post.slug),
    // The page this post is the main entity of is this one, even with a canonical override (the
    // page's <link rel="canonical"> carries that); an external @id beside our `url` would contradict it.
    mainEntityOfPage: { '@type': 'WebPage', '@id': postUrls.page(siteUrl, post.slug) },
    // ISO 8601 instants with their offset (UTC, "Z"), as the reader stores them.
    datePublished: post.publishedAt,
    dateModified: post.updatedAt,
    author: { '@type': 'Person', name: post.author, ...(post.authorSlug ? { url: `${siteUrl}/authors/${post.authorSlug}` } : {}) },
    image: [image],
    ...(post.tags.length ? { keywords: post.tags.join(', ') } : {}),
    inLanguage: 'en',
    publisher: publisher(siteUrl),
  };
}

/** What an event needs to be described (lib/content/events.ts getEventsForPage). */
export interface EventInput {
  id: string;
  title: string;
  description: string;
  location: string;
  url: string | null;
  /** UTC instants; `end` is exclusive for all-day events (RFC 5545 DTEND). */
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** Local dates of an all-day event: the first and the last (inclusive). */
  startDate: string | null;
  lastDate: string | null;
}

const EVENT_STATUS = {
  confirmed: 'https://schema.org/EventScheduled',
  // schema.org has no "tentative": the event is still on the schedule.
  tentative: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
} as const;

/** The wall time in the event's own zone, with its UTC offset (2026-06-01T18:00:00+02:00). */
const zoned = (instant: string, zone: string) => DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toISO({ suppressMilliseconds: true }) ?? instant;

/** The anchor of an event on the events page (it has no page of its own). */
export const eventAnchor = (id: string) => `event-${id}`;

/**
 * An event. All-day events are dates (schema.org Date), timed ones instants with the offset of
 * the event's zone. The model holds a free-text location and a link: a location means a place
 * (attended in person); only a link means online, at that link.
 */
export function eventJsonLd(e: EventInput, siteUrl: string): JsonLd {
  const startDate = e.allDay && e.startDate ? e.startDate : zoned(e.start, e.timeZone);
  const endDate = e.allDay && e.lastDate ? e.lastDate : zoned(e.end, e.timeZone);
  const place = e.location.trim();
  const where = place
    ? { eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode', location: { '@type': 'Place', name: place, address: place } }
    : e.url
      ? { eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode', location: { '@type': 'VirtualLocation', url: e.url } }
      : {};
  return {
    '@context': CONTEXT,
    '@type': 'Event',
    name: e.title,
    ...(e.description.trim() ? { description: e.description } : {}),
    startDate,
    endDate,
    eventStatus: EVENT_STATUS[e.status],
    ...where,
    url: e.url ?? `${siteUrl}/events#${eventAnchor(e.id)}`,
  };
}

/**
 * JSON-LD as the text of a <script> element. JSON.stringify leaves `<`, `>` and `&` as they are,
 * so "</script>" in a title would end the element (HTML §13.1.2.6, script data): they are
 * escaped as \u003c, \u003e, \u0026, the escape the Next.js JSON-LD guide gives, which JSON
 * parsers read back as the same characters. U+2028 and U+2029 too, for any script-side reader.
 */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
