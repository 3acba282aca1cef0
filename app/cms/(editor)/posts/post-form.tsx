'use client';
// The post editor. Works as a plain HTML form without JavaScript (the Server Action posts and
// the page re-renders with the result); with JavaScript it shows pending state, suggests the
// slug from the title, checks it, and previews the Markdown, never losing what was typed.
import { useActionState, useRef, useState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { slugify } from '@/lib/cms/slugify';
import { checkSlugAction, previewPostAction, savePostAction } from './actions';

export interface PostFormValues {
  id: string;
  version: string;
  title: string;
  slug: string;
  summary: string;
  body: string;
  tags: string;
  author: string;
  publishAt: string;
  status: 'draft' | 'scheduled' | 'published';
}

const MAX_BYTES = 1_000_000;

function Field({ name, label, error, hint, children }: { name: string; label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {children}
      {hint && <span id={`${name}-hint`} className="hint">{hint}</span>}
      {error && <span id={`${name}-error`} className="field-error" role="alert">{error}</span>}
    </div>
  );
}

export function PostForm({ initial, saved, flash, previewFlash }: { initial: PostFormValues; saved?: string; flash?: ActionState; previewFlash?: ActionState }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(savePostAction, flash ?? { status: 'idle' });
  const [preview, previewAction, previewPending] = useActionState<ActionState, FormData>(previewPostAction, previewFlash ?? { status: 'idle' });
  const [slugTouched, setSlugTouched] = useState(Boolean(initial.slug));
  const [slugCheck, setSlugCheck] = useState<{ ok: boolean; message: string } | null>(null);
  const [sizeError, setSizeError] = useState<string | null>(null);
  const slugRef = useRef<HTMLInputElement>(null);
  // The newer of the two action states holds what the editor typed last.
  const latest = (preview.at ?? 0) > (state.at ?? 0) ? preview : state;
  const v = (name: keyof PostFormValues) => latest.values?.[name] ?? initial[name];
  const err = (name: string) => state.fieldErrors?.[name] ?? (name === 'body' ? sizeError ?? undefined : undefined);
  const described = (name: string) => [state.fieldErrors?.[name] ? `${name}-error` : '', `${name}-hint`].filter(Boolean).join(' ') || undefined;
  const message = state.message ?? (saved ? savedMessage(saved) : undefined);

  return (
    <form
      action={formAction}
      className="cms-form"
      onSubmit={(e) => {
        // Server Action bodies are capped: say so at the field instead of failing the request.
        const body = new FormData(e.currentTarget).get('body');
        if (typeof body === 'string' && new Blob([body]).size > MAX_BYTES) {
          e.preventDefault();
          setSizeError('The body is over 1 MB; split it into several posts.');
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
      <Field name="title" label="Title" error={err('title')}>
        <input
          id="title"
          name="title"
          required
          maxLength={300}
          defaultValue={v('title')}
          aria-invalid={Boolean(err('title'))}
          aria-describedby={described('title')}
          onChange={(e) => {
            if (!slugTouched && slugRef.current) slugRef.current.value = slugify(e.target.value);
          }}
        />
      </Field>
      <Field name="slug" label="Slug" error={err('slug')} hint={slugCheck ? slugCheck.message : 'Lowercase letters, digits and hyphens; the URL is /posts/{slug}.'}>
        <input
          id="slug"
          name="slug"
          ref={slugRef}
          required
          maxLength={200}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          defaultValue={v('slug')}
          aria-invalid={Boolean(err('slug')) || slugCheck?.ok === false}
          aria-describedby={described('slug')}
          onChange={() => setSlugTouched(true)}
          onBlur={async (e) => setSlugCheck(e.target.value ? await checkSlugAction(e.target.value, initial.id) : null)}
        />
      </Field>
      <Field name="summary" label="Summary" error={err('summary')} hint="One sentence for lists, feeds and search results.">
        <input id="summary" name="summary" maxLength={1000} defaultValue={v('summary')} aria-describedby={described('summary')} aria-invalid={Boolean(err('summary'))} />
      </Field>
      <Field name="body" label="Body (Markdown)" error={err('body')} hint="GitHub-flavoured Markdown. Use Preview to see it rendered.">
        <textarea id="body" name="body" rows={18} defaultValue={v('body')} aria-describedby={described('body')} aria-invalid={Boolean(err('body'))} />
      </Field>
      <div className="field-row">
        <Field name="tags" label="Tags" error={err('tags')} hint="Comma-separated, e.g. http, caching">
          <input id="tags" name="tags" defaultValue={v('tags')} aria-describedby={described('tags')} aria-invalid={Boolean(err('tags'))} />
        </Field>
        <Field name="author" label="Author" error={err('author')}>
          <input id="author" name="author" required maxLength={200} defaultValue={v('author')} aria-invalid={Boolean(err('author'))} aria-describedby={described('author')} />
        </Field>
        <Field name="publishAt" label="Publish at (UTC)" error={err('publishAt')} hint="For scheduling.">
          <input id="publishAt" name="publishAt" type="datetime-local" defaultValue={v('publishAt')} aria-describedby={described('publishAt')} aria-invalid={Boolean(err('publishAt'))} />
        </Field>
      </div>
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
          <h1>{v('title')}</h1>
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
      return 'Published. The public page, the API and the feeds show it now.';
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
