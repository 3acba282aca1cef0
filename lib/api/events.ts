// The events resource: Zod schemas for the JSON API and the OpenAPI document.
import { z } from 'zod';
import { API_VERSION } from './posts';

const isoDate = z.iso.datetime({ offset: true });

export const eventSchema = z
  .object({
    id: z.uuid(),
    uid: z.string().meta({ description: 'The iCalendar UID; never changes.' }),
    sequence: z.number().int().min(0).meta({ description: 'iCalendar SEQUENCE; grows on every significant change.' }),
    title: z.string(),
    description: z.string(),
    location: z.string(),
    url: z.url().nullable(),
    start: isoDate.meta({ description: 'Start instant (UTC). For all-day events, local midnight in timeZone.' }),
    end: isoDate.meta({ description: 'End instant (UTC), exclusive. For all-day events, local midnight after the last day.' }),
    allDay: z.boolean(),
    startDate: z.iso.date().nullable().meta({ description: 'All-day events: the first local date.' }),
    endDate: z.iso.date().nullable().meta({ description: 'All-day events: the day after the last local date.' }),
    timeZone: z.string().meta({ description: 'IANA time zone the event is planned in.', example: 'Europe/Berlin' }),
    status: z.enum(['confirmed', 'tentative', 'cancelled']),
    updatedAt: isoDate,
    links: z.object({ ics: z.url().meta({ description: 'This event as an iCalendar file.' }) }),
  })
  .meta({ id: 'Event' });
export type EventDoc = z.infer<typeof eventSchema>;

export const eventListSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    data: z.array(eventSchema),
    links: z.object({
      self: z.url(),
      calendar: z.url().meta({ description: 'The subscription feed (text/calendar).' }),
      webcal: z.string().meta({ description: 'The subscription feed as a webcal:// link.' }),
    }),
  })
  .meta({ id: 'EventList', description: 'Upcoming events and those of the last 30 days, by start time.' });
export type EventListDoc = z.infer<typeof eventListSchema>;

export const eventFileParamsSchema = z.object({
  file: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.ics$/, 'must be an event id followed by .ics')
    .meta({ description: 'The event id followed by `.ics`.', example: '0f4c3c1e-5b1a-8c3d-9e2f-1a2b3c4d5e6f.ics' }),
});
