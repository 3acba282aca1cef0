'use client';
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { deleteChangelogAction } from './actions';

// Deleting needs a ticked box (works without JavaScript) and, with JavaScript, a confirm dialog.
export function DeleteChangelogForm({ id, version, title, flash }: { id: string; version: number; title: string; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deleteChangelogAction, flash ?? { status: 'idle' });
  return (
    <form
      action={action}
      className="danger-zone"
      onSubmit={(e) => {
        if (!window.confirm(`Delete “${title}”? It disappears from the changelog page and its feeds.`)) e.preventDefault();
      }}
    >
      <h2>Delete</h2>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <label>
        <input type="checkbox" name="confirm" value="yes" required aria-describedby={state.fieldErrors?.confirm ? 'confirm-error' : undefined} /> Yes, delete this
        entry (it disappears from the changelog page and its feeds)
      </label>
      {state.fieldErrors?.confirm && <span id="confirm-error" className="field-error" role="alert">{state.fieldErrors.confirm}</span>}
      {state.message && state.status !== 'ok' && <p className={`notice notice-${state.status}`} role="alert">{state.message}</p>}
      <button type="submit" className="danger" disabled={pending}>{pending ? 'Deleting…' : 'Delete entry'}</button>
    </form>
  );
}
