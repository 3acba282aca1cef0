// The webhook outbox (SPEC §8): deliveries written in the same transaction as the change that
// causes them (lib/cms/change-log.ts calls enqueueWebhooks), one per subscribed endpoint, so a
// change that commits is delivered and one that rolls back never is. Workers
// (./worker.ts) send them.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { encodeChangesCursor } from '@/lib/api/changes';
import { ALL_EVENTS, type ChangeKindName, type WebhookPayload } from './events';

/** A `webhook-id`: unique per event and endpoint, the same on every attempt. */
export const newMessageId = () => `msg_${randomBytes(18).toString('base64url')}`;

export interface ChangeEvent {
  position: number;
  itemType: string;
  itemId: string;
  kind: ChangeKindName;
  slug: string | null;
  previousSlug: string | null;
  url: string;
  at: Date;
}

export function payloadOf(change: ChangeEvent): WebhookPayload {
  return {
    type: `${change.itemType}.${change.kind}`,
    timestamp: change.at.toISOString(),
    data: {
      itemType: change.itemType,
      id: change.itemId,
      slug: change.slug,
      ...(change.previousSlug ? { previousSlug: change.previousSlug } : {}),
      url: change.url,
      position: change.position,
      cursor: encodeChangesCursor({ v: 1, p: change.position - 1 }),
      at: change.at.toISOString(),
    },
  };
}

/** Queue the change for every enabled endpoint subscribed to its event type (or to all). */
export async function enqueueWebhooks(tx: Tx, change: ChangeEvent): Promise<number> {
  const type = `${change.itemType}.${change.kind}`;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), sql`${webhookEndpoints.eventTypes} && array[${type}, ${ALL_EVENTS}]::text[]`));
  if (endpoints.length === 0) return 0;
  const payload = payloadOf(change) as unknown as Record<string, unknown>;
  // Due now by the database's clock (the default), which every worker's claim compares with.
  await tx.insert(webhookDeliveries).values(
    endpoints.map((e) => ({ id: newMessageId(), endpointId: e.id, eventType: type, changePosition: change.position, payload })),
  );
  return endpoints.length;
}

/** Queue a delivery outside the change log (the CMS's "Send test event"). */
export async function enqueueTestEvent(db: Db, endpointId: string, now = new Date()): Promise<string> {
  const id = newMessageId();
  const payload: WebhookPayload = { type: 'webhook.test', timestamp: now.toISOString(), data: { message: 'A test event from Gazette. Verify its signature as you would any other.' } };
  await db.insert(webhookDeliveries).values({ id, endpointId, eventType: payload.type, changePosition: null, payload: payload as unknown as Record<string, unknown> });
  return id;
}
