'use client';
// The banner over the form of a published item with staged edits (lib/cms/staging.ts): what the
// public sees, who staged what when, and the four things to do with it. Each is its own plain
// form posting to one Server Action, so all of it works without JavaScript; discarding needs a
// ticked box (and, with JavaScript, a confirm dialog), as deleting does.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { stagedItemAction } from '../../item-actions';
import { usePressedIntent } from '../pressed-intent';
import './staged-banner.css';

export interface StagedBannerProps {
  type: string;
  label: string;
  id: string;
  version: number;
  editorName: string;
  /** When the edit was saved, in the editor's clock, with the zone (Clock.stamp). */
  savedAt: string;
  /** When the update goes live, in the editor's clock with the zone, if scheduled. */
  goesLiveAt: string | null;
  /** The scheduled time as a datetime-local value (empty when not scheduled). */
  publishAtInput: string;
  clockLabel: string;
  diffHref: string;
  previewHref?: string;
  /** The staged edit no longer fits the type (stored in an older shape). */
  unreadable?: boolean;
  flash?: ActionState;
}

export function StagedBanner(p: StagedBannerProps) {
  const [state, action, pending] = useActionState<ActionState, FormData>(stagedItemAction.bind(null, p.type), p.flash ?? { status: 'idle' });
  // The four buttons share one action: only the pressed one says what is under way.
  const pressed = usePressedIntent();
  const hidden = (
    <>
      <input type="hidden" name="id" value={p.id} />
      <input type="hidden" name="version" value={String(p.version)} />
    </>
  );
  const err = state.fieldErrors ?? {};
  return (
    <section className="staged-banner" aria-labelledby="staged-title">
      <h2 id="staged-title">Unpublished changes</h2>
      <p>
        {/* One string each, so the sentence reads (and is found) whole. */}
        {`This ${p.label} has unpublished changes (saved by ${p.editorName} at ${p.savedAt}); the public sees the published version. `}
        {p.goesLiveAt ? <strong>{`The update is scheduled to go live at ${p.goesLiveAt}.`}</strong> : 'They go live when you publish the update.'}
      </p>
      {p.unreadable && <p className="notice notice-invalid">These changes were stored in a shape that no longer fits this {p.label}: the form shows the published version. Discard them and edit again.</p>}
      <p>
        <a href={p.diffHref}>Compare the changes with the published version</a>
        {p.previewHref && <> · <a href={p.previewHref}>Preview the changes</a></>}
      </p>
      {state.message && state.status !== 'ok' && <p role="alert" className={`notice notice-${state.status}`}>{state.message}</p>}
      {err.form && <p role="alert" className="field-error">{err.form}</p>}
      <form action={action} onSubmit={pressed.note}>
        {hidden}
        <button type="submit" name="intent" value="publish" disabled={pending || p.unreadable}>{pressed.label('publish', 'Publish update', pending)}</button>
        <span className="hint">The public sees the changes at once.</span>
      </form>
      <form action={action} onSubmit={pressed.note}>
        {hidden}
        <label htmlFor="staged-publishAt">{`Schedule the update (time in ${p.clockLabel})`}</label>
        <input id="staged-publishAt" name="publishAt" type="datetime-local" defaultValue={p.publishAtInput} aria-invalid={Boolean(err.publishAt)} aria-describedby={err.publishAt ? 'staged-publishAt-error' : undefined} />
        <button type="submit" name="intent" value="schedule" disabled={pending || p.unreadable}>{pressed.label('schedule', 'Schedule update', pending)}</button>
        {p.goesLiveAt && <button type="submit" name="intent" value="unschedule" className="secondary" disabled={pending}>{pressed.label('unschedule', 'Cancel the schedule', pending)}</button>}
        {err.publishAt && <span id="staged-publishAt-error" className="field-error" role="alert">{err.publishAt}</span>}
      </form>
      <form
        action={action}
        className="staged-discard"
        onSubmit={(e) => {
          if (!window.confirm(`Discard the unpublished changes? The ${p.label} goes back to its published version; the changes stay in the revisions.`)) e.preventDefault();
          else pressed.note(e);
        }}
      >
        {hidden}
        <label>
          <input type="checkbox" name="confirm" value="yes" required aria-describedby={err.confirm ? 'staged-confirm-error' : undefined} /> Yes, discard the changes
        </label>
        <button type="submit" name="intent" value="discard" className="danger" disabled={pending}>{pressed.label('discard', 'Discard changes', pending)}</button>
        {err.confirm && <span id="staged-confirm-error" className="field-error" role="alert">{err.confirm}</span>}
      </form>
    </section>
  );
}
