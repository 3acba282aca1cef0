'use client';
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { signInAction } from './actions';

export function LoginForm({ next, initial }: { next?: string; initial?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(signInAction, initial ?? { status: 'idle' });
  return (
    <form action={action} className="cms-form narrow" aria-describedby="login-status">
      {next && <input type="hidden" name="next" value={next} />}
      <p id="login-status" role="status" className={state.message ? `notice notice-${state.status}` : undefined}>
        {state.message}
      </p>
      <label htmlFor="email">E-mail</label>
      <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.values?.email ?? ''} aria-invalid={Boolean(state.fieldErrors?.email)} aria-describedby="email-error" />
      {state.fieldErrors?.email && <span id="email-error" className="field-error">{state.fieldErrors.email}</span>}
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={Boolean(state.fieldErrors?.password)} aria-describedby="password-error" />
      {state.fieldErrors?.password && <span id="password-error" className="field-error">{state.fieldErrors.password}</span>}
      <button type="submit" disabled={pending}>{pending ? 'Signing in…' : 'Sign in'}</button>
    </form>
  );
}
