'use client';
// The profile form: works as a plain HTML form (the action redirects back with ?saved=1, or
// flashes its field errors); with JavaScript it shows the browser's zone as detected right now.
import { useActionState, useEffect, useState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import type { Profile } from '@/lib/cms/profile';
import { describedBy, Field } from '../field';
import { saveProfileAction } from './actions';

const idle: ActionState = { status: 'idle' };

export function ProfileForm({ initial, zones, detected, notice, flash }: { initial: Profile; zones: string[]; detected?: string; notice?: string; flash?: ActionState }) {
  const [state, action, pending] = useActionState(saveProfileAction, flash ?? idle);
  const [browserZone, setBrowserZone] = useState(detected);
  useEffect(() => {
    try {
      setBrowserZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    } catch {
      // Keep what the server heard.
    }
  }, []);
  const value = (name: keyof Profile) => state.values?.[name] ?? initial[name];
  const err = (name: string) => state.fieldErrors?.[name];
  const message = state.message ?? notice;
  return (
    <form action={action} className="cms-form" aria-label="Your profile">
      {message && (
        <p role="status" className={`notice notice-${state.status === 'idle' ? 'ok' : state.status}`}>
          {message}
        </p>
      )}
      {err('form') && <p className="field-error" role="alert">{err('form')}</p>}
      <Field name="name" label="Display name" error={err('name')} hint="Shown as the byline of your posts, in pages, feeds and the API.">
        <input id="name" name="name" required maxLength={100} defaultValue={value('name')} aria-invalid={Boolean(err('name'))} aria-describedby={describedBy('name', err('name'))} />
      </Field>
      <Field name="bio" label="Bio" error={err('bio')} hint="A few words about you, shown under your posts (optional).">
        <textarea id="bio" name="bio" rows={4} maxLength={2000} defaultValue={value('bio')} aria-invalid={Boolean(err('bio'))} aria-describedby={describedBy('bio', err('bio'))} />
      </Field>
      <Field name="timeZone" label="Time zone" error={err('timeZone')} hint="The CMS shows and reads times in this zone; they are stored in UTC.">
        <select id="timeZone" name="timeZone" defaultValue={value('timeZone')} aria-invalid={Boolean(err('timeZone'))} aria-describedby={describedBy('timeZone', err('timeZone'))}>
          <option value="">Use my browser&apos;s zone ({browserZone ? `detected: ${browserZone}` : 'not detected yet: UTC'})</option>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </Field>
      <div className="actions">
        <button type="submit" disabled={pending}>{pending ? 'Saving…' : 'Save profile'}</button>
      </div>
    </form>
  );
}
