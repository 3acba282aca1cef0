// Webhook endpoints as admins manage them in the CMS (SPEC §8): create, edit, turn on and off,
// rotate the signing secret, delete; and the delivery log (each delivery with its attempts),
// redelivering one and queueing a test event. Every write runs in the action wrapper's
// transaction (lib/cms/action.ts). A secret leaves the database only in the answer to the
// action that made it (shown once): the reads here never select it.
import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { RunResult } from '@/lib/cms/action';
import { editorClock } from '@/lib/cms/editor-clock';
import { line } from '@/lib/cms/forms';
import { ActionRefusal } from '@/lib/cms/refusals';
import { contentTypes } from '@/lib/cms/registry';
import { ALL_EVENTS, eventTypesFor } from './events';
import { redeliver as sendAgain } from './deliver';
import { enqueueTestEvent } from './outbox';
import { generateSecret, ROTATION_OVERLAP_HOURS } from './secrets';

export const MAX_URL_CHARS = 2000;
export const DELIVERIES_PER_PAGE = 20;

/** The event types an endpoint may subscribe to, grouped by content type, and the catch-all. */
export function eventChoices(): { type: string; title: string; events: string[] }[] {
  return contentTypes().map((t) => ({ type: t.name, title: t.labels.title, events: eventTypesFor([t.name]) }));
}

const knownEvents = () => new Set([ALL_EVENTS, ...eventTypesFor(contentTypes().map((t) => t.name))]);

const invalid = (fieldErrors: Record<string, string>) => new ActionRefusal('invalid', 'Please correct the highlighted fields.', fieldErrors);

/**
 * An endpoint URL as it is stored and called: absolute http(s), no user name or password (Node's
 * fetch refuses them, and the signature is the receiver's proof of origin), no fragment (never
 * sent). Whether its host may be reached is checkWebhookUrl's word (./address-policy.ts).
 */
export const webhookUrlField = z
  .string({ error: 'The URL must be text.' })
  .trim()
  .min(1, 'Enter the URL Gazette should send events to.')
  .max(MAX_URL_CHARS, `The URL is limited to ${MAX_URL_CHARS.toLocaleString('en')} characters.`)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      url = new URL('invalid:');
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
      ctx.addIssue({ code: 'custom', message: 'Use an http:// or https:// URL, e.g. https://example.com/webhooks.' });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Put no user name or password in the URL: every delivery is signed (the webhook-signature header) for the receiver to check.' });
      return z.NEVER;
    }
    url.hash = '';
    if (url.href.length > MAX_URL_CHARS) {
      ctx.addIssue({ code: 'custom', message: `The URL is limited to ${MAX_URL_CHARS.toLocaleString('en')} characters.` });
      return z.NEVER;
    }
    return url.href;
  });

/** The ticked event boxes (the form wrapper joins repeated fields with commas). */
const eventsField = z
  .string({ error: 'Choose at least one event type.' })
  .max(4000, 'Too many event types.')
  .default('')
  .transform((value, ctx) => {
    const chosen = [...new Set(value.split(',').map((e) => e.trim()).filter(Boolean))];
    if (chosen.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'Choose at least one event type.' });
      return z.NEVER;
    }
    const known = knownEvents();
    const unknown = chosen.find((e) => !known.has(e));
    if (unknown !== undefined) {
      ctx.addIssue({ code: 'custom', message: `Unknown event type “${unknown.slice(0, 60)}”; reload the page.` });
      return z.NEVER;
    }
    // The catch-all covers every other choice: store it alone.
    return chosen.includes(ALL_EVENTS) ? [ALL_EVENTS] : chosen;
  });

const endpointId = z.uuid('Reload the page: this form does not name an endpoint.');
const deliveryId = z.string().regex(/^msg_[\w-]{1,100}$/, 'Reload the page: this form does not name a delivery.');
const checkbox = z.enum(['on'], { error: 'Tick the box or leave it empty.' }).optional().transform((v) => v === 'on');

const endpointFields = {
  url: webhookUrlField,
  description: line('The description', 500).default(''),
  events: eventsField,
  enabled: checkbox,
};

export const createEndpointSchema = z.strictObject(endpointFields);
export const editEndpointSchema = z.strictObject({ id: endpointId, ...endpointFields });
export const toggleEndpointSchema = z.strictObject({ id: endpointId, change: z.enum(['enable', 'disable'], { error: 'Unknown change.' }) });
export const endpointOnlySchema = z.strictObject({ id: endpointId });
export const deleteEndpointSchema = z.strictObject({ id: endpointId, confirm: z.enum(['yes'], { error: 'Tick the box to confirm.' }) });
export const redeliverSchema = z.strictObject({ id: endpointId, delivery: deliveryId });

/** What the address policy said of a URL, checked before the transaction (it may resolve DNS). */
export interface UrlVerdict {
  url: string;
  refusal: string | null;
}

function refuseUrl(verdict: UrlVerdict | undefined, url: string): void {
  // The verdict is always for this URL (the action checks the same parsed value).
  if (verdict && verdict.url === url && verdict.refusal) throw invalid({ url: verdict.refusal });
  if (!verdict || verdict.url !== url) throw new ActionRefusal('invalid', 'The URL could not be checked; try again.');
}

/** Columns safe to show: everything but the secrets. */
const SHOWN = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  failingSince: webhookEndpoints.failingSince,
  previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
  /** Whether the previous secret still signs (its overlap has not ended), by the database's clock. */
  previousSecretActive: sql<boolean>`coalesce(${webhookEndpoints.previousSecretExpiresAt} > now(), false)`,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};

export type EndpointView = NonNullable<Awaited<ReturnType<typeof getEndpoint>>>;

export async function getEndpoint(db: Db, id: string) {
  if (!z.uuid().safeParse(id).success) return undefined;
  const [row] = await db.select(SHOWN).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

export interface LastDelivery {
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  createdAt: Date;
  attemptAt: Date | null;
  statusCode: number | null;
  error: string | null;
}

/** Every endpoint, oldest first, with its newest delivery and that delivery's latest attempt. */
export async function listEndpoints(db: Db) {
  const endpoints = await db.select(SHOWN).from(webhookEndpoints).orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
  if (endpoints.length === 0) return [];
  const ids = endpoints.map((e) => e.id);
  const latest = await db
    .selectDistinctOn([webhookDeliveries.endpointId], { endpointId: webhookDeliveries.endpointId, id: webhookDeliveries.id, eventType: webhookDeliveries.eventType, status: webhookDeliveries.status, createdAt: webhookDeliveries.createdAt })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.endpointId, ids))
    .orderBy(webhookDeliveries.endpointId, desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id));
  const attempts = latest.length
    ? await db
        .selectDistinctOn([webhookAttempts.deliveryId], { deliveryId: webhookAttempts.deliveryId, startedAt: webhookAttempts.startedAt, statusCode: webhookAttempts.statusCode, error: webhookAttempts.error })
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, latest.map((d) => d.id)))
        .orderBy(webhookAttempts.deliveryId, desc(webhookAttempts.startedAt), desc(webhookAttempts.id))
    : [];
  return endpoints.map((e) => {
    const d = latest.find((l) => l.endpointId === e.id);
    const a = d && attempts.find((x) => x.deliveryId === d.id);
    const last: LastDelivery | undefined = d && { eventType: d.eventType, status: d.status, createdAt: d.createdAt, attemptAt: a?.startedAt ?? null, statusCode: a?.statusCode ?? null, error: a?.error ?? null };
    return { ...e, last };
  });
}

/** The cursor of the delivery log: the row's created_at as PostgreSQL prints it, and its id. */
const encodeCursor = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
const cursorSchema = z.tuple([
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/)
    // The shape alone lets 2024-13-45 99:99:99 through, which the ::timestamptz cast refuses.
    .refine((v) => !Number.isNaN(Date.parse(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')))),
  deliveryId,
]);
function decodeCursor(value: string | undefined): { key: string; id: string } | undefined {
  if (!value || value.length > 300) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? { key: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

/** A page of an endpoint's deliveries, newest first by keyset (created_at, id), with their attempts. */
export async function listDeliveries(db: Db, endpoint: string, after?: string) {
  const from = decodeCursor(after);
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      changePosition: webhookDeliveries.changePosition,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      /** A worker holds it right now (its lease has not run out). */
      sending: sql<boolean>`coalesce(${webhookDeliveries.leaseUntil} > now(), false)`,
      createdAt: webhookDeliveries.createdAt,
      completedAt: webhookDeliveries.completedAt,
      key: sql<string>`${webhookDeliveries.createdAt}::text`,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpoint), from ? sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${from.key}::timestamptz, ${from.id})` : undefined))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERIES_PER_PAGE + 1);
  const page = rows.slice(0, DELIVERIES_PER_PAGE);
  const tries = page.length
    ? await db
        .select({ id: webhookAttempts.id, deliveryId: webhookAttempts.deliveryId, startedAt: webhookAttempts.startedAt, durationMs: webhookAttempts.durationMs, statusCode: webhookAttempts.statusCode, responseExcerpt: webhookAttempts.responseExcerpt, error: webhookAttempts.error })
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, page.map((d) => d.id)))
        .orderBy(desc(webhookAttempts.startedAt), desc(webhookAttempts.id))
        .limit(DELIVERIES_PER_PAGE * 50)
    : [];
  const last = rows[DELIVERIES_PER_PAGE - 1];
  return {
    deliveries: page.map(({ key: _key, ...d }) => ({ ...d, tries: tries.filter((t) => t.deliveryId === d.id) })),
    next: rows.length > DELIVERIES_PER_PAGE && last ? encodeCursor(last.key, last.id) : undefined,
  };
}

/** The endpoint row, locked for this transaction (a concurrent edit or rotation waits). */
async function lockEndpoint(tx: Tx, id: string) {
  const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for('update');
  if (!row) throw new ActionRefusal('invalid', 'This endpoint no longer exists (deleted meanwhile?). Reload the page.');
  return row;
}

const onceNote = 'Copy it now: it is not shown again. Receivers verify each delivery with it (Standard Webhooks).';

export async function createEndpoint(tx: Tx, input: z.output<typeof createEndpointSchema>, verdict: UrlVerdict | undefined): Promise<RunResult> {
  refuseUrl(verdict, input.url);
  const secret = generateSecret();
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({ url: input.url, description: input.description, eventTypes: input.events, enabled: input.enabled, secret })
    .returning({ id: webhookEndpoints.id });
  return { message: `Created the endpoint${input.enabled ? '' : ' (off: it receives nothing until you turn it on)'}. Its signing secret is below. ${onceNote}`, tags: [], data: { secret, id: row!.id } };
}

export async function editEndpoint(tx: Tx, input: z.output<typeof editEndpointSchema>, verdict: UrlVerdict | undefined): Promise<RunResult> {
  const current = await lockEndpoint(tx, input.id);
  const moved = current.url !== input.url;
  // An unchanged URL is not checked again: an admin must always be able to turn off or
  // re-describe an endpoint whose host the policy would now refuse (the sender refuses it anyway).
  if (moved) refuseUrl(verdict, input.url);
  const turnedOn = input.enabled && !current.enabled;
  await tx
    .update(webhookEndpoints)
    .set({
      url: input.url,
      description: input.description,
      eventTypes: input.events,
      enabled: input.enabled,
      // Turned on by an admin: Gazette's reason for turning it off no longer holds. A new URL starts
      // with a clean record too.
      ...(input.enabled ? { disabledReason: null } : {}),
      ...(turnedOn || moved ? { failingSince: null, lastFailureAt: null } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(webhookEndpoints.id, current.id));
  return { message: turnedOn ? 'Saved; the endpoint is on again and receives new events.' : 'Saved the endpoint.', tags: [] };
}

export async function toggleEndpoint(tx: Tx, input: z.output<typeof toggleEndpointSchema>): Promise<RunResult> {
  const current = await lockEndpoint(tx, input.id);
  if (input.change === 'enable') {
    await tx.update(webhookEndpoints).set({ enabled: true, disabledReason: null, failingSince: null, lastFailureAt: null, updatedAt: sql`now()` }).where(eq(webhookEndpoints.id, current.id));
    return { message: current.enabled ? 'The endpoint was already on.' : 'Turned on: the endpoint receives new events again.', tags: [] };
  }
  await tx.update(webhookEndpoints).set({ enabled: false, disabledReason: null, updatedAt: sql`now()` }).where(eq(webhookEndpoints.id, current.id));
  return { message: 'Turned off: no new events are queued for this endpoint until you turn it on.', tags: [] };
}

/**
 * A new current secret; the one it replaces keeps signing beside it for ROTATION_OVERLAP_HOURS
 * (./secrets.ts signingSecrets), so the receiver can switch without losing a delivery. A secret
 * that was itself still in its overlap is dropped: only one previous secret signs.
 */
export async function rotateSecret(tx: Tx, input: z.output<typeof endpointOnlySchema>): Promise<RunResult> {
  const current = await lockEndpoint(tx, input.id);
  const secret = generateSecret();
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ secret, previousSecret: current.secret, previousSecretExpiresAt: sql`now() + make_interval(hours => ${ROTATION_OVERLAP_HOURS})`, updatedAt: sql`now()` })
    .where(eq(webhookEndpoints.id, current.id))
    .returning({ until: webhookEndpoints.previousSecretExpiresAt });
  const clock = await editorClock(tx);
  const until = clock.stamp(row!.until!);
  return { message: `New signing secret made. ${onceNote} Until ${until}, deliveries carry signatures with both the old and the new secret; after that only the new one.`, tags: [], data: { secret, id: current.id, until } };
}

export async function deleteEndpoint(tx: Tx, input: z.output<typeof deleteEndpointSchema>): Promise<RunResult> {
  const current = await lockEndpoint(tx, input.id);
  // Its deliveries and their attempts go by cascade (db/schema.ts): nothing more is sent.
  await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, current.id));
  return { message: 'Deleted the endpoint.', tags: [], redirectTo: `/cms/webhooks?deleted=${encodeURIComponent(current.url.slice(0, 300))}` };
}

// The sender takes up only deliveries of endpoints that are on (./deliver.ts claim).
const heldNote = (enabled: boolean) => (enabled ? '' : ' The endpoint is off: it waits until you turn the endpoint on.');

export async function sendTestEvent(tx: Tx, input: z.output<typeof endpointOnlySchema>): Promise<RunResult> {
  const current = await lockEndpoint(tx, input.id);
  const id = await enqueueTestEvent(tx, current.id);
  return { message: `Queued a test event (${id}). It appears in the log below.${heldNote(current.enabled)}`, tags: [] };
}

/**
 * Send a delivered or failed delivery again (./deliver.ts redeliver: pending, due now, a fresh
 * retry schedule), with the same webhook-id (receivers de-duplicate by it) and the same payload.
 * Its earlier attempts stay in the log. Only a delivery of this endpoint: the form names both.
 */
export async function redeliver(tx: Tx, input: z.output<typeof redeliverSchema>): Promise<RunResult> {
  const endpoint = await lockEndpoint(tx, input.id);
  const [row] = await tx
    .select({ status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, input.delivery), eq(webhookDeliveries.endpointId, input.id)))
    .for('update');
  if (!row) throw new ActionRefusal('invalid', 'This delivery no longer exists. Reload the page.');
  if (row.status === 'pending' || !(await sendAgain(tx, input.delivery))) throw new ActionRefusal('invalid', 'This delivery is still waiting to be sent: it goes out on its own.');
  return { message: `Redelivering ${input.delivery}: it is sent again now, with the same webhook-id.${heldNote(endpoint.enabled)}`, tags: [] };
}
