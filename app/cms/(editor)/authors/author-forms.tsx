'use client';
// The forms of one author card. Plain forms (they post without JavaScript; lib/cms/flash.ts brings
// a refusal back), inside <details> so the list stays short; a card whose form was refused opens.
import { useActionState, type ReactNode } from 'react';
import type { ActionState } from '@/lib/cms/action';
import type { AuthorRow } from '@/lib/cms/author-profiles';
import { describedBy, Field, FormStatus } from '../field';
import { editAuthorAction, linkAuthorAction, unlinkAuthorAction } from './actions';

type Author = Pick<AuthorRow, 'id' | 'slug' | 'name' | 'bio'>;
type Props = { author: Author; flash?: ActionState };

/** The result and any error not at a field, then the profile the form changes. */
function FormHead({ state, author }: { state: ActionState; author: Author }) {
  const err = state.fieldErrors?.form ?? state.fieldErrors?.author;
  return (
    <>
      <FormStatus state={state} />
      {err && <p className="field-error" role="alert">{err}</p>}
      <input type="hidden" name="author" value={author.id} />
    </>
  );
}

/** A card's form folded in <details>, open when it has something to say. */
function Folded({ summary, label, state, author, action, children }: { summary: string; label: string; state: ActionState; author: Author; action: (f: FormData) => void; children: ReactNode }) {
  return (
    <details open={state.status !== 'idle' || undefined}>
      <summary>{summary}</summary>
      <form action={action} className="cms-form" aria-label={label}>
        <FormHead state={state} author={author} />
        {children}
      </form>
    </details>
  );
}

export function EditAuthorForm({ author, flash }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(editAuthorAction, flash ?? { status: 'idle' });
  const err = (f: string) => state.fieldErrors?.[f];
  const v = (f: 'name' | 'bio') => state.values?.[f] ?? author[f];
  const id = (f: string) => `${f}-${author.slug}`;
  return (
    <Folded summary="Edit name and bio" label={`Edit author ${author.slug}`} state={state} author={author} action={action}>
      <Field name={id('name')} label="Display name" error={err('name')} hint="The byline of their posts, in pages, feeds and the API.">
        <input id={id('name')} name="name" required maxLength={100} defaultValue={v('name')} aria-invalid={Boolean(err('name'))} aria-describedby={describedBy(id('name'), err('name'))} />
      </Field>
      <Field name={id('bio')} label="Bio" error={err('bio')} hint="Shown under their posts (optional).">
        <textarea id={id('bio')} name="bio" rows={3} maxLength={2000} defaultValue={v('bio')} aria-invalid={Boolean(err('bio'))} aria-describedby={describedBy(id('bio'), err('bio'))} />
      </Field>
      <div className="actions">
        <button type="submit" disabled={pending}>{pending ? 'Saving…' : 'Save author'}</button>
      </div>
    </Folded>
  );
}

export function LinkAuthorForm({ author, accounts, flash }: Props & { accounts: { id: string; name: string; email: string }[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(linkAuthorAction, flash ?? { status: 'idle' });
  const err = state.fieldErrors?.account;
  const id = `account-${author.slug}`;
  return (
    <Folded summary="Link to an account" label={`Link author ${author.slug}`} state={state} author={author} action={action}>
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
                <option key={a.id} value={a.id}>{`${a.name} (${a.email})`}</option>
              ))}
            </select>
          </Field>
          <div className="actions">
            <button type="submit" disabled={pending}>{pending ? 'Linking…' : 'Link'}</button>
          </div>
        </>
      )}
    </Folded>
  );
}

export function UnlinkAuthorForm({ author, email, flash }: Props & { email: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(unlinkAuthorAction, flash ?? { status: 'idle' });
  return (
    <form action={action} className="inline-form" aria-label={`Unlink author ${author.slug}`}>
      <button type="submit" className="secondary" disabled={pending}>{pending ? 'Unlinking…' : `Unlink from ${email}`}</button>
      <FormHead state={state} author={author} />
    </form>
  );
}
