'use client';
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { deleteEventAction } from './actions';

// Deleting needs a ticked box (works without JavaScript) and, with JavaScript, a confirm dialog.
export function DeleteEventForm({ id, version, title, published, flash }: { id: string; version: number; title: string; published: boolean; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deleteEventAction, flash ?? { status: 'idle' });
  // What happens to copies in subscribed calendars (lib/content/events.ts keeps it as cancelled).
  const effect = published ? 'subscribed calendars show it as cancelled for 30 days, then drop it' : 'it was never public';
  return (
    <form
      action={action}
      className="danger-zone"
      onSubmit={(e) => {
        if (!window.confirm(`Delete “${title}”? It leaves /events; ${effect}.`)) e.preventDefault();
      }}
    >
      <h2>Delete</h2>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <label>
        <input type="checkbox" name="confirm" value="yes" required aria-describedby={state.fieldErrors?.confirm ? 'confirm-error' : undefined} /> Yes, delete this
        event ({effect})
      </label>
      {state.fieldErrors?.confirm && <span id="confirm-error" className="field-error" role="alert">{state.fieldErrors.confirm}</span>}
      {state.message && state.status !== 'ok' && <p className={`notice notice-${state.status}`} role="alert">{state.message}</p>}
      <button type="submit" className="danger" disabled={pending}>{pending ? 'Deleting…' : 'Delete event'}</button>
    </form>
  );
}
