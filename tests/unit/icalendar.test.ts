// The iCalendar serialiser, checked byte by byte (RFC 5545 §3.1 folding, CRLF, escaping) and
// through two real consumers: ical.js (Thunderbird's parser) and node-ical.
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import ical, { type VEvent } from 'node-ical';
import { DateTime } from 'luxon';
import { renderCalendar, renderEvent } from '@/lib/feeds/icalendar';
import type { CalendarEvent, CalendarMeta } from '@/lib/feeds/types';
import { seedEvents } from '@/db/seed/content';

const CRLF = '\r\n';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** A wall-clock time (or date, for all-day events) in an IANA zone, as an instant. */
function local(iso: string, zone: string): Date {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad test date ${iso} in ${zone}`);
  return dt.toJSDate();
}

/** Physical lines, without their CRLF (the text ends with CRLF, so the last split is ''). */
function physicalLines(text: string): string[] {
  const lines = text.split(CRLF);
  expect(lines.pop()).toBe('');
  return lines;
}

/** RFC 5545 §3.1 unfolding: drop every CRLF followed by exactly one space or tab. */
function unfold(text: string): string[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split(CRLF);
  expect(lines.pop()).toBe('');
  return lines;
}

/** What survives of input text: CRLF/CR become LF, controls other than TAB/LF and DEL go. */
function expectedText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

/** RFC 5545 §3.3.11 escaping of the expected text (backslash first). */
function escaped(text: string): string {
  return expectedText(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Unfolded lines of the calendar itself (before the first component). */
function calendarLines(text: string): string[] {
  const lines = unfold(text);
  const first = lines.findIndex((l) => l.startsWith('BEGIN:V') && l !== 'BEGIN:VCALENDAR');
  return first < 0 ? lines : lines.slice(0, first);
}

/** Unfolded lines of each VEVENT, keyed by the raw UID value. */
function eventBlocks(text: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of unfold(text)) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      const uid = current.find((l) => l.startsWith('UID:'));
      if (!uid) throw new Error('VEVENT without UID');
      blocks.set(uid.slice(4), current);
      current = null;
    } else current?.push(line);
  }
  return blocks;
}

/** The lines of a property (name followed by ';' or ':'). */
function prop(lines: string[], name: string): string[] {
  return lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
}

function basic(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function icalTime(component: InstanceType<typeof ICAL.Component>, name: string) {
  const value = component.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a time`);
  return value;
}

/** node-ical gives text either as a string or as { params, val }. */
function nodeText(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'val' in value) return String(value.val);
  throw new Error(`unexpected node-ical value ${JSON.stringify(value)}`);
}

/**
 * What node-ical 0.26 reads for our correctly escaped text. Its unescaper turns `\n` into a
 * newline before it turns `\\` into `\` (sequential replaceAll), so a literal backslash followed
 * by "n" — correctly written `\\n` — comes back as backslash + newline. ical.js reads the same
 * bytes correctly (tested above).
 */
function nodeIcalText(text: string): string {
  return expectedText(text).replace(/\\([nN])/g, '\\\n');
}

function nodeEvent(data: ReturnType<typeof ical.sync.parseICS>, uid: string): VEvent {
  const c = data[uid];
  if (!c || c.type !== 'VEVENT') throw new Error(`node-ical found no VEVENT ${uid}`);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const meta: CalendarMeta = {
  name: 'Gazette events, talks; and \\ workshops — Ünïcödé 📅',
  description: 'Everything we run.\nSubscribe, and stay current; really.',
  url: 'https://gazette.example/api/events.ics',
  prodId: '-//Gazette//Events 1.0//EN',
  refreshMinutes: 90,
};

const created = new Date('2026-10-01T08:15:30Z');
const lastModified = new Date('2026-11-02T09:45:10Z');
const unicode = 'Café ☕ Zürich — 日本語 🎉 '.repeat(6).trim();
const longText = Array.from({ length: 80 }, (_, i) => `${i}: Lorem, ipsum; \\ 👩‍👩‍👧‍👦 e\u0301 `).join('').slice(0, 2000);

function event(partial: Partial<CalendarEvent> & Pick<CalendarEvent, 'uid'>): CalendarEvent {
  return {
    sequence: 0,
    title: 'Event',
    description: 'Description',
    location: 'Somewhere',
    url: 'https://gazette.example/events/x',
    start: new Date('2027-01-10T10:00:00Z'),
    end: new Date('2027-01-10T12:00:00Z'),
    allDay: false,
    timeZone: 'Europe/London',
    status: 'confirmed',
    created,
    lastModified,
    ...partial,
  };
}

const events: CalendarEvent[] = [
  event({
    uid: 'unicode@gazette.example',
    sequence: 3,
    title: unicode,
    description: `${unicode}\n${unicode}`,
    location: 'Zürich Hauptbahnhof — 駅 🚉 '.repeat(4),
    timeZone: 'Europe/Zurich',
  }),
  event({
    uid: 'punctuation,odd;uid@gazette.example',
    title: 'Q&A: commas, semicolons; back\\slashes \\n and "quotes"',
    description: 'Line one,\nline two; with \\ a backslash\r\nWindows line\rold Mac line\n\nblank above\\',
    location: 'Room 1, Floor 2; Building \\ A',
    start: new Date('2027-02-01T17:30:45Z'), // seconds must survive
    end: new Date('2027-02-01T19:00:15Z'),
  }),
  event({
    uid: 'markup@gazette.example',
    title: 'Not CDATA ]]> nor <script>alert("x")</script>',
    description: '<![CDATA[ x ]]> & <b>bold</b> &amp; </description>',
    location: '<Main hall>',
  }),
  event({
    uid: 'controls@gazette.example',
    title: 'Bell\u0007 and NUL\u0000 and tab\there',
    description: 'esc\u001b[31m red, DEL\u007f vertical\u000btab form\u000cfeed',
    location: 'Back\u0008space',
  }),
  // Runs of escapes: without care, a fold would land between a backslash and what it escapes.
  event({ uid: 'escapes@gazette.example', title: ','.repeat(100), description: ';'.repeat(200) + '\\'.repeat(101), location: '\n'.repeat(90) }),
  event({ uid: 'long@gazette.example', title: longText.slice(0, 300), description: longText, location: longText.slice(0, 500) }),
  event({
    uid: 'dst-new-york@gazette.example',
    title: 'Overnight across the spring-forward gap',
    start: local('2027-03-13T22:00', 'America/New_York'),
    end: local('2027-03-14T04:00', 'America/New_York'),
    timeZone: 'America/New_York',
  }),
  event({
    uid: 'dst-berlin@gazette.example',
    title: 'Nachtschicht über die Sommerzeit',
    start: local('2027-03-27T20:00', 'Europe/Berlin'),
    end: local('2027-03-28T06:00', 'Europe/Berlin'),
    timeZone: 'Europe/Berlin',
  }),
  event({
    uid: 'tokyo-day@gazette.example',
    title: '花見 day',
    allDay: true,
    start: local('2027-04-01', 'Asia/Tokyo'),
    end: local('2027-04-02', 'Asia/Tokyo'),
    timeZone: 'Asia/Tokyo',
  }),
  event({
    uid: 'sydney-days@gazette.example',
    title: 'Offsite (crosses the end of daylight saving)',
    allDay: true,
    start: local('2027-04-03', 'Australia/Sydney'),
    end: local('2027-04-06', 'Australia/Sydney'),
    timeZone: 'Australia/Sydney',
  }),
  event({ uid: 'cancelled@gazette.example', title: 'Cancelled webinar', status: 'cancelled', sequence: 2 }),
  event({ uid: 'tentative@gazette.example', title: 'Maybe', status: 'tentative', url: null, location: '', description: '' }),
];

const byUid = (uid: string): CalendarEvent => {
  const e = events.find((x) => x.uid === uid);
  if (!e) throw new Error(uid);
  return e;
};

const output = renderCalendar(meta, events);

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('iCalendar framing (RFC 5545 §3.1)', () => {
  it('ends every line, including the last, with CRLF and has no bare CR or LF', () => {
    expect(output).not.toMatch(/[^\r]\n|^\n/);
    expect(output).not.toMatch(/\r(?!\n)/);
    expect(output.endsWith(`END:VCALENDAR${CRLF}`)).toBe(true);
    expect(output.startsWith(`BEGIN:VCALENDAR${CRLF}`)).toBe(true);
  });

  it('keeps every physical line within 75 octets and folds with a single leading space', () => {
    const lines = physicalLines(output);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      expect(line.startsWith('\t'), line).toBe(false);
    }
    // The fixtures force folding, and multibyte lines must use the octet budget, not characters.
    const continuations = lines.filter((l) => l.startsWith(' '));
    expect(continuations.length).toBeGreaterThan(20);
    expect(lines.some((l) => Buffer.byteLength(l) > l.length && Buffer.byteLength(l) >= 70)).toBe(true);
  });

  it('never splits a UTF-8 sequence, an emoji or an escape across a fold', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const physical = physicalLines(output);
    for (const line of physical) {
      // A split surrogate pair would not survive a UTF-8 round trip.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
    // Rebuild each logical line and check that every fold lands on a grapheme boundary.
    let logical = '';
    const folds: number[] = [];
    const check = () => {
      const boundaries = new Set([...segmenter.segment(logical)].map((s) => s.index));
      for (const f of folds) {
        expect(boundaries.has(f), `fold inside a grapheme in ${logical.slice(0, 40)}…`).toBe(true);
        const run = /\\*$/.exec(logical.slice(0, f))?.[0].length ?? 0;
        expect(run % 2, `fold after a lone backslash in ${logical.slice(0, 40)}…`).toBe(0);
      }
    };
    for (const line of physical) {
      if (line.startsWith(' ')) {
        folds.push(logical.length);
        logical += line.slice(1);
      } else {
        check();
        logical = line;
        folds.length = 0;
      }
    }
    check();
  });

  it('is byte-identical across renders, copies of the input and process time zones', () => {
    const copy = events.map((e) => ({ ...e, start: new Date(e.start), end: new Date(e.end) }));
    expect(renderCalendar(meta, events)).toBe(output);
    expect(renderCalendar({ ...meta }, copy)).toBe(output);
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Chatham'; // +12:45/+13:45: any local-zone use would show
      expect(new Date(2027, 0, 1).getTimezoneOffset()).not.toBe(0);
      expect(renderCalendar(meta, events)).toBe(output);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('calendar properties (RFC 5545 §3.7, RFC 7986 §5)', () => {
  const lines = calendarLines(output);

  it('writes each calendar property exactly once with the right value', () => {
    const expected: Record<string, string> = {
      VERSION: 'VERSION:2.0',
      CALSCALE: 'CALSCALE:GREGORIAN',
      METHOD: 'METHOD:PUBLISH',
      PRODID: 'PRODID:-//Gazette//Events 1.0//EN',
      NAME: `NAME:${escaped(meta.name)}`,
      'X-WR-CALNAME': `X-WR-CALNAME:${escaped(meta.name)}`,
      DESCRIPTION: `DESCRIPTION:${escaped(meta.description)}`,
      'X-WR-CALDESC': `X-WR-CALDESC:${escaped(meta.description)}`,
      URL: `URL:${meta.url}`,
      SOURCE: `SOURCE;VALUE=URI:${meta.url}`,
      'REFRESH-INTERVAL': 'REFRESH-INTERVAL;VALUE=DURATION:PT90M',
      'X-PUBLISHED-TTL': 'X-PUBLISHED-TTL:PT90M',
    };
    for (const [name, line] of Object.entries(expected)) {
      expect(prop(lines, name), name).toEqual([line]);
    }
    // `ics` hard-codes one hour; ours replaces it rather than adding a second TTL.
    expect(output).not.toContain('PT1H');
    expect(prop(unfold(output), 'METHOD')).toHaveLength(1);
  });

  it('reads back through ical.js and node-ical', () => {
    const cal = new ICAL.Component(ICAL.parse(output));
    expect(cal.getFirstPropertyValue('prodid')).toBe(meta.prodId);
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(cal.getFirstPropertyValue('description')).toBe(meta.description);
    const refresh = cal.getFirstPropertyValue('refresh-interval');
    expect(refresh instanceof ICAL.Duration && refresh.toSeconds()).toBe(90 * 60);
    // ical.js does not know NAME / X-WR-*: it hands back the raw (escaped) value.
    expect(unescapeText(String(cal.getFirstPropertyValue('name')))).toBe(meta.name);
    expect(unescapeText(String(cal.getFirstPropertyValue('x-wr-calname')))).toBe(meta.name);

    const vcal = ical.sync.parseICS(output).vcalendar;
    expect(vcal?.['WR-CALNAME']).toBe(meta.name);
    expect(vcal?.['WR-CALDESC']).toBe(meta.description);
    expect(vcal?.prodid).toBe(meta.prodId);
  });

  it('renders an empty calendar that still parses', () => {
    const empty = renderCalendar(meta, []);
    expect(empty.endsWith(`END:VCALENDAR${CRLF}`)).toBe(true);
    expect(prop(unfold(empty), 'REFRESH-INTERVAL')).toHaveLength(1);
    expect(new ICAL.Component(ICAL.parse(empty)).getAllSubcomponents('vevent')).toHaveLength(0);
  });

  it('rejects a refresh interval that is not a positive whole number of minutes', () => {
    expect(() => renderCalendar({ ...meta, refreshMinutes: 0 }, events)).toThrow(RangeError);
    expect(() => renderCalendar({ ...meta, refreshMinutes: 1.5 }, events)).toThrow(RangeError);
  });
});

describe('events', () => {
  const blocks = eventBlocks(output);

  it('writes every event, cancelled ones included, each with an escaped UID', () => {
    expect(blocks.size).toBe(events.length);
    for (const e of events) expect(blocks.has(escaped(e.uid)), e.uid).toBe(true);
    expect(blocks.has('punctuation\\,odd\\;uid@gazette.example')).toBe(true);
  });

  it('unfolds to exactly the escaped text, escaped once (RFC 5545 §3.3.11)', () => {
    for (const e of events) {
      const lines = blocks.get(escaped(e.uid)) ?? [];
      expect(prop(lines, 'SUMMARY'), e.uid).toEqual([`SUMMARY:${escaped(e.title)}`]);
      expect(prop(lines, 'DESCRIPTION'), e.uid).toEqual(e.description ? [`DESCRIPTION:${escaped(e.description)}`] : []);
      expect(prop(lines, 'LOCATION'), e.uid).toEqual(e.location ? [`LOCATION:${escaped(e.location)}`] : []);
      expect(prop(lines, 'URL'), e.uid).toEqual(e.url ? [`URL:${e.url}`] : []);
      expect(prop(lines, 'SEQUENCE')).toEqual([`SEQUENCE:${e.sequence}`]);
      expect(prop(lines, 'STATUS')).toEqual([`STATUS:${e.status.toUpperCase()}`]);
      expect(prop(lines, 'DTSTAMP')).toEqual([`DTSTAMP:${basic(e.lastModified)}`]);
      expect(prop(lines, 'LAST-MODIFIED')).toEqual([`LAST-MODIFIED:${basic(e.lastModified)}`]);
      expect(prop(lines, 'CREATED')).toEqual([`CREATED:${basic(e.created)}`]);
    }
    // Markup is plain text in iCalendar: nothing is entity-encoded or wrapped.
    expect(output).toContain('<script>alert("x")</script>');
    expect(output).toContain(']]>');
    // Control characters are gone (CR only as part of CRLF).
    expect(output.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000A-\u001F\u007F]/);
  });

  it('writes timed events as UTC instants and all-day events as local dates', () => {
    const ny = blocks.get('dst-new-york@gazette.example') ?? [];
    expect(byUid('dst-new-york@gazette.example').start.toISOString()).toBe('2027-03-14T03:00:00.000Z');
    expect(byUid('dst-new-york@gazette.example').end.toISOString()).toBe('2027-03-14T08:00:00.000Z');
    expect(prop(ny, 'DTSTART')).toEqual(['DTSTART:20270314T030000Z']);
    expect(prop(ny, 'DTEND')).toEqual(['DTEND:20270314T080000Z']);

    const berlin = blocks.get('dst-berlin@gazette.example') ?? [];
    expect(prop(berlin, 'DTSTART')).toEqual(['DTSTART:20270327T190000Z']); // CET, UTC+1
    expect(prop(berlin, 'DTEND')).toEqual(['DTEND:20270328T040000Z']); // CEST, UTC+2

    const seconds = blocks.get('punctuation\\,odd\\;uid@gazette.example') ?? [];
    expect(prop(seconds, 'DTSTART')).toEqual(['DTSTART:20270201T173045Z']);

    // Local midnights east of UTC are the previous day in UTC: the dates must not shift.
    const tokyo = blocks.get('tokyo-day@gazette.example') ?? [];
    expect(byUid('tokyo-day@gazette.example').start.toISOString()).toBe('2027-03-31T15:00:00.000Z');
    expect(prop(tokyo, 'DTSTART')).toEqual(['DTSTART;VALUE=DATE:20270401']);
    expect(prop(tokyo, 'DTEND')).toEqual(['DTEND;VALUE=DATE:20270402']);
    const sydney = blocks.get('sydney-days@gazette.example') ?? [];
    expect(prop(sydney, 'DTSTART')).toEqual(['DTSTART;VALUE=DATE:20270403']);
    expect(prop(sydney, 'DTEND')).toEqual(['DTEND;VALUE=DATE:20270406']);
  });

  it('reads back through ical.js with the same values and instants', () => {
    const cal = new ICAL.Component(ICAL.parse(output));
    const vevents = cal.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(events.length);
    for (const e of events) {
      const v = vevents.find((x) => x.getFirstPropertyValue('uid') === e.uid);
      if (!v) throw new Error(`ical.js lost ${e.uid}`);
      expect(v.getFirstPropertyValue('summary')).toBe(expectedText(e.title));
      expect(v.getFirstPropertyValue('description')).toBe(e.description ? expectedText(e.description) : null);
      expect(v.getFirstPropertyValue('location')).toBe(e.location ? expectedText(e.location) : null);
      expect(v.getFirstPropertyValue('url')).toBe(e.url);
      expect(v.getFirstPropertyValue('status')).toBe(e.status.toUpperCase());
      expect(v.getFirstPropertyValue('sequence')).toBe(e.sequence);
      expect(icalTime(v, 'dtstamp').toJSDate()).toEqual(e.lastModified);
      expect(icalTime(v, 'last-modified').toJSDate()).toEqual(e.lastModified);
      expect(icalTime(v, 'created').toJSDate()).toEqual(e.created);
      const start = icalTime(v, 'dtstart');
      const end = icalTime(v, 'dtend');
      expect(start.isDate).toBe(e.allDay);
      if (e.allDay) {
        const zone = (d: Date) => DateTime.fromJSDate(d, { zone: e.timeZone }).toISODate();
        expect(start.toString()).toBe(zone(e.start));
        expect(end.toString()).toBe(zone(e.end));
      } else {
        expect(start.zone?.tzid).toBe('UTC');
        expect(start.toJSDate()).toEqual(e.start);
        expect(end.toJSDate()).toEqual(e.end);
      }
    }
  });

  it('reads back through node-ical with the same values and instants', () => {
    const data = ical.sync.parseICS(output);
    for (const e of events) {
      const v = nodeEvent(data, e.uid);
      expect(nodeText(v.summary)).toBe(nodeIcalText(e.title));
      expect(nodeText(v.description)).toBe(e.description ? nodeIcalText(e.description) : undefined);
      expect(nodeText(v.location)).toBe(e.location ? nodeIcalText(e.location) : undefined);
      expect(v.status).toBe(e.status.toUpperCase());
      expect(v.sequence).toBe(e.sequence);
      expect(v.dtstamp).toEqual(e.lastModified);
      expect(v.created).toEqual(e.created);
      expect(v.lastmodified).toEqual(e.lastModified);
      expect(v.datetype).toBe(e.allDay ? 'date' : 'date-time');
      if (e.allDay) {
        // node-ical builds DATE values as local midnights of the machine running it.
        const ymd = (d: Date | undefined) => d && [d.getFullYear(), d.getMonth() + 1, d.getDate()];
        const zoned = (d: Date) => {
          const z = DateTime.fromJSDate(d, { zone: e.timeZone });
          return [z.year, z.month, z.day];
        };
        expect(ymd(v.start)).toEqual(zoned(e.start));
        expect(ymd(v.end)).toEqual(zoned(e.end));
      } else {
        expect(v.start.getTime()).toBe(e.start.getTime());
        expect(v.end?.getTime()).toBe(e.end.getTime());
      }
    }
  });
});

describe('renderEvent', () => {
  it('is a whole calendar holding exactly that event', () => {
    const e = byUid('cancelled@gazette.example');
    const single = renderEvent(meta, e);
    expect(single).toBe(renderCalendar(meta, [e]));
    expect([...eventBlocks(single).keys()]).toEqual([e.uid]);
    expect(prop(eventBlocks(single).get(e.uid) ?? [], 'STATUS')).toEqual(['STATUS:CANCELLED']);
    expect(prop(calendarLines(single), 'NAME')).toEqual([`NAME:${escaped(meta.name)}`]);
    const v = new ICAL.Component(ICAL.parse(single)).getFirstSubcomponent('vevent');
    expect(v?.getFirstPropertyValue('uid')).toBe(e.uid);
  });
});

describe('seed events', () => {
  it('render and parse with every field intact', () => {
    const fromSeed: CalendarEvent[] = seedEvents.map((s, i) => ({
      uid: `${s.key}@gazette.example`,
      sequence: s.sequence,
      title: s.title,
      description: s.description,
      location: s.location,
      url: s.url,
      start: local(s.start, s.timeZone),
      end: local(s.end, s.timeZone),
      allDay: s.allDay,
      timeZone: s.timeZone,
      status: s.status,
      created: new Date(Date.UTC(2026, 0, 1, 0, i)),
      lastModified: new Date(Date.UTC(2026, 1, 1, 0, i)),
    }));
    const text = renderCalendar(meta, fromSeed);
    for (const line of physicalLines(text)) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(fromSeed.length);
    for (const [i, s] of fromSeed.entries()) {
      const v = vevents[i];
      expect(v?.getFirstPropertyValue('uid')).toBe(s.uid);
      expect(v?.getFirstPropertyValue('summary')).toBe(s.title);
      expect(v?.getFirstPropertyValue('description')).toBe(s.description || null);
      expect(v?.getFirstPropertyValue('location')).toBe(s.location || null);
      expect(v?.getFirstPropertyValue('status')).toBe(s.status.toUpperCase());
    }
  });
});
