'use server';
// Server Actions for events: each is the one CMS wrapper around a saving rule in lib/cms/events.
// Form names carry the event id, so a no-JavaScript result (lib/cms/flash.ts) is only ever
// shown on the form it came from.
import { cmsAction } from '@/lib/cms/action';
import { deleteEvent, eventDeleteSchema, eventFormSchema, eventRestoreSchema, restoreEvent, saveEvent } from '@/lib/cms/events';

export const saveEventAction = cmsAction({
  form: (v) => `event:${v.id ?? ''}`,
  schema: eventFormSchema,
  run: ({ tx, input, editor }) => saveEvent(tx, input, editor),
});

export const deleteEventAction = cmsAction({
  form: (v) => `event-delete:${v.id ?? ''}`,
  schema: eventDeleteSchema,
  run: ({ tx, input }) => deleteEvent(tx, input),
});

export const restoreEventAction = cmsAction({
  form: (v) => `event-restore:${v.revisionId ?? ''}`,
  schema: eventRestoreSchema,
  run: ({ tx, input, editor }) => restoreEvent(tx, input, editor),
});
