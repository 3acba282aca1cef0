'use client';
// Restoring a revision of any content type.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { restoreItemAction } from './item-actions';

export function RestoreForm({ type, id, version, revisionId, revisionVersion, flash }: { type: string; id: string; version: number; revisionId: string; revisionVersion: number; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(restoreItemAction.bind(null, type), flash ?? { status: 'idle' });
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="revisionId" value={revisionId} />
      {state.message && <p role="alert" className={`notice notice-${state.status}`}>{state.message}</p>}
      {state.fieldErrors && Object.values(state.fieldErrors).map((e) => <p key={e} className="field-error">{e}</p>)}
      <button type="submit" disabled={pending}>{pending ? 'Restoring…' : `Restore version ${revisionVersion} (as a new version)`}</button>
    </form>
  );
}
