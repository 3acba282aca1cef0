'use client';
// The editor of any content type: the frame every form shares (the result message, the hidden
// id and version, the publication status, the intent buttons, the Markdown preview), around the
// type's own fields (./fields.tsx). Works as a plain HTML form without JavaScript (the Server
// Action posts and the page re-renders with the result); with JavaScript it shows pending state
// and previews, never losing what was typed.
import { useActionState, useEffect, useRef, useState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import type { FieldOptions } from '@/lib/cms/content-type';
import { clockFor, readLocal } from '@/lib/cms/time';
import { describedBy } from '../field';
import { previewItemAction, saveItemAction } from '../item-actions';
import { FIELDS, type FieldsProps } from './fields';
import { useEditorZone } from '../editor-zone';
import { AutosaveNotice } from './autosave-notice';
import { usePressedIntent } from './pressed-intent';
import { useAutosave } from './use-autosave';
import { useLeaveGuard } from './use-leave-guard';
import { useSaveShortcut } from './use-save-shortcut';

export interface ItemFormProps {
  type: string;
  /** The type's labels (its description's `labels`). */
  labels: { singular: string; plural: string };
  /** The long text field, checked for size before sending, and its label (the description's textField, revisions.text.label). */
  text: { field: string; label: string };
  id: string;
  version: number;
  status: 'draft' | 'scheduled' | 'published';
  /** The saved values, as the form's fields name them (publishAt: the scheduled time, UTC). */
  initial: Record<string, string | boolean>;
  /** Said once after a redirect (?saved=…), computed by the page. */
  notice?: string;
  hasPreview: boolean;
  /** Choices for fields that pick from stored things (the type's fieldOptions). */
  options?: FieldOptions;
  flash?: ActionState;
  previewFlash?: ActionState;
  /** A published item's publication time, in the editor's zone with its offset then (shown, not editable). */
  publishedAt?: string;
}

const MAX_BYTES = 1_000_000;
const idle: ActionState = { status: 'idle' };

export function ItemForm(props: ItemFormProps) {
  const { type, labels, text, id, version, status, initial, notice, hasPreview } = props;
  const [state, formAction, pending] = useActionState<ActionState, FormData>(saveItemAction.bind(null, type), props.flash ?? idle);
  const [preview, previewAction, previewPending] = useActionState<ActionState, FormData>(previewItemAction.bind(null, type), props.previewFlash ?? idle);
  const [sizeError, setSizeError] = useState<string | null>(null);
  // The newer of the two action states holds what the editor typed last.
  const latest = (preview.at ?? 0) > (state.at ?? 0) ? preview : state;
  const value = (name: string): string => {
    const v = latest.values?.[name] ?? initial[name];
    return typeof v === 'string' ? v : '';
  };
  // An unticked checkbox is not submitted at all, so after a submission its absence means "off".
  const checked = (name: string): boolean => (latest.values ? latest.values[name] === 'on' : initial[name] === true);
  const err = (name: string) => state.fieldErrors?.[name] ?? (name === text.field ? (sizeError ?? undefined) : undefined);
  const control = (name: string, hasHint = true) => ({ id: name, name, 'aria-invalid': Boolean(err(name)), 'aria-describedby': describedBy(name, err(name), hasHint) });
  const Fields = FIELDS[type];
  const fieldProps: FieldsProps = { id, value, checked, err, control, options: props.options ?? {}, previewHtml: preview.status === 'ok' && typeof preview.data?.html === 'string' ? preview.data.html : undefined };
  const message = state.message ?? notice;
  // Editor safety (issue 12): autosave, the leave warning, Ctrl/Cmd+S, the pressed button.
  const zone = useEditorZone();
  // The zone's offset at the time in the field (or now, while it is empty): a July time in
  // New York is UTC-04:00 whenever it is read.
  const [publishAtText, setPublishAtText] = useState(value('publishAt'));
  const typed = readLocal(publishAtText, zone.zone);
  const zoneLabel = clockFor(zone.zone).labelAt(typed.ok ? typed.date : new Date());
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useAutosave(formRef, { type, item: id || 'new', version, zone: zone.zone });
  const pressed = usePressedIntent({ scripted: 'save' });
  useLeaveGuard(autosave.dirty);
  useSaveShortcut(formRef);
  const { markClean } = autosave;
  useEffect(() => {
    if (state.status === 'ok') markClean();
  }, [state.status, state.at, markClean]);

  return (
    <form
      ref={formRef}
      action={formAction}
      className="cms-form"
      onSubmit={(e) => {
        // A save clears the autosave: none may land after it (a preview is no save).
        if (pressed.note(e)) autosave.hold();
        // Server Action bodies are capped: say so at the field instead of failing the request.
        const long = new FormData(e.currentTarget).get(text.field);
        if (typeof long === 'string' && new Blob([long]).size > MAX_BYTES) {
          e.preventDefault();
          setSizeError(`The ${text.label.toLowerCase()} is over 1 MB; split it into several ${labels.plural}.`);
        } else setSizeError(null);
      }}
    >
      {message && (
        <p role="status" className={`notice notice-${state.status === 'idle' ? 'ok' : state.status}`}>
          {message}
        </p>
      )}
      {state.fieldErrors?.form && <p className="field-error" role="alert">{state.fieldErrors.form}</p>}
      {autosave.offer && <AutosaveNotice offer={autosave.offer} label={labels.singular} onRestore={autosave.restore} onDiscard={autosave.discard} />}
      <input type="hidden" name="id" value={id} />
      {/* A restored autosave typed against an older version carries that one (./use-autosave.ts). */}
      <input type="hidden" name="version" value={String(autosave.version)} />
      {Fields ? <Fields {...fieldProps} /> : <p className="field-error">This content type has no form fields registered.</p>}
      <div className="field">
        <label htmlFor="publishAt">Publish at ({zoneLabel})</label>
        <input {...control('publishAt')} type="datetime-local" defaultValue={value('publishAt')} onInput={(e) => setPublishAtText(e.currentTarget.value)} />
        {/* The zone the time above is shown and typed in (lib/cms/content-type.ts reads it). */}
        <input type="hidden" name="publishAtZone" value={zone.zone} />
        <span id="publishAt-hint" className="hint">
          {props.publishedAt && <span className="publish-at-note">Published {props.publishedAt}. </span>}
          For scheduling, in {zone.zone}.
        </span>
        {err('publishAt') && <span id="publishAt-error" className="field-error" role="alert">{err('publishAt')}</span>}
      </div>
      <p className="autosave-status" aria-live="polite">{autosave.status}</p>
      <p className="meta">
        Status: <span className={`badge badge-${status}`}>{status}</span>
        {id && <> · version {version}</>}
      </p>
      <div className="actions">
        {/* On a published item Save and Schedule stage the edit (lib/cms/staging.ts); the public keeps the published version. */}
        <button type="submit" name="intent" value="save" disabled={pending}>{pressed.label('save', status === 'published' ? 'Save (not public yet)' : id ? 'Save' : 'Save draft', pending)}</button>
        <button type="submit" name="intent" value="publish" disabled={pending}>{pressed.label('publish', status === 'published' ? 'Publish update' : 'Publish now', pending)}</button>
        <button type="submit" name="intent" value="schedule" disabled={pending}>{pressed.label('schedule', status === 'published' ? 'Schedule update' : 'Schedule', pending)}</button>
        {status !== 'draft' && (
          <button type="submit" name="intent" value="unpublish" disabled={pending}>{pressed.label('unpublish', 'Unpublish', pending)}</button>
        )}
        {hasPreview && (
          <button type="submit" formAction={previewAction} formNoValidate disabled={previewPending} className="secondary">
            {previewPending ? 'Rendering…' : 'Preview'}
          </button>
        )}
      </div>
      {fieldProps.previewHtml !== undefined && (
        <section className="preview" aria-label="Preview">
          <h2>Preview</h2>
          <h1>{value('title')}</h1>
          {/* Sanitised by sanitize-html on the server (lib/content/markdown.ts). */}
          <div className="post-body" dangerouslySetInnerHTML={{ __html: fieldProps.previewHtml }} />
        </section>
      )}
      {preview.status !== 'ok' && preview.status !== 'idle' && (
        <p className="field-error" role="alert">{preview.message ?? preview.fieldErrors?.body}</p>
      )}
    </form>
  );
}
