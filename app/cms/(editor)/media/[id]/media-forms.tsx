'use client';
// The forms of an image's page: its alt text, and deleting it. Plain forms (they post without
// JavaScript; lib/cms/flash.ts brings a refusal back); with JavaScript the result shows in place.
import { useActionState, useEffect, useState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { deleteMediaAction, updateAltAction } from '../actions';

function Status({ state }: { state: ActionState }) {
  return (
    <p role="status" className={state.message ? `notice notice-${state.status}` : undefined}>
      {state.message}
    </p>
  );
}

export function AltForm({ id, alt, flash }: { id: string; alt: string; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(updateAltAction, flash ?? { status: 'idle' });
  const err = state.fieldErrors?.alt ?? state.fieldErrors?.form ?? state.fieldErrors?.id;
  return (
    <form action={action} className="cms-form" aria-label="Alt text">
      <Status state={state} />
      <input type="hidden" name="id" value={id} />
      <div className="field">
        <label htmlFor="alt">Alt text</label>
        <textarea id="alt" name="alt" rows={3} maxLength={1000} defaultValue={state.values?.alt ?? alt} aria-invalid={Boolean(err)} aria-describedby={`alt-hint${err ? ' alt-error' : ''}`} />
        <span id="alt-hint" className="hint">
          What the image shows, for people who cannot see it. Used where the image is inserted from now on, and for covers without their own alt text; one line, no line breaks.
        </span>
        {err && <span id="alt-error" className="field-error" role="alert">{err}</span>}
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>{pending ? 'Saving…' : 'Save alt text'}</button>
      </div>
    </form>
  );
}

export function DeleteMediaForm({ id, fileName, used, flash }: { id: string; fileName: string; used: boolean; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deleteMediaAction, flash ?? { status: 'idle' });
  return (
    <details className="danger-zone" open={state.status !== 'idle' || undefined}>
      <summary>Delete this image…</summary>
      <form action={action} className="cms-form" aria-label={`Delete ${fileName}`}>
        <Status state={state} />
        <input type="hidden" name="id" value={id} />
        {used ? (
          <p id="delete-hint">It cannot be deleted while it is used (see “Used by”): remove it from those items first.</p>
        ) : (
          <p id="delete-hint">Deleting removes “{fileName}” and all its files for good. This cannot be undone.</p>
        )}
        <div className="actions">
          <button type="submit" className="danger" disabled={pending || used} aria-describedby="delete-hint">
            {pending ? 'Deleting…' : 'Delete permanently'}
          </button>
        </div>
      </form>
    </details>
  );
}

/** A read-only value with a Copy button (the button appears once JavaScript runs: it needs the clipboard). */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState<string>('');
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field">
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        {hydrated && (
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(value);
                setCopied(`${label} copied.`);
              } catch {
                document.getElementById(id)?.focus();
                setCopied('Select the text and copy it with Ctrl+C (⌘C).');
              }
            }}
          >
            Copy
          </button>
        )}
      </div>
      <span className="hint" role="status">{copied}</span>
    </div>
  );
}
