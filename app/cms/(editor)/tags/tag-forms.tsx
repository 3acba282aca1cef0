'use client';
// The forms of one tag card. Plain forms (they post without JavaScript; lib/cms/flash.ts brings a
// refusal back), inside <details> so the list stays short; a card whose form was refused opens.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import type { TagRow } from '@/lib/cms/tags';
import { FormStatus } from '../field';
import { editTagAction, mergeTagAction } from './actions';

type Props = { tag: Pick<TagRow, 'slug' | 'name' | 'description'>; flash?: ActionState };

export function EditTagForm({ tag, flash }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(editTagAction, flash ?? { status: 'idle' });
  const err = (f: string) => state.fieldErrors?.[f];
  const v = (f: 'name' | 'slug' | 'description') => state.values?.[f] ?? tag[f];
  const id = (f: string) => `${f}-${tag.slug}`;
  const described = (f: string, hint = false) => [err(f) ? id(`${f}-error`) : '', hint ? id(`${f}-hint`) : ''].filter(Boolean).join(' ') || undefined;
  return (
    <details open={state.status !== 'idle' || undefined}>
      <summary>Rename or describe</summary>
      <form action={action} className="cms-form" aria-label={`Edit tag ${tag.slug}`}>
        <FormStatus state={state} />
        {err('form') && <p className="field-error" role="alert">{err('form')}</p>}
        {err('tag') && <p className="field-error" role="alert">{err('tag')}</p>}
        <input type="hidden" name="tag" value={tag.slug} />
        <div className="field-row">
          <div className="field">
            <label htmlFor={id('name')}>Name</label>
            <input id={id('name')} name="name" required maxLength={100} defaultValue={v('name')} aria-invalid={Boolean(err('name'))} aria-describedby={described('name')} />
            {err('name') && <span id={id('name-error')} className="field-error" role="alert">{err('name')}</span>}
          </div>
          <div className="field">
            <label htmlFor={id('slug')}>Slug</label>
            <input id={id('slug')} name="slug" required maxLength={200} pattern="[a-z0-9]+(-[a-z0-9]+)*" defaultValue={v('slug')} aria-invalid={Boolean(err('slug'))} aria-describedby={described('slug', true)} />
            <span id={id('slug-hint')} className="hint">Changing it keeps the old slug working (it redirects here).</span>
            {err('slug') && <span id={id('slug-error')} className="field-error" role="alert">{err('slug')}</span>}
          </div>
        </div>
        <div className="field">
          <label htmlFor={id('description')}>Description</label>
          <textarea id={id('description')} name="description" rows={3} maxLength={2000} defaultValue={v('description')} aria-invalid={Boolean(err('description'))} aria-describedby={described('description')} />
          {err('description') && <span id={id('description-error')} className="field-error" role="alert">{err('description')}</span>}
        </div>
        <div className="actions">
          <button type="submit" disabled={pending}>{pending ? 'Saving…' : 'Save tag'}</button>
        </div>
      </form>
    </details>
  );
}

export function MergeTagForm({ tag, others, flash }: Props & { others: { slug: string; name: string }[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(mergeTagAction, flash ?? { status: 'idle' });
  const err = state.fieldErrors?.into ?? state.fieldErrors?.form ?? state.fieldErrors?.tag;
  const id = `into-${tag.slug}`;
  if (others.length === 0) return null;
  return (
    <details open={state.status !== 'idle' || undefined}>
      <summary>Merge into another tag</summary>
      <form action={action} className="cms-form" aria-label={`Merge tag ${tag.slug}`}>
        <FormStatus state={state} />
        <input type="hidden" name="tag" value={tag.slug} />
        <div className="field">
          <label htmlFor={id}>Merge “{tag.slug}” into</label>
          <select id={id} name="into" required defaultValue={state.values?.into ?? ''} aria-invalid={Boolean(err)} aria-describedby={`${id}-hint${err ? ` ${id}-error` : ''}`}>
            <option value="" disabled>
              Choose a tag…
            </option>
            {others.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.name === o.slug ? o.slug : `${o.name} (${o.slug})`}
              </option>
            ))}
          </select>
          <span id={`${id}-hint`} className="hint">
            Its posts get the chosen tag, “{tag.slug}” is removed, and its slug redirects to the chosen tag. This cannot be undone.
          </span>
          {err && <span id={`${id}-error`} className="field-error" role="alert">{err}</span>}
        </div>
        <div className="actions">
          <button type="submit" className="danger" disabled={pending}>{pending ? 'Merging…' : 'Merge'}</button>
        </div>
      </form>
    </details>
  );
}
