'use client';
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { usePressedIntent } from '../[type]/pressed-intent';
import { changeEditorAction, createEditorAction } from './actions';

export function CreateEditorForm({ flash }: { flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createEditorAction, flash ?? { status: 'idle' });
  const err = (f: string) => state.fieldErrors?.[f];
  const v = (f: string) => (state.status === 'ok' ? '' : state.values?.[f] ?? '');
  return (
    <form action={action} className="cms-form narrow" aria-label="New account">
      <h2>New account</h2>
      {state.message && <p role="status" className={`notice notice-${state.status}`}>{state.message}</p>}
      {err('form') && <p role="alert" className="field-error">{err('form')}</p>}
      {(['name', 'email'] as const).map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`new-${f}`}>{f === 'name' ? 'Name' : 'E-mail'}</label>
          <input id={`new-${f}`} name={f} type={f === 'email' ? 'email' : 'text'} required defaultValue={v(f)} aria-invalid={Boolean(err(f))} aria-describedby={err(f) ? `new-${f}-error` : undefined} />
          {err(f) && <span id={`new-${f}-error`} role="alert" className="field-error">{err(f)}</span>}
        </div>
      ))}
      <div className="field">
        <label htmlFor="new-password">Initial password</label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" minLength={10} required aria-invalid={Boolean(err('password'))} aria-describedby="new-password-hint" />
        <span id="new-password-hint" className="hint">At least 10 characters; share it privately.</span>
        {err('password') && <span role="alert" className="field-error">{err('password')}</span>}
      </div>
      <div className="field">
        <label htmlFor="new-role">Role</label>
        <select id="new-role" name="role" defaultValue={v('role') || 'editor'}>
          <option value="editor">Editor</option>
          <option value="admin">Admin</option>
        </select>
      </div>
      <button type="submit" disabled={pending}>{pending ? 'Creating…' : 'Create account'}</button>
    </form>
  );
}

export function ChangeEditorForm({ userId, email, role, banned, flash }: { userId: string; email: string; role: string; banned: boolean; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeEditorAction, flash ?? { status: 'idle' });
  const pressed = usePressedIntent({ field: 'change' });
  return (
    <form action={action} onSubmit={pressed.note} className="inline-form" aria-label={`Change ${email}`}>
      <input type="hidden" name="userId" value={userId} />
      <label className="visually-hidden" htmlFor={`role-${userId}`}>Role of {email}</label>
      <select id={`role-${userId}`} name="role" defaultValue={role}>
        <option value="editor">Editor</option>
        <option value="admin">Admin</option>
      </select>
      <button type="submit" name="change" value="role" disabled={pending} className="secondary">{pressed.label('role', 'Change role', pending)}</button>
      {banned ? (
        <button type="submit" name="change" value="reactivate" disabled={pending}>{pressed.label('reactivate', 'Reactivate', pending)}</button>
      ) : (
        <button type="submit" name="change" value="deactivate" disabled={pending} className="danger">{pressed.label('deactivate', 'Deactivate', pending)}</button>
      )}
      {state.message && <span role="status" className={`notice notice-${state.status}`}>{state.message}</span>}
    </form>
  );
}
