'use server';
// Admin-only Server Actions of the webhook pages (lib/webhooks/endpoints.ts), each through the one
// action wrapper with role 'admin': an editor's replayed form is refused before anything runs.
import { refresh } from 'next/cache';
import { cmsAction, type ActionState, type RunResult } from '@/lib/cms/action';
import { currentEditor } from '@/lib/cms/session';
import { checkWebhookUrl } from '@/lib/webhooks/address-policy';
import {
  createEndpoint,
  createEndpointSchema,
  deleteEndpoint,
  deleteEndpointSchema,
  editEndpoint,
  editEndpointSchema,
  endpointOnlySchema,
  redeliver,
  redeliverSchema,
  rotateSecret,
  sendTestEvent,
  toggleEndpoint,
  toggleEndpointSchema,
  webhookUrlField,
  type UrlVerdict,
} from '@/lib/webhooks/endpoints';
import { kickDeliveries } from '@/lib/webhooks/worker';

/**
 * The flash name of an endpoint page's form (lib/cms/flash.ts), one per kind. Not per endpoint: a
 * no-JavaScript result goes back to the page the form was posted from, and is shown there even
 * when the form's id was forged or the endpoint is gone.
 */
const formOf = (kind: string) => `webhook-${kind}`;

/**
 * With JavaScript, the page around the form renders again after the action (the list, the state,
 * the log): these changes touch no cache tag that would do it.
 */
const andRefresh =
  <C,>(run: (ctx: C) => Promise<RunResult>) =>
  async (ctx: C): Promise<RunResult> => {
    const result = await run(ctx);
    refresh();
    return result;
  };

/**
 * The address policy's verdict on the submitted URL, asked before the action's transaction: it
 * may resolve the host name, and a transaction held open meanwhile would stall every other
 * request on the embedded database. Only for an admin (nobody else may make Gazette look up
 * names), and only for a URL the form's own rules accept.
 */
async function verdictFor(formData: FormData): Promise<UrlVerdict | undefined> {
  try {
    if ((await currentEditor())?.role !== 'admin') return undefined;
  } catch {
    return undefined; // The wrapper says the database is unreachable.
  }
  const raw = formData.get('url');
  const url = webhookUrlField.safeParse(typeof raw === 'string' ? raw : undefined);
  if (!url.success) return undefined;
  try {
    return { url: url.data, refusal: await checkWebhookUrl(url.data) };
  } catch (err) {
    console.error('[webhooks] the URL check failed:', err instanceof Error ? err.message : err);
    return { url: url.data, refusal: 'Gazette could not check where this URL leads; try again in a moment.' };
  }
}

export async function createEndpointAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  const verdict = await verdictFor(formData);
  return cmsAction({ form: 'webhook-create', schema: createEndpointSchema, role: 'admin', run: andRefresh(({ tx, input }) => createEndpoint(tx, input, verdict)) })(prev, formData);
}

export async function editEndpointAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  const verdict = await verdictFor(formData);
  return cmsAction({ form: formOf('edit'), schema: editEndpointSchema, role: 'admin', run: andRefresh(({ tx, input }) => editEndpoint(tx, input, verdict)) })(prev, formData);
}

const toggle = cmsAction({ form: formOf('toggle'), schema: toggleEndpointSchema, role: 'admin', run: andRefresh(({ tx, input }) => toggleEndpoint(tx, input)) });
export async function toggleEndpointAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return toggle(prev, formData);
}

const rotate = cmsAction({ form: formOf('rotate'), schema: endpointOnlySchema, role: 'admin', run: andRefresh(({ tx, input }) => rotateSecret(tx, input)) });
export async function rotateSecretAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return rotate(prev, formData);
}

const remove = cmsAction({ form: formOf('delete'), schema: deleteEndpointSchema, role: 'admin', run: ({ tx, input }) => deleteEndpoint(tx, input) });
export async function deleteEndpointAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return remove(prev, formData);
}

/**
 * Test events and redeliveries are queued outside the change log, so nothing else wakes the
 * worker for them: ask it to look once the action is over (its transaction committed, or refused:
 * asking costs nothing when nothing is due). `finally`, because a form posted without JavaScript
 * ends in a redirect, which is thrown.
 */
async function thenKick(answer: Promise<ActionState>): Promise<ActionState> {
  try {
    return await answer;
  } finally {
    kickDeliveries();
  }
}

const testEvent = cmsAction({ form: formOf('test'), schema: endpointOnlySchema, role: 'admin', run: andRefresh(({ tx, input }) => sendTestEvent(tx, input)) });
export async function sendTestEventAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return thenKick(testEvent(prev, formData));
}

const again = cmsAction({ form: formOf('redeliver'), schema: redeliverSchema, role: 'admin', run: andRefresh(({ tx, input }) => redeliver(tx, input)) });
export async function redeliverAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return thenKick(again(prev, formData));
}
