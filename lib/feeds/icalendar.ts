// Pure iCalendar (RFC 5545) serialiser for the events calendar and single-event downloads.
// The `ics` package builds the VEVENTs; the post-processing below fixes what it gets wrong or
// cannot express (see each step). Never reads the clock, the environment or the database:
// the same input always gives the same bytes, so the ETag is stable.
import { createEvents, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import type { CalendarEvent, CalendarMeta } from './types';

const CRLF = '\r\n';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;

/**
 * Normalises line breaks to "\n" and strips characters RFC 5545 §3.3.11 does not allow in TEXT
 * (CONTROL = C0 except HTAB, and DEL); "\n" survives because it is written as the escape "\n".
 */
function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

/** TEXT escaping, RFC 5545 §3.3.11: backslash first, so the escapes we add are not re-escaped. */
function escapeText(text: string): string {
  return cleanText(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** URIs are not TEXT (no escaping, §3.3.13), but a control character would still break the line. */
function cleanUri(uri: string): string {
  return uri.replace(/[\u0000-\u001F\u007F]/g, '');
}

/**
 * An all-day event's local calendar date in its own zone (RFC 5545 §3.3.4 DATE values are
 * floating, so they must be the planner's dates, not the UTC ones). `roundUp` is for the
 * exclusive end: an instant after local midnight still occupies that day.
 */
function localDate(instant: Date, zone: string, roundUp: boolean): [number, number, number] {
  let dt = DateTime.fromJSDate(instant, { zone });
  if (!dt.isValid) throw new RangeError(`icalendar: invalid time zone "${zone}"`);
  if (roundUp && !dt.equals(dt.startOf('day'))) dt = dt.plus({ days: 1 });
  return [dt.year, dt.month, dt.day];
}

const STATUS = { confirmed: 'CONFIRMED', tentative: 'TENTATIVE', cancelled: 'CANCELLED' } as const;

// `ics` accepts `timestamp` (DTSTAMP) at runtime and validates it, but its typings omit it.
type IcsEvent = EventAttributes & { timestamp: number };

function toIcsEvent(event: CalendarEvent): IcsEvent {
  const common = {
    // UID is TEXT (§3.8.4.7) but `ics` only encodes newlines in it, so escape it ourselves.
    uid: escapeText(event.uid),
    sequence: event.sequence,
    // `ics` escapes SUMMARY/DESCRIPTION/LOCATION itself (backslash, newline, ";" and ","):
    // pass the cleaned raw text so every character is escaped exactly once.
    title: cleanText(event.title),
    description: cleanText(event.description),
    location: cleanText(event.location),
    ...(event.url ? { url: cleanUri(event.url) } : {}),
    status: STATUS[event.status],
    // Epoch milliseconds, never date arrays: `ics` reads arrays for these three in the
    // server's local zone, and omitting `timestamp` makes DTSTAMP "now". With a METHOD,
    // §3.8.7.2 DTSTAMP is when this object was generated; the event's last change is the
    // latest such moment that keeps the bytes (and the ETag) stable between requests.
    timestamp: event.lastModified.getTime(),
    created: event.created.getTime(),
    lastModified: event.lastModified.getTime(),
  };
  if (event.allDay) {
    // A 3-element array makes `ics` write DTSTART;VALUE=DATE / DTEND;VALUE=DATE (§3.6.1:
    // the end date is exclusive, as stored).
    return {
      ...common,
      start: localDate(event.start, event.timeZone, false),
      end: localDate(event.end, event.timeZone, true),
    };
  }
  // `ics` has no TZID/VTIMEZONE support, so timed events are written in UTC (§3.3.5 form #2,
  // "Z"), which every client converts to its viewer's zone. Epoch milliseconds keep seconds,
  // which the typed 5-element date arrays would drop; with output type 'utc' `ics` formats
  // them with getUTC*() only.
  return {
    ...common,
    start: event.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: event.end.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
  };
}

/** RFC 5545 §3.1: unfolding removes every CRLF immediately followed by one space or tab. */
function unfold(text: string): string[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split(CRLF);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Unbreakable units of a line: grapheme clusters (so an emoji or a letter with its accents is
 * never split across lines), a text escape with the character it escapes ("\," "\n"), and, as
 * a last resort for absurd clusters longer than a line, single code points — a fold never
 * splits a UTF-8 sequence.
 */
function units(line: string): string[] {
  const out: string[] = [];
  let pendingEscape = false;
  for (const { segment } of graphemes.segment(line)) {
    if (pendingEscape) out[out.length - 1] += segment;
    else out.push(segment);
    pendingEscape = !pendingEscape && segment === '\\';
  }
  return out.flatMap((u) => (utf8Length(u) > MAX_OCTETS - 1 ? Array.from(u) : [u]));
}

/**
 * Folding, RFC 5545 §3.1: at most 75 octets per physical line; a continuation line starts with
 * one space, which counts toward its 75. (`ics` folds at 75 characters, which multibyte text
 * overflows, and continues with a tab.)
 */
function fold(line: string): string {
  if (utf8Length(line) <= MAX_OCTETS) return line;
  const physical: string[] = [];
  let current = '';
  let size = 0;
  for (const unit of units(line)) {
    const n = utf8Length(unit);
    if (size + n > MAX_OCTETS) {
      physical.push(current);
      current = ' ';
      size = 1;
    }
    current += unit;
    size += n;
  }
  physical.push(current);
  return physical.join(CRLF);
}

/** Calendar properties `ics` cannot write: RFC 7986 §5.1–5.8 plus the de-facto X-WR-* ones. */
function calendarProperties(meta: CalendarMeta): string[] {
  const minutes = meta.refreshMinutes;
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw new RangeError(`icalendar: refreshMinutes must be a positive integer, got ${minutes}`);
  }
  const url = cleanUri(meta.url);
  return [
    `NAME:${escapeText(meta.name)}`,
    `X-WR-CALNAME:${escapeText(meta.name)}`,
    `DESCRIPTION:${escapeText(meta.description)}`,
    `X-WR-CALDESC:${escapeText(meta.description)}`,
    `URL:${url}`,
    `SOURCE;VALUE=URI:${url}`,
    `REFRESH-INTERVAL;VALUE=DURATION:PT${minutes}M`,
    `X-PUBLISHED-TTL:PT${minutes}M`,
  ];
}

/** A VCALENDAR with every event; cancelled ones stay in, with STATUS:CANCELLED (§3.8.1.11),
 * so subscribed clients remove them instead of keeping a stale copy. */
export function renderCalendar(meta: CalendarMeta, events: CalendarEvent[]): string {
  const { error, value } = createEvents(events.map(toIcsEvent), {
    // PRODID is TEXT (§3.7.3); `ics` only encodes newlines in it, so it gets our escaping.
    productId: escapeText(meta.prodId),
    method: 'PUBLISH',
  });
  if (error || value === null) {
    throw new Error(`icalendar: ics rejected the calendar: ${error?.message ?? 'no output'}`);
  }
  const lines = unfold(value);
  // Calendar properties end where the first component (or the calendar) begins.
  const firstComponent = lines.findIndex((l) => l === 'BEGIN:VEVENT' || l === 'END:VCALENDAR');
  if (lines[0] !== 'BEGIN:VCALENDAR' || firstComponent < 0) {
    throw new Error('icalendar: unexpected output from ics');
  }
  // Drop `ics`'s hard-coded X-PUBLISHED-TTL:PT1H (and any X-WR-CALNAME); ours follow.
  const header = lines
    .slice(0, firstComponent)
    .filter((l) => !/^(X-PUBLISHED-TTL|X-WR-CALNAME)[:;]/i.test(l));
  const all = [...header, ...calendarProperties(meta), ...lines.slice(firstComponent)];
  return all.map(fold).join(CRLF) + CRLF;
}

/** A VCALENDAR holding one event (for /api/events/{id}.ics). */
export function renderEvent(meta: CalendarMeta, event: CalendarEvent): string {
  return renderCalendar(meta, [event]);
}
