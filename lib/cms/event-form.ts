// The event form as Zod: what an editor may type, read as wall time in the event's own zone
// and turned into the instants the events table stores (see ./event-times.ts).
import { z } from 'zod';
import { eventStatus } from '@/db/schema';
import { canonicalZone, parseWall, toInstants } from './event-times';
import { itemForm } from './content-type';
import { line, requiredLine, text } from './forms';

/** An HTML checkbox: present as "on" when ticked, absent otherwise. */
const checkbox = z.literal('on', { error: 'Tick or untick the box.' }).optional().transform((v) => v === 'on');

const url = line('The link', 2000)
  .default('')
  .refine((v) => {
    if (v === '') return true;
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'Use a full web address starting with https:// (or http://).')
  .transform((v) => v || null);

const fields = itemForm('event', {
    title: requiredLine('The title', 300),
    description: text('The description', 20_000).default(''),
    location: line('The location', 300).default(''),
    url,
    timeZone: line('The time zone', 100).default(''),
    allDay: checkbox,
    start: z.string({ error: 'The start must be text.' }).trim().max(40, 'Use a date and time like 2027-01-15T09:00.').default(''),
    end: z.string({ error: 'The end must be text.' }).trim().max(40, 'Use a date and time like 2027-01-15T17:00.').default(''),
    status: z.enum(eventStatus.enumValues, { error: 'Choose confirmed, tentative or cancelled.' }).default('confirmed'),
  });

type Fields = z.infer<typeof fields>;

/** start/end read in the event's zone, or the message for each field that is wrong. */
function readTimes(v: Fields) {
  const zone = canonicalZone(v.timeZone);
  const errors: Partial<Record<'timeZone' | 'start' | 'end', string>> = {};
  if (!zone) errors.timeZone = v.timeZone ? `“${v.timeZone}” is not a time zone; use a name like Europe/Berlin.` : 'Choose the time zone the event takes place in.';
  // Without a valid zone the times can still be checked for form, in UTC.
  const read = (value: string, label: string) => (value === '' ? ({ ok: false, message: `${label} is required.` } as const) : parseWall(value, zone ?? 'UTC', v.allDay));
  const start = read(v.start, v.allDay ? 'The first day' : 'The start');
  // A one-day all-day event needs no last day.
  const end = v.allDay && v.end === '' ? start : read(v.end, v.allDay ? 'The last day' : 'The end');
  if (!start.ok) errors.start = start.message;
  if (!end.ok && end !== start) errors.end = end.message;
  if (start.ok && end.ok && end.at < start.at) errors.end = v.allDay ? 'The last day cannot be before the first day.' : 'The end cannot be before the start.';
  return { zone, start, end, errors };
}

export const eventFormSchema = fields
  .superRefine((v, ctx) => {
    for (const [field, message] of Object.entries(readTimes(v).errors)) ctx.addIssue({ code: 'custom', path: [field], message });
  })
  .transform((v) => {
    const { zone, start, end } = readTimes(v);
    // superRefine has refused every case where these do not hold.
    if (!zone || !start.ok || !end.ok) throw new Error('event form: times not validated');
    const { start: _start, end: _end, ...rest } = v;
    return { ...rest, timeZone: zone, ...toInstants(start.at, end.at, v.allDay) };
  });
export type EventInput = z.infer<typeof eventFormSchema>;
