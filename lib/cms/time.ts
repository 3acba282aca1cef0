// How the CMS shows instants and fills datetime-local fields: always in one named time zone, the
// editor's (lib/cms/editor-clock.ts decides which). Stored times are UTC; only display and entry
// are local. Every CMS page and message formats time through a clock from here. No server-only
// imports: the browser's zone detection (app/cms/(editor)/zone-cookie.tsx) shares the names.
import { DateTime } from 'luxon';

export interface Clock {
  /** IANA zone name, e.g. "Europe/Berlin". */
  zone: string;
  /**
   * The zone as a heading over many times reads it: its name, with its offset only when that is
   * the same all year ("Asia/Tokyo (UTC+09:00)", "Europe/Berlin"); one time is labelled by labelAt.
   */
  label: string;
  /** The zone with the offset in force at that instant: "Europe/Berlin (UTC+02:00)" in July. */
  labelAt: (date: Date | string) => string;
  /** An instant as "2026-12-01 10:31" (or "10:31:07" with seconds) in the zone. */
  format: (date: Date | string, opts?: { seconds?: boolean }) => string;
  /** An instant and its zone label: "2026-07-01 10:31 Europe/Berlin (UTC+02:00)". */
  stamp: (date: Date | string, opts?: { seconds?: boolean }) => string;
  /** The `datetime-local` value of an instant in the zone ('' for none). */
  toInput: (date: Date | string | null | undefined) => string;
}

/** The cookie the browser's detected zone travels in (set by script, read by editorClock). */
export const ZONE_COOKIE = 'gazette_tz';

/** Is this an IANA zone this runtime knows? */
export function isTimeZone(zone: string): boolean {
  return zone.length > 0 && zone.length <= 64 && DateTime.local().setZone(zone).isValid;
}

export function clockFor(zone: string): Clock {
  const z = isTimeZone(zone) ? zone : 'UTC';
  const at = (date: Date | string) => DateTime.fromJSDate(new Date(date)).setZone(z);
  // The offset in force at that instant (a July time read in winter is still UTC+02:00 in Berlin).
  const labelAt = (date: Date | string) => (z === 'UTC' ? 'UTC' : `${z} (UTC${at(date).toFormat('ZZ')})`);
  const format = (date: Date | string, opts?: { seconds?: boolean }) => at(date).toFormat(opts?.seconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm');
  const year = DateTime.now().setZone(z).year;
  const [winter, summer] = [1, 7].map((month) => DateTime.fromObject({ year, month, day: 1 }, { zone: z }).offset);
  return {
    zone: z,
    label: winter === summer ? labelAt(new Date()) : z,
    labelAt,
    format,
    stamp: (date, opts) => `${format(date, opts)} ${labelAt(date)}`,
    toInput: (date) => (date ? at(date).toFormat("yyyy-MM-dd'T'HH:mm") : ''),
  };
}

export type LocalTime =
  | { ok: true; date: Date }
  | { ok: false; reason: 'format' | 'gap' };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value read as a wall-clock time in `zone`. A time the clocks skip (the
 * spring-forward gap) is refused rather than silently moved; a time that happens twice (the
 * autumn overlap) is read as its FIRST occurrence, the earlier instant, so a scheduled item
 * never appears later than the editor could have meant.
 */
export function readLocal(value: string, zone: string): LocalTime {
  const m = LOCAL.exec(value);
  if (!m) return { ok: false, reason: 'format' };
  const z = isTimeZone(zone) ? zone : 'UTC';
  const wall = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) };
  if (wall.year < 1 || wall.year > 9999) return { ok: false, reason: 'format' };
  // Exact wall time as if it were UTC; rolls over (2031-02-30 → March) only if invalid.
  const asUtc = DateTime.fromObject(wall, { zone: 'utc' });
  if (!asUtc.isValid) return { ok: false, reason: 'format' };
  // Candidate instants: the wall time minus each offset the zone has around then.
  const offsets = new Set([-36, -12, 0, 12, 36].map((h) => asUtc.plus({ hours: h }).setZone(z).offset));
  const fits = [...offsets]
    .map((offset) => asUtc.minus({ minutes: offset }))
    .filter((instant) => {
      const local = instant.setZone(z);
      return local.year === wall.year && local.month === wall.month && local.day === wall.day && local.hour === wall.hour && local.minute === wall.minute && local.second === wall.second;
    })
    .sort((a, b) => a.toMillis() - b.toMillis());
  const first = fits[0];
  return first ? { ok: true, date: first.toJSDate() } : { ok: false, reason: 'gap' };
}

/** A `datetime-local` value entered in `zone` → the instant, or null if it is no valid time there. */
export function fromInput(value: string, zone: string): Date | null {
  const read = readLocal(value, zone);
  return read.ok ? read.date : null;
}

/** UTC, to the minute: for messages written where no editor's zone is known. */
export const utcClock = clockFor('UTC');
export const formatUtc = (date: Date | string): string => utcClock.format(date);

/** The zones an editor can choose in their profile: UTC, then every IANA zone this runtime knows. */
export function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}
