'use client';
// The one-button forms of an endpoint's page: turn it on or off, rotate its secret, send a test
// event, redeliver one delivery, delete it (a ticked box, and a confirm dialog with JavaScript).
// Plain forms that post without JavaScript (lib/cms/flash.ts brings the result back).
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { deleteEndpointAction, redeliverAction, rotateSecretAction, sendTestEventAction, toggleEndpointAction } from './actions';
import { SecretReveal, Status } from './endpoint-form';

const idle: ActionState = { status: 'idle' };

/** A one-button form's field errors are about the form itself (a forged or stale id). */
function Problems({ state, except }: { state: ActionState; except?: string }) {
  const errors = Object.entries(state.fieldErrors ?? {}).filter(([field]) => field !== except);
  return errors.map(([field, error]) => (
    <span key={field} className="field-error" role="alert">
      {error}
    </span>
  ));
}

export function ToggleForm({ id, enabled, flash }: { id: string; enabled: boolean; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(toggleEndpointAction, flash ?? idle);
  return (
    <form action={action} className="inline-form" aria-label={enabled ? 'Turn the endpoint off' : 'Turn the endpoint on'}>
      <input type="hidden" name="id" value={id} />
      {enabled ? (
        <button type="submit" name="change" value="disable" className="secondary" disabled={pending}>{pending ? 'Turning off…' : 'Turn off'}</button>
      ) : (
        <button type="submit" name="change" value="enable" disabled={pending}>{pending ? 'Turning on…' : 'Turn on'}</button>
      )}
      <Status state={state} />
      <Problems state={state} />
    </form>
  );
}

export function RotateForm({ id, flash }: { id: string; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(rotateSecretAction, flash ?? idle);
  return (
    <form action={action} className="cms-form" aria-label="Rotate the signing secret">
      <Status state={state} />
      <SecretReveal state={state} id="rotated-secret" />
      <Problems state={state} />
      <input type="hidden" name="id" value={id} />
      <div className="actions">
        <button type="submit" className="secondary" disabled={pending} aria-describedby="rotate-hint">{pending ? 'Rotating…' : 'Rotate secret'}</button>
      </div>
    </form>
  );
}

export function TestEventForm({ id, flash }: { id: string; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(sendTestEventAction, flash ?? idle);
  return (
    <form action={action} className="inline-form" aria-label="Send a test event">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="secondary" disabled={pending}>{pending ? 'Queueing…' : 'Send test event'}</button>
      <Status state={state} />
      <Problems state={state} />
    </form>
  );
}

export function RedeliverForm({ id, delivery, flash }: { id: string; delivery: string; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(redeliverAction, flash ?? idle);
  return (
    <form action={action} className="inline-form" aria-label={`Redeliver ${delivery}`}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="delivery" value={delivery} />
      <button type="submit" className="secondary" disabled={pending}>{pending ? 'Queueing…' : 'Redeliver'}</button>
      <Status state={state} />
      <Problems state={state} />
    </form>
  );
}

export function DeleteEndpointForm({ id, url, flash }: { id: string; url: string; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deleteEndpointAction, flash ?? idle);
  const err = state.fieldErrors?.confirm;
  return (
    <form
      action={action}
      className="danger-zone"
      aria-label="Delete the endpoint"
      onSubmit={(e) => {
        if (!window.confirm(`Delete the endpoint ${url}? Its delivery log goes with it, and nothing more is sent to it.`)) e.preventDefault();
      }}
    >
      <h2>Delete</h2>
      <input type="hidden" name="id" value={id} />
      <label>
        <input type="checkbox" name="confirm" value="yes" required aria-describedby={err ? 'delete-confirm-error' : undefined} /> Yes, delete this endpoint, its delivery log and the
        deliveries still waiting
      </label>
      {err && <span id="delete-confirm-error" className="field-error" role="alert">{err}</span>}
      <Problems state={state} except="confirm" />
      {state.message && state.status !== 'ok' && <p className={`notice notice-${state.status}`} role="alert">{state.message}</p>}
      <div className="actions">
        <button type="submit" className="danger" disabled={pending}>{pending ? 'Deleting…' : 'Delete endpoint'}</button>
      </div>
    </form>
  );
}
