'use client';
// The changelog entry editor. Works as a plain HTML form without JavaScript (the Server Action
// posts and the page re-renders with the result); with JavaScript it shows pending state and
// previews the Markdown, never losing what was typed.
import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import type { ChangelogEntry } from '@/db/schema';
import { describedBy, Field } from '../field';
import { previewChangelogAction, saveChangelogAction } from './actions';

export interface ChangelogFormValues {
  id: string;
  version: string;
  title: string;
  body: string;
  category: ChangelogEntry['category'] | '';
  productVersion: string;
  publishAt: string;
  status: ChangelogEntry['status'];
}

// Keep a Changelog's meaning of each category, so editors pick the same one for the same kind of change.
const CATEGORIES: Record<ChangelogEntry['category'], string> = {
  added: 'Added: new features',
  changed: 'Changed: changes in existing behaviour',
  deprecated: 'Deprecated: soon-to-be removed features',
  removed: 'Removed: features now gone',
  fixed: 'Fixed: bug fixes',
  security: 'Security: vulnerabilities fixed',
};

const MAX_BYTES = 1_000_000;
const idle: ActionState = { status: 'idle' };

export function ChangelogForm({ initial, saved, flash, previewFlash }: { initial: ChangelogFormValues; saved?: string; flash?: ActionState; previewFlash?: ActionState }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(saveChangelogAction, flash ?? idle);
  const [preview, previewAction, previewPending] = useActionState<ActionState, FormData>(previewChangelogAction, previewFlash ?? idle);
  const [sizeError, setSizeError] = useState<string | null>(null);
  // The newer of the two action states holds what the editor typed last.
  const latest = (preview.at ?? 0) > (state.at ?? 0) ? preview : state;
  const v = (name: keyof ChangelogFormValues) => latest.values?.[name] ?? initial[name];
  const err = (name: string) => state.fieldErrors?.[name] ?? (name === 'body' ? sizeError ?? undefined : undefined);
  const message = state.message ?? (saved ? savedMessage(saved) : undefined);
  const control = (name: string, hasHint = true) => ({ id: name, name, 'aria-invalid': Boolean(err(name)), 'aria-describedby': describedBy(name, err(name), hasHint) });

  return (
    <form
      action={formAction}
      className="cms-form"
      onSubmit={(e) => {
        // Server Action bodies are capped: say so at the field instead of failing the request.
        const body = new FormData(e.currentTarget).get('body');
        if (typeof body === 'string' && new Blob([body]).size > MAX_BYTES) {
          e.preventDefault();
          setSizeError('The body is over 1 MB; split it into several entries.');
        } else setSizeError(null);
      }}
    >
      {message && (
        <p role="status" className={`notice notice-${state.status === 'idle' ? 'ok' : state.status}`}>
          {message}
        </p>
      )}
      {state.fieldErrors?.form && <p className="field-error" role="alert">{state.fieldErrors.form}</p>}
      <input type="hidden" name="id" value={initial.id} />
      <input type="hidden" name="version" value={initial.version} />
      <Field name="title" label="Title" error={err('title')} hint="One line saying what changed, e.g. “Feeds now send ETag headers”.">
        <input {...control('title')} required maxLength={300} defaultValue={v('title')} />
      </Field>
      <div className="field-row">
        <Field name="category" label="Category" error={err('category')}>
          <select {...control('category', false)} required defaultValue={v('category')}>
            <option value="" disabled>Choose…</option>
            {Object.entries(CATEGORIES).map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        </Field>
        <Field name="productVersion" label="Product version" error={err('productVersion')} hint="The release it ships in, e.g. 2.4.0. Leave empty if unversioned.">
          <input {...control('productVersion')} maxLength={50} defaultValue={v('productVersion')} />
        </Field>
        <Field name="publishAt" label="Publish at (UTC)" error={err('publishAt')} hint="For scheduling.">
          <input {...control('publishAt')} type="datetime-local" defaultValue={v('publishAt')} />
        </Field>
      </div>
      <Field name="body" label="Details (Markdown)" error={err('body')} hint="GitHub-flavoured Markdown. Use Preview to see it rendered.">
        <textarea {...control('body')} rows={12} defaultValue={v('body')} />
      </Field>
      <p className="meta">
        Status: <span className={`badge badge-${initial.status}`}>{initial.status}</span>
        {initial.id && <> · version {initial.version}</>}
      </p>
      <div className="actions">
        <button type="submit" name="intent" value="save" disabled={pending}>{pending ? 'Saving…' : initial.id ? 'Save' : 'Save draft'}</button>
        <button type="submit" name="intent" value="publish" disabled={pending}>{initial.status === 'published' ? 'Save and keep published' : 'Publish now'}</button>
        <button type="submit" name="intent" value="schedule" disabled={pending}>Schedule</button>
        {initial.status !== 'draft' && (
          <button type="submit" name="intent" value="unpublish" disabled={pending}>Unpublish</button>
        )}
        <button type="submit" formAction={previewAction} formNoValidate disabled={previewPending} className="secondary">
          {previewPending ? 'Rendering…' : 'Preview'}
        </button>
      </div>
      {preview.status === 'ok' && typeof preview.data?.html === 'string' && (
        <section className="preview" aria-label="Preview">
          <h2>Preview</h2>
          <p>
            {v('category') && <span className={`badge badge-${v('category')}`}>{v('category')}</span>} <strong>{v('title')}</strong>
          </p>
          {/* Sanitised by sanitize-html on the server (lib/content/markdown.ts). */}
          <div className="post-body" dangerouslySetInnerHTML={{ __html: preview.data.html }} />
        </section>
      )}
      {preview.status !== 'ok' && preview.status !== 'idle' && (
        <p className="field-error" role="alert">{preview.message ?? preview.fieldErrors?.body}</p>
      )}
    </form>
  );
}

function savedMessage(saved: string): string {
  switch (saved) {
    case 'publish':
      return 'Published. The changelog page and its feeds show it now.';
    case 'schedule':
      return 'Scheduled. It goes live at its time (within five minutes).';
    case 'unpublish':
      return 'Unpublished. It is no longer public.';
    case 'restore':
      return 'Restored from the revision; saved as a new version.';
    default:
      return 'Saved.';
  }
}
