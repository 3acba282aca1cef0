// Inputs of the pure feed and calendar serialisers (lib/feeds/*). Readers build these from
// the database; the serialisers never read the clock, the environment or the database, so the
// same input always gives the same bytes (and the same ETag).

export interface FeedAuthor {
  name: string;
  url?: string;
}

export interface FeedMeta {
  /** Stable feed identity (Atom <id>, JSON Feed home): an absolute URL. */
  id: string;
  title: string;
  description: string;
  /** The human home page of the feed (absolute). */
  homePageUrl: string;
  /** This document's own URL in this format (absolute): rel="self", JSON Feed feed_url. */
  selfUrl: string;
  language: string;
  /** Newest change among the items; null when there are none. Never "now". */
  updated: Date | null;
  /** The feed-level author (Atom requires one when an entry has none, RFC 4287 §4.1.1). */
  author: FeedAuthor;
  /** WebSub hub (rel="hub" / JSON Feed hubs), when configured. */
  hubUrl?: string;
  /** RFC 5005 §3 paged feeds: URLs of the neighbouring pages, same format. */
  paging?: { first?: string; next?: string; previous?: string };
  /** Icon / favicon (absolute), optional. */
  icon?: string;
}

export interface FeedItem {
  /** Stable forever (Atom <id>, RSS <guid>, JSON Feed id). */
  id: string;
  /** Absolute URL of the item's page. */
  url: string;
  title: string;
  summary: string;
  /** Sanitised HTML, absolute links. */
  contentHtml: string;
  authors: FeedAuthor[];
  categories: string[];
  published: Date;
  updated: Date;
  /** JSON Feed extension objects, keys starting with "_" (JSON Feed 1.1 "Extensions"). */
  extensions?: Record<`_${string}`, Record<string, unknown>>;
  /** The item's image (a post's cover), one file: RSS <enclosure>, Atom rel="enclosure", JSON Feed `image`. */
  image?: FeedImage;
}

export interface FeedImage {
  /** Absolute URL of the file. */
  url: string;
  /** Its media type (e.g. image/jpeg). */
  type: string;
  /** Its size in bytes (RSS 2.0 enclosure `length`, RFC 4287 §4.2.7.6). */
  length: number;
  width: number;
  height: number;
}

export interface CalendarMeta {
  /** Calendar name (NAME, RFC 7986 §5.1; X-WR-CALNAME for older clients). */
  name: string;
  description: string;
  /** This calendar's URL (absolute): URL / SOURCE (RFC 7986 §5.7–5.8). */
  url: string;
  /** PRODID (RFC 5545 §3.7.3), e.g. "-//Gazette//Events 1.0//EN". */
  prodId: string;
  /** How often clients should refresh (REFRESH-INTERVAL, RFC 7986 §5.7; X-PUBLISHED-TTL). */
  refreshMinutes: number;
}

export interface CalendarEvent {
  /** Stable forever (RFC 5545 §3.8.4.7). */
  uid: string;
  /** Grows on every significant change (RFC 5545 §3.8.7.4). */
  sequence: number;
  title: string;
  description: string;
  location: string;
  url: string | null;
  /** Instants. For all-day events: local midnights in `timeZone`, end exclusive. */
  start: Date;
  end: Date;
  allDay: boolean;
  /** IANA zone the event is planned in. */
  timeZone: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** The event's last change: DTSTAMP and LAST-MODIFIED, never "now". */
  lastModified: Date;
  created: Date;
}
