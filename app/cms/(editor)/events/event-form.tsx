'use client';
// The event editor. Works as a plain HTML form without JavaScript (the Server Action posts and
// the page re-renders with the result); with JavaScript it shows pending state and switches
// the start and end fields between date-and-time and whole days when "All day" is ticked.
import { useActionState, useLayoutEffect, useRef, useState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import type { Event } from '@/db/schema';
import { describedBy, Field } from '../field';
import { saveEventAction } from './actions';

export interface EventFormValues {
  id: string;
  version: string;
  title: string;
  description: string;
  location: string;
  url: string;
  timeZone: string;
  allDay: boolean;
  /** Wall time in `timeZone` ("2027-01-15T09:00"), or the first day for all-day events. */
  start: string;
  /** Wall time in `timeZone`, or the last day (inclusive) for all-day events. */
  end: string;
  status: Event['status'];
  published: boolean;
}

// Suggestions only: any IANA zone is accepted.
const COMMON_ZONES = [
  'UTC', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Paris', 'Europe/Berlin', 'Europe/Amsterdam', 'Europe/Madrid',
  'Europe/Rome', 'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Athens', 'Europe/Helsinki', 'Europe/Istanbul', 'Africa/Lagos',
  'Africa/Johannesburg', 'Africa/Nairobi', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Seoul',
  'Australia/Perth', 'Australia/Sydney', 'Pacific/Auckland', 'America/Sao_Paulo', 'America/New_York', 'America/Toronto',
  'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Mexico_City', 'Pacific/Honolulu',
];

const idle: ActionState = { status: 'idle' };

/** A value fitted to a date field (all day) or a date-and-time field, keeping the day. */
function fit(value: string, allDay: boolean, edge: 'start' | 'end'): string {
  const m = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2})?)?$/.exec(value);
  if (!m) return value;
  if (allDay) return m[1]!;
  // A bare day gets the whole day, so the span reads the same until the editor sets the real times.
  return m[2] ? value : `${m[1]}T${edge === 'start' ? '00:00' : '23:59'}`;
}

export function EventForm({ initial, saved, flash }: { initial: EventFormValues; saved?: string; flash?: ActionState }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(saveEventAction, flash ?? idle);
  const v = (name: Exclude<keyof EventFormValues, 'allDay' | 'published'>) => state.values?.[name] ?? initial[name];
  // An unticked checkbox is not submitted at all, so after a submission its absence means "off".
  const checked = (name: 'allDay' | 'published') => (state.values ? state.values[name] === 'on' : initial[name]);
  const [allDay, setAllDay] = useState(checked('allDay'));
  const startRef = useRef<HTMLInputElement>(null);
  const endRef = useRef<HTMLInputElement>(null);
  // Browsers empty a field whose type changes under a value it cannot hold; carry it over by hand.
  const carried = useRef<{ start: string; end: string } | null>(null);
  useLayoutEffect(() => {
    if (!carried.current) return;
    if (startRef.current) startRef.current.value = carried.current.start;
    if (endRef.current) endRef.current.value = carried.current.end;
    carried.current = null;
  }, [allDay]);

  const err = (name: string) => state.fieldErrors?.[name];
  const control = (name: string, hasHint = true) => ({ id: name, name, 'aria-invalid': Boolean(err(name)), 'aria-describedby': describedBy(name, err(name), hasHint) });
  const message = state.message ?? (saved ? savedMessage(saved) : undefined);
  const timeType = allDay ? 'date' : 'datetime-local';

  return (
    <form action={formAction} className="cms-form">
      {message && (
        <p role="status" className={`notice notice-${state.status === 'idle' ? 'ok' : state.status}`}>
          {message}
        </p>
      )}
      {err('form') && <p className="field-error" role="alert">{err('form')}</p>}
      <input type="hidden" name="id" value={initial.id} />
      <input type="hidden" name="version" value={initial.version} />
      <Field name="title" label="Title" error={err('title')}>
        <input {...control('title', false)} required maxLength={300} defaultValue={v('title')} />
      </Field>
      <Field name="description" label="Description" error={err('description')} hint="Plain text; calendar apps show it as is.">
        <textarea {...control('description')} rows={6} maxLength={20_000} defaultValue={v('description')} />
      </Field>
      <div className="field-row">
        <Field name="location" label="Location" error={err('location')} hint="A venue and city, or “Online”.">
          <input {...control('location')} maxLength={300} defaultValue={v('location')} />
        </Field>
        <Field name="url" label="Link" error={err('url')} hint="Optional: the event's web page (https://…).">
          <input {...control('url')} type="url" maxLength={2000} defaultValue={v('url')} />
        </Field>
      </div>
      <fieldset>
        <legend>When</legend>
        <div className="field-row">
          <Field
            name="timeZone"
            label="Time zone"
            error={err('timeZone')}
            hint="Where the event takes place, as an IANA name (e.g. Europe/Berlin). The times below are local to this zone; each visitor's calendar converts them."
          >
            <input {...control('timeZone')} list="time-zones" required maxLength={100} autoComplete="off" spellCheck={false} defaultValue={v('timeZone')} />
          </Field>
          <datalist id="time-zones">
            {COMMON_ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <div className="field">
            <label>
              <input
                type="checkbox"
                name="allDay"
                // Uncontrolled, following the state, so React's form reset after a submission keeps it.
                defaultChecked={allDay}
                aria-describedby="allDay-hint"
                onChange={(e) => {
                  const next = e.target.checked;
                  carried.current = { start: fit(startRef.current?.value ?? '', next, 'start'), end: fit(endRef.current?.value ?? '', next, 'end') };
                  setAllDay(next);
                }}
              />{' '}
              All day
            </label>
            <span id="allDay-hint" className="hint">Whole days with no times (a conference, a release day).</span>
          </div>
        </div>
        <div className="field-row">
          <Field name="start" label={allDay ? 'First day' : 'Starts (local time)'} error={err('start')} hint={allDay ? 'The first day of the event.' : 'Date and time in the zone above.'}>
            <input {...control('start')} ref={startRef} type={timeType} required defaultValue={fit(v('start'), allDay, 'start')} />
          </Field>
          <Field name="end" label={allDay ? 'Last day' : 'Ends (local time)'} error={err('end')} hint={allDay ? 'The last day, inclusive; leave empty for a one-day event.' : 'Date and time in the zone above.'}>
            <input {...control('end')} ref={endRef} type={timeType} required={!allDay} defaultValue={fit(v('end'), allDay, 'end')} />
          </Field>
        </div>
      </fieldset>
      <div className="field-row">
        <Field name="status" label="Status" error={err('status')} hint="To call off a published event, choose Cancelled: subscribed calendars then remove it.">
          <select {...control('status')} defaultValue={v('status')}>
            <option value="confirmed">Confirmed</option>
            <option value="tentative">Tentative</option>
            <option value="cancelled">Cancelled</option>
          </select>
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" name="published" defaultChecked={checked('published')} aria-describedby="published-hint" /> Published
          </label>
          <span id="published-hint" className="hint">Shown on /events and in the calendar feed.</span>
          {err('published') && <span className="field-error" role="alert">{err('published')}</span>}
        </div>
      </div>
      {initial.id && <p className="meta">Version {initial.version}</p>}
      <div className="actions">
        <button type="submit" disabled={pending}>{pending ? 'Saving…' : initial.id ? 'Save' : 'Create event'}</button>
      </div>
    </form>
  );
}

function savedMessage(saved: string): string {
  switch (saved) {
    case 'created':
      return 'Created.';
    case 'significant':
      return 'Saved. Subscribed calendars will replace their copy with this version.';
    case 'restore':
      return 'Restored from the revision; saved as a new version.';
    default:
      return 'Saved.';
  }
}
