'use client';
// The forms of one author card. Plain forms (they post without JavaScript; lib/cms/flash.ts brings
// a refusal back), inside <details> so the list stays short; a card whose form was refused opens.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import type { AuthorRow } from '@/lib/cms/author-profiles';
import { describedBy, Field } from '../field';
import { editAuthorAction, linkAuthorAction, unlinkAuthorAction } from './actions';

type Props = { author: Pick<AuthorRow, 'id' | 'slug' | 'name' | 'bio'>; flash?: ActionState };

function Status({ state }: { state: ActionState }) {
  return state.message ? (
    <p role="status" className={`notice notice-${state.status}`}>
      {state.message}
    </p>
  ) : null;
}

function FormError({ state }: { state: ActionState }) {
  const err = state.fieldErrors?.form ?? state.fieldErrors?.author;
  return err ? <p className="field-error" role="alert">{err}</p> : null;
}

export function EditAuthorForm({ author, flash }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(editAuthorAction, flash ?? { status: 'idle' });
  const err = (f: string) => state.fieldErrors?.[f];
  const v = (f: 'name' | 'bio') => state.values?.[f] ?? author[f];
  const id = (f: string) => `${f}-${author.slug}`;
  return (
    <details open={state.status !== 'idle' || undefined}>
      <summary>Edit name and bio</summary>
      <form action={action} className="cms-form" aria-label={`Edit author ${author.slug}`}>
        <Status state={state} />
        <FormError state={state} />
        <input type="hidden" name="author" value={author.id} />
        <Field name={id('name')} label="Display name" error={err('name')} hint="The byline of their posts, in pages, feeds and the API.">
          <input id={id('name')} name="name" required maxLength={100} defaultValue={v('name')} aria-invalid={Boolean(err('name'))} aria-describedby={describedBy(id('name'), err('name'))} />
        </Field>
        <Field name={id('bio')} label="Bio" error={err('bio')} hint="Shown under their posts (optional).">
          <textarea id={id('bio')} name="bio" rows={3} maxLength={2000} defaultValue={v('bio')} aria-invalid={Boolean(err('bio'))} aria-describedby={describedBy(id('bio'), err('bio'))} />
        </Field>
        <div className="actions">
          <button type="submit" disabled={pending}>{pending ? 'Saving…' : 'Save author'}</button>
        </div>
      </form>
    </details>
  );
}

export function LinkAuthorForm({ author, accounts, flash }: Props & { accounts: { id: string; name: string; email: string }[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(linkAuthorAction, flash ?? { status: 'idle' });
  const err = state.fieldErrors?.account;
  const id = `account-${author.slug}`;
  return (
    <details open={state.status !== 'idle' || undefined}>
      <summary>Link to an account</summary>
      <form action={action} className="cms-form" aria-label={`Link author ${author.slug}`}>
        <Status state={state} />
        <FormError state={state} />
        <input type="hidden" name="author" value={author.id} />
        {accounts.length === 0 ? (
          <p className="hint">Every account has an author profile of its own.</p>
        ) : (
          <>
            <Field name={id} label={`Account of “${author.name}”`} error={err} hint="The account's own byline becomes this profile. Only accounts without a profile are listed.">
              <select id={id} name="account" required defaultValue={state.values?.account ?? ''} aria-invalid={Boolean(err)} aria-describedby={describedBy(id, err)}>
                <option value="" disabled>
                  Choose an account…
                </option>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {`${a.name} (${a.email})`}
                  </option>
                ))}
              </select>
            </Field>
            <div className="actions">
              <button type="submit" disabled={pending}>{pending ? 'Linking…' : 'Link'}</button>
            </div>
          </>
        )}
      </form>
    </details>
  );
}

export function UnlinkAuthorForm({ author, email, flash }: Props & { email: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(unlinkAuthorAction, flash ?? { status: 'idle' });
  return (
    <form action={action} className="inline-form" aria-label={`Unlink author ${author.slug}`}>
      <input type="hidden" name="author" value={author.id} />
      <button type="submit" className="secondary" disabled={pending}>{pending ? 'Unlinking…' : `Unlink from ${email}`}</button>
      <Status state={state} />
      <FormError state={state} />
    </form>
  );
}
