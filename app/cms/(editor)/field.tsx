// A labelled form field with its hint and error, as the CMS forms lay them out. The control
// itself is passed in, and points at the hint and error with `describedBy(name, error)`.
import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/cms/action';

export function Field({ name, label, error, hint, children }: { name: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {children}
      {hint && <span id={`${name}-hint`} className="hint">{hint}</span>}
      {error && <span id={`${name}-error`} className="field-error" role="alert">{error}</span>}
    </div>
  );
}

/** The aria-describedby of a field: its error (when there is one), then its hint. */
export function describedBy(name: string, error: string | undefined, hasHint = true): string | undefined {
  return [error ? `${name}-error` : '', hasHint ? `${name}-hint` : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * A form's result message. The live region is always there (empty until a result), so a message
 * that arrives is announced.
 */
export function FormStatus({ state }: { state: ActionState }) {
  return (
    <p role="status" className={state.message ? `notice notice-${state.status}` : undefined}>
      {state.message}
    </p>
  );
}
