'use client';
// Deleting any item: a ticked box (works without JavaScript) and, with JavaScript, a confirm dialog.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { deleteItemAction } from '../item-actions';

export function DeleteForm({ type, label, id, version, title, effect, flash }: { type: string; label: string; id: string; version: number; title: string; effect: string; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deleteItemAction.bind(null, type), flash ?? { status: 'idle' });
  return (
    <form
      action={action}
      className="danger-zone"
      onSubmit={(e) => {
        if (!window.confirm(`Delete “${title}”? ${effect[0]?.toUpperCase()}${effect.slice(1)}.`)) e.preventDefault();
      }}
    >
      <h2>Delete</h2>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <label>
        <input type="checkbox" name="confirm" value="yes" required aria-describedby={state.fieldErrors?.confirm ? 'confirm-error' : undefined} /> Yes, delete this {label} ({effect})
      </label>
      {state.fieldErrors?.confirm && <span id="confirm-error" className="field-error" role="alert">{state.fieldErrors.confirm}</span>}
      {state.message && state.status !== 'ok' && <p className={`notice notice-${state.status}`} role="alert">{state.message}</p>}
      <button type="submit" className="danger" disabled={pending}>{pending ? 'Deleting…' : `Delete ${label}`}</button>
    </form>
  );
}
