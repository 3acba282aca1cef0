'use client';
// An event's fields: times are wall times in the event's own zone; with JavaScript, ticking
// "All day" switches the start and end fields between date-and-time and whole days.
import { useLayoutEffect, useRef, useState } from 'react';
import { Field } from '../../field';
import type { FieldsProps } from '../fields';

// Suggestions only: any IANA zone is accepted.
const COMMON_ZONES = [
  'UTC', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Paris', 'Europe/Berlin', 'Europe/Amsterdam', 'Europe/Madrid',
  'Europe/Rome', 'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Athens', 'Europe/Helsinki', 'Europe/Istanbul', 'Africa/Lagos',
  'Africa/Johannesburg', 'Africa/Nairobi', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Seoul',
  'Australia/Perth', 'Australia/Sydney', 'Pacific/Auckland', 'America/Sao_Paulo', 'America/New_York', 'America/Toronto',
  'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Mexico_City', 'Pacific/Honolulu',
];

/** A value fitted to a date field (all day) or a date-and-time field, keeping the day. */
function fit(value: string, allDay: boolean, edge: 'start' | 'end'): string {
  const m = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2})?)?$/.exec(value);
  if (!m) return value;
  if (allDay) return m[1]!;
  // A bare day gets the whole day, so the span reads the same until the editor sets the real times.
  return m[2] ? value : `${m[1]}T${edge === 'start' ? '00:00' : '23:59'}`;
}

export function EventFields({ value, checked, err, control }: FieldsProps) {
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
  const timeType = allDay ? 'date' : 'datetime-local';

  return (
    <>
      <Field name="title" label="Title" error={err('title')}>
        <input {...control('title', false)} required maxLength={300} defaultValue={value('title')} />
      </Field>
      <Field name="description" label="Description" error={err('description')} hint="Plain text; calendar apps show it as is.">
        <textarea {...control('description')} rows={6} maxLength={20_000} defaultValue={value('description')} />
      </Field>
      <div className="field-row">
        <Field name="location" label="Location" error={err('location')} hint="A venue and city, or “Online”.">
          <input {...control('location')} maxLength={300} defaultValue={value('location')} />
        </Field>
        <Field name="url" label="Link" error={err('url')} hint="Optional: the event's web page (https://…).">
          <input {...control('url')} type="url" maxLength={2000} defaultValue={value('url')} />
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
            <input {...control('timeZone')} list="time-zones" required maxLength={100} autoComplete="off" spellCheck={false} defaultValue={value('timeZone')} />
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
            <input {...control('start')} ref={startRef} type={timeType} required defaultValue={fit(value('start'), allDay, 'start')} />
          </Field>
          <Field name="end" label={allDay ? 'Last day' : 'Ends (local time)'} error={err('end')} hint={allDay ? 'The last day, inclusive; leave empty for a one-day event.' : 'Date and time in the zone above.'}>
            <input {...control('end')} ref={endRef} type={timeType} required={!allDay} defaultValue={fit(value('end'), allDay, 'end')} />
          </Field>
        </div>
      </fieldset>
      <div className="field-row">
        <Field name="status" label="Status" error={err('status')} hint="To call off a published event, choose Cancelled: subscribed calendars then remove it.">
          <select {...control('status')} defaultValue={value('status')}>
            <option value="confirmed">Confirmed</option>
            <option value="tentative">Tentative</option>
            <option value="cancelled">Cancelled</option>
          </select>
        </Field>
      </div>
    </>
  );
}
