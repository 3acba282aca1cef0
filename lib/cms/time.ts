// How the CMS shows instants and fills datetime-local fields: always in one named time zone, the
// editor's (lib/cms/editor-clock.ts decides which). Stored times are UTC; only display and entry
// are local. Every CMS page and message formats time through a clock from here.
import { DateTime } from 'luxon';

export interface Clock {
  /** IANA zone name, e.g. "Europe/Berlin". */
  zone: string;
  /** The zone as editors read it next to a time: "Europe/Berlin (UTC+01:00)". */
  label: string;
  /** An instant as "2026-12-01 10:31" (or "10:31:07" with seconds) in the zone. */
  format: (date: Date | string, opts?: { seconds?: boolean }) => string;
  /** The `datetime-local` value of an instant in the zone ('' for none). */
  toInput: (date: Date | string | null | undefined) => string;
}

/** Is this an IANA zone this runtime knows? */
export function isTimeZone(zone: string): boolean {
  return zone.length > 0 && zone.length <= 64 && DateTime.local().setZone(zone).isValid;
}

export function clockFor(zone: string): Clock {
  const z = isTimeZone(zone) ? zone : 'UTC';
  const at = (date: Date | string) => DateTime.fromJSDate(new Date(date)).setZone(z);
  return {
    zone: z,
    label: z === 'UTC' ? 'UTC' : `${z} (UTC${DateTime.now().setZone(z).toFormat('ZZ')})`,
    format: (date, opts) => at(date).toFormat(opts?.seconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm'),
    toInput: (date) => (date ? at(date).toFormat("yyyy-MM-dd'T'HH:mm") : ''),
  };
}

/** A `datetime-local` value entered in `zone` → the instant, or null if it is no valid time there. */
export function fromInput(value: string, zone: string): Date | null {
  const dt = DateTime.fromISO(value, { zone: isTimeZone(zone) ? zone : 'UTC' });
  return dt.isValid ? dt.toJSDate() : null;
}

/** UTC, to the minute: for messages written where no editor's zone is known. */
export const utcClock = clockFor('UTC');
export const formatUtc = (date: Date | string): string => utcClock.format(date);
