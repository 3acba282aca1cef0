'use client';
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { deletePostAction } from './actions';

// Deleting needs a ticked box (works without JavaScript) and, with JavaScript, a confirm dialog.
export function DeletePostForm({ id, version, title, flash }: { id: string; version: number; title: string; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deletePostAction, flash ?? { status: 'idle' });
  return (
    <form
      action={action}
      className="danger-zone"
      onSubmit={(e) => {
        if (!window.confirm(`Delete “${title}”? Its URLs will answer 410 Gone.`)) e.preventDefault();
      }}
    >
      <h2>Delete</h2>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <label>
        <input type="checkbox" name="confirm" value="yes" required /> Yes, delete this post (its URLs will answer 410 Gone)
      </label>
      {state.fieldErrors?.confirm && <span className="field-error" role="alert">{state.fieldErrors.confirm}</span>}
      {state.message && state.status !== 'ok' && <p className={`notice notice-${state.status}`} role="alert">{state.message}</p>}
      <button type="submit" className="danger" disabled={pending}>{pending ? 'Deleting…' : 'Delete post'}</button>
    </form>
  );
}
