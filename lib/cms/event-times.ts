// Event times as editors think of them: wall-clock times (or whole days) in the event's own
// IANA zone. They are stored as instants; all-day events as local midnights with the end
// exclusive, which is how lib/content/events.ts and lib/feeds/icalendar.ts read them back.
import { DateTime, IANAZone } from 'luxon';

/** The canonical spelling of an IANA zone, or undefined if `zone` is not one. */
export function canonicalZone(zone: string): string | undefined {
  if (!zone || !IANAZone.isValidZone(zone)) return undefined;
  // Intl accepts any letter case ("europe/berlin"); store the spelling calendar apps expect.
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  // Bare offsets ("+02:00") know no daylight saving time, so the event's wall time would drift.
  return /^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(name) ? name : undefined;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export type WallResult = { ok: true; at: DateTime } | { ok: false; message: string };

/**
 * A form value read in `zone`: a day for all-day events ("2027-01-15"; a date and time is
 * accepted and its day taken, so ticking "all day" works without JavaScript), otherwise a
 * `datetime-local` value ("2027-01-15T09:00").
 */
export function parseWall(value: string, zone: string, allDay: boolean): WallResult {
  const m = WALL.exec(value);
  if (!m) return { ok: false, message: allDay ? 'Use a date like 2027-01-15.' : 'Use a date and time like 2027-01-15T09:00.' };
  if (!allDay && m[4] === undefined) return { ok: false, message: 'Add the time of day, e.g. 2027-01-15T09:00.' };
  const date = { year: +m[1]!, month: +m[2]!, day: +m[3]! };
  const time = allDay ? {} : { hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) };
  const at = DateTime.fromObject({ ...date, ...time }, { zone });
  if (!at.isValid) return { ok: false, message: 'This date does not exist.' };
  // luxon moves a time inside a daylight-saving gap forward; refuse rather than store a time nobody typed.
  if (!allDay && (at.hour !== time.hour || at.minute !== time.minute)) {
    return { ok: false, message: `${value.slice(0, 16).replace('T', ' ')} does not exist in ${zone} (the clocks skip it); choose another time.` };
  }
  // An all-day event starts at the local start of its day (midnight, or later where midnight is skipped).
  return { ok: true, at: allDay ? at.startOf('day') : at };
}

/** The instants stored for a form's start and end (end already parsed as the last day, inclusive, for all-day events). */
export function toInstants(start: DateTime, end: DateTime, allDay: boolean): { startsAt: Date; endsAt: Date } {
  return { startsAt: start.toJSDate(), endsAt: (allDay ? end.plus({ days: 1 }).startOf('day') : end).toJSDate() };
}

function wallInput(dt: DateTime): string {
  return dt.toFormat(dt.second ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm");
}

/** The form's start and end for stored instants: local to the zone, the all-day end as the last day. */
export function toWallInputs(startsAt: Date | string, endsAt: Date | string, allDay: boolean, zone: string): { start: string; end: string } {
  const s = DateTime.fromJSDate(new Date(startsAt), { zone });
  const e = DateTime.fromJSDate(new Date(endsAt), { zone });
  if (!s.isValid || !e.isValid) return { start: '', end: '' };
  if (allDay) return { start: s.toISODate() ?? '', end: e.minus({ days: 1 }).toISODate() ?? '' };
  return { start: wallInput(s), end: wallInput(e) };
}

/** "2027-01-15 09:00 – 17:00 (Europe/Berlin)" or "2027-01-15 – 2027-01-17 (all day, Europe/Berlin)". */
export function describeWhen(startsAt: Date | string, endsAt: Date | string, allDay: boolean, zone: string): string {
  const { start, end } = toWallInputs(startsAt, endsAt, allDay, zone);
  if (!start) return '—';
  if (allDay) return `${start === end ? start : `${start} – ${end}`} (all day, ${zone})`;
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return `${start.replace('T', ' ')} – ${sameDay ? end.slice(11) : end.replace('T', ' ')} (${zone})`;
}
