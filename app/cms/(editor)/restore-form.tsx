'use client';
// The confirm button of the restore confirmation page (…/revisions/{id}/restore): it posts the
// restore with confirm=yes, which the action requires, so a restore never happens unasked.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { restoreItemAction } from './item-actions';

export function RestoreForm({ type, id, version, revisionId, revisionVersion, staged, flash }: { type: string; id: string; version: number; revisionId: string; revisionVersion: number; staged: boolean; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(restoreItemAction.bind(null, type), flash ?? { status: 'idle' });
  return (
    <form action={action} className="actions">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="revisionId" value={revisionId} />
      <input type="hidden" name="confirm" value="yes" />
      {state.message && <p role="alert" className={`notice notice-${state.status}`}>{state.message}</p>}
      {state.fieldErrors && Object.values(state.fieldErrors).map((e) => <p key={e} className="field-error">{e}</p>)}
      <button type="submit" disabled={pending}>
        {pending ? 'Restoring…' : staged ? `Yes, restore version ${revisionVersion} as unpublished changes` : `Yes, restore version ${revisionVersion}`}
      </button>
    </form>
  );
}
