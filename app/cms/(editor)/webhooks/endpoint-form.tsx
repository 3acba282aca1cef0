'use client';
// The endpoint form, to create one (on the list page) or edit one (on its page): URL, description,
// event types as checkboxes, on/off. Plain forms: without JavaScript they post and
// lib/cms/flash.ts brings the result back; with it, the result shows in place. A new endpoint's
// secret is in the result only (SecretReveal): shown this once, never read back.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/cms/action';
import { CopyField } from '../media/[id]/media-forms';
import { createEndpointAction, editEndpointAction } from './actions';

export interface EventChoice {
  type: string;
  title: string;
  events: string[];
}

export interface EndpointValues {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
}

export function Status({ state }: { state: ActionState }) {
  return (
    <p role="status" className={state.message ? `notice notice-${state.status}` : undefined}>
      {state.message}
    </p>
  );
}

/** A secret in an action's result: selectable text, and a Copy button once JavaScript runs. */
export function SecretReveal({ state, id }: { state: ActionState; id: string }) {
  const secret = state.status === 'ok' && typeof state.data?.secret === 'string' ? state.data.secret : undefined;
  if (!secret) return null;
  return (
    <div className="secret-reveal">
      <CopyField id={id} label="Signing secret" value={secret} />
      <p className="hint">It is shown only now: copy it into the receiver&apos;s configuration before you leave this page.</p>
    </div>
  );
}

function Fields({ prefix, state, initial, choices }: { prefix: string; state: ActionState; initial: Omit<EndpointValues, 'id'>; choices: EventChoice[] }) {
  const err = (f: string) => state.fieldErrors?.[f];
  // What was typed comes back after a refusal; after a success (or at first) the saved values.
  const typed = state.status !== 'ok' && state.status !== 'idle' ? state.values : undefined;
  const url = typed?.url ?? initial.url;
  const description = typed?.description ?? initial.description;
  const events = new Set(typed ? (typed.events ?? '').split(',') : initial.eventTypes);
  const enabled = typed ? typed.enabled === 'on' : initial.enabled;
  const id = (f: string) => `${prefix}-${f}`;
  const described = (f: string, hint = false) => [err(f) ? id(`${f}-error`) : '', hint ? id(`${f}-hint`) : ''].filter(Boolean).join(' ') || undefined;
  const box = (value: string, label: React.ReactNode) => (
    <label key={value} className="event-choice">
      <input type="checkbox" name="events" value={value} defaultChecked={events.has(value)} /> {label}
    </label>
  );
  return (
    <>
      <div className="field">
        <label htmlFor={id('url')}>URL</label>
        <input id={id('url')} name="url" type="url" inputMode="url" required maxLength={2000} defaultValue={url} aria-invalid={Boolean(err('url'))} aria-describedby={described('url', true)} />
        <span id={id('url-hint')} className="hint">
          Where Gazette POSTs each event (http:// or https://; addresses on private networks are refused).
        </span>
        {err('url') && <span id={id('url-error')} className="field-error" role="alert">{err('url')}</span>}
      </div>
      <div className="field">
        <label htmlFor={id('description')}>Description</label>
        <input id={id('description')} name="description" maxLength={500} defaultValue={description} aria-invalid={Boolean(err('description'))} aria-describedby={described('description')} />
        {err('description') && <span id={id('description-error')} className="field-error" role="alert">{err('description')}</span>}
      </div>
      <fieldset className="event-choices" aria-describedby={described('events', true)} aria-invalid={Boolean(err('events'))}>
        <legend>Events</legend>
        <span id={id('events-hint')} className="hint">Choose at least one; “every event” includes those of content types added later.</span>
        {box('*', <strong>Every event</strong>)}
        {choices.map((c) => (
          <fieldset key={c.type} className="event-group">
            <legend>{c.title}</legend>
            {c.events.map((e) => box(e, <code>{e}</code>))}
          </fieldset>
        ))}
        {err('events') && <span id={id('events-error')} className="field-error" role="alert">{err('events')}</span>}
      </fieldset>
      <label className="event-choice">
        <input type="checkbox" name="enabled" defaultChecked={enabled} aria-describedby={id('enabled-hint')} /> On
      </label>
      <span id={id('enabled-hint')} className="hint">An endpoint that is off receives no new events.</span>
      {err('enabled') && <span className="field-error" role="alert">{err('enabled')}</span>}
    </>
  );
}

export function CreateEndpointForm({ choices, flash }: { choices: EventChoice[]; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createEndpointAction, flash ?? { status: 'idle' });
  const created = state.status === 'ok' && typeof state.data?.id === 'string' ? state.data.id : undefined;
  return (
    <section aria-labelledby="new-endpoint" className="webhook-new">
      <h2 id="new-endpoint">New endpoint</h2>
      <Status state={state} />
      <SecretReveal state={state} id="new-secret" />
      {created && (
        <p>
          <a href={`/cms/webhooks/${created}`}>Open the new endpoint</a> (delivery log, test event).
        </p>
      )}
      <form action={action} className="cms-form" aria-label="New endpoint">
        {state.fieldErrors?.form && <p role="alert" className="field-error">{state.fieldErrors.form}</p>}
        <Fields prefix="new" state={state} initial={{ url: '', description: '', eventTypes: [], enabled: true }} choices={choices} />
        <div className="actions">
          <button type="submit" disabled={pending}>{pending ? 'Creating…' : 'Create endpoint'}</button>
        </div>
      </form>
    </section>
  );
}

export function EditEndpointForm({ endpoint, choices, flash }: { endpoint: EndpointValues; choices: EventChoice[]; flash?: ActionState }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(editEndpointAction, flash ?? { status: 'idle' });
  return (
    <form action={action} className="cms-form" aria-label="Endpoint settings">
      <Status state={state} />
      {state.fieldErrors?.form && <p role="alert" className="field-error">{state.fieldErrors.form}</p>}
      {state.fieldErrors?.id && <p role="alert" className="field-error">{state.fieldErrors.id}</p>}
      <input type="hidden" name="id" value={endpoint.id} />
      <Fields prefix="edit" state={state} initial={endpoint} choices={choices} />
      <div className="actions">
        <button type="submit" disabled={pending}>{pending ? 'Saving…' : 'Save endpoint'}</button>
      </div>
    </form>
  );
}
