// Sending the outbox (SPEC §7 "work done once", §8). Each delivery goes through three steps:
//
//  1. claim — one statement (its own short transaction) picks due rows with
//     FOR UPDATE SKIP LOCKED, so concurrent workers in any number of processes each get different
//     rows without waiting on each other, and gives each a lease (lease_until) longer than an
//     attempt can take. The lease is committed before anything is sent.
//  2. send — outside any transaction (./send.ts): no connection or row lock is held while a
//     receiver takes its time.
//  3. record — another transaction writes the attempt for the delivery log and, only if this
//     worker still holds the lease, the outcome (delivered, next attempt, failed).
//
// A process that dies between 1 and 3 leaves a lease that simply runs out; the row is then due
// again and another worker sends it with the same webhook-id — at-least-once delivery, which
// Standard Webhooks receivers deduplicate by that id. Hand-written rather than pg-boss or
// graphile-worker: both need a real PostgreSQL server (LISTEN/NOTIFY, their own schemas and
// long-lived connections) and neither runs on the embedded PGlite, which must behave like pg
// and Neon here; the outbox is one table the change's own transaction already writes.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { JITTER, nextDelayMs, RETRY_DELAYS_S, retryWindowMs } from './schedule';
import { signingSecrets } from './secrets';
import { sendAttempt, type AttemptResult } from './send';

export interface DeliveryOptions {
  timeoutMs: number;
  retryScale: number;
  allowPrivate: readonly string[];
  /** Deliveries sent at once by one drain (per process). */
  concurrency?: number;
  /** Stop claiming after this long (what is in flight finishes); the next drain goes on. */
  budgetMs?: number;
}

/** Parallel sends per process: one publish to 50 endpoints goes out in a few rounds, not 50. */
export const DEFAULT_CONCURRENCY = 16;
/** The lease covers an attempt's time limit plus this much (the two transactions, a slow database). */
export const LEASE_MARGIN_MS = 10_000;

interface Claimed {
  id: string;
  endpointId: string;
  payload: unknown;
  attempts: number;
  leaseUntil: Date;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/**
 * Claim up to `limit` due deliveries of enabled endpoints, leased until now + timeout + margin.
 * Every time here is the database's (now()), never a process's clock: two machines whose clocks
 * disagree must still agree on whether a lease has run out.
 */
export async function claimDue(db: Db, limit: number, timeoutMs: number): Promise<Claimed[]> {
  const result = await db.execute(sql`
    with due as (
      select d.id from ${webhookDeliveries} d
      join ${webhookEndpoints} e on e.id = d.endpoint_id
      where d.status = 'pending' and d.next_attempt_at <= now() and (d.lease_until is null or d.lease_until < now()) and e.enabled
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update of d skip locked
    )
    update ${webhookDeliveries} w
    -- Whole milliseconds, so the lease reads back exactly as a JavaScript Date (recordAttempt compares it).
    set lease_until = date_trunc('milliseconds', now()) + ${timeoutMs + LEASE_MARGIN_MS} * interval '1 millisecond', attempts = w.attempts + 1
    from due, ${webhookEndpoints} e
    where w.id = due.id and e.id = w.endpoint_id
    returning w.id, w.endpoint_id, w.payload, w.attempts, round(extract(epoch from w.lease_until) * 1000)::bigint as lease_ms,
      e.url, e.secret, e.previous_secret, e.previous_secret_expires_at`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((r) => ({
    id: String(r.id),
    endpointId: String(r.endpoint_id),
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    attempts: Number(r.attempts),
    leaseUntil: new Date(Number(r.lease_ms)),
    url: String(r.url),
    secret: String(r.secret),
    previousSecret: r.previous_secret === null ? null : String(r.previous_secret),
    previousSecretExpiresAt: asDate(r.previous_secret_expires_at),
  }));
}

export type Outcome = 'delivered' | 'retry' | 'failed' | 'gone' | 'lost-lease';

/** Send one claimed delivery and record what happened. */
export async function deliverClaimed(db: Db, claim: Claimed, options: DeliveryOptions): Promise<Outcome> {
  const at = new Date();
  const result = await sendAttempt(claim.url, { id: claim.id, body: bodyOf(claim.payload) }, signingSecrets(claim, at), options);
  return recordAttempt(db, claim, result, options);
}

// jsonb keeps keys in its own order (shortest first); the body lists them as documented
// (lib/webhooks/events.ts), the same bytes on every attempt.
const PAYLOAD_KEYS = ['type', 'timestamp', 'data'];
const DATA_KEYS = ['itemType', 'id', 'slug', 'previousSlug', 'url', 'position', 'cursor', 'at', 'message'];
function ordered(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in value) out[k] = value[k];
  for (const k of Object.keys(value)) if (!(k in out)) out[k] = value[k];
  return out;
}
export function bodyOf(payload: unknown): string {
  if (!payload || typeof payload !== 'object') return JSON.stringify(payload);
  const top = ordered(payload as Record<string, unknown>, PAYLOAD_KEYS);
  if (top.data && typeof top.data === 'object') top.data = ordered(top.data as Record<string, unknown>, DATA_KEYS);
  return JSON.stringify(top);
}

const succeeded = (r: AttemptResult) => r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;

function failureText(r: AttemptResult): string | null {
  if (r.error) return r.error;
  if (r.statusCode !== null && r.statusCode >= 300 && r.statusCode < 400) return `Answered ${r.statusCode} (a redirect): webhooks do not follow redirects; register the final URL.`;
  return null;
}

export async function recordAttempt(db: Db, claim: Claimed, r: AttemptResult, options: DeliveryOptions): Promise<Outcome> {
  const now = new Date();
  return db.transaction(async (tx) => {
    // The endpoint's row first, then the delivery's: the order deleting an endpoint takes them in
    // (its deliveries go by cascade), and disabling one (which ends its other deliveries) must
    // not wait on a sibling worker holding a delivery and waiting for the endpoint.
    const [endpoint] = await tx
      .select({ disabledReason: webhookEndpoints.disabledReason })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, claim.endpointId))
      .for('no key update');
    if (!endpoint) return 'lost-lease';
    // PostgreSQL text cannot hold NUL: a receiver's binary answer must not make the attempt unrecordable.
    const excerpt = r.excerpt?.replace(/\u0000/g, '') ?? null;
    await tx.insert(webhookAttempts).values({ deliveryId: claim.id, startedAt: r.startedAt, durationMs: r.durationMs, statusCode: r.statusCode, responseExcerpt: excerpt, error: failureText(r) });
    const held = and(eq(webhookDeliveries.id, claim.id), eq(webhookDeliveries.attempts, claim.attempts), eq(webhookDeliveries.leaseUntil, claim.leaseUntil), eq(webhookDeliveries.status, 'pending'));
    if (succeeded(r)) {
      const rows = await tx.update(webhookDeliveries).set({ status: 'delivered', leaseUntil: null, completedAt: now }).where(held).returning({ id: webhookDeliveries.id });
      if (rows.length === 0) return 'lost-lease';
      await tx.update(webhookEndpoints).set({ failingSince: null, lastFailureAt: null }).where(eq(webhookEndpoints.id, claim.endpointId));
      return 'delivered';
    }
    // 410 Gone: the receiver says the endpoint is no more (Standard Webhooks, "Retry schedule").
    // An endpoint Gazette disabled while this attempt was in flight ends it the same way.
    if (r.statusCode === 410 || endpoint.disabledReason) {
      const rows = await tx.update(webhookDeliveries).set({ status: 'failed', leaseUntil: null, completedAt: now }).where(held).returning({ id: webhookDeliveries.id });
      if (rows.length === 0) return 'lost-lease';
      if (r.statusCode !== 410) return 'failed';
      await disableEndpoint(tx, claim.endpointId, `Disabled on ${now.toISOString()}: the receiver answered 410 Gone.`, now);
      return 'gone';
    }
    const delay = nextDelayMs(claim.attempts, r.statusCode, r.retryAfter, options.retryScale, now);
    const rows = await tx
      .update(webhookDeliveries)
      // Due by the database's clock, as claims compare (see claimDue).
      .set(delay === null ? { status: 'failed', leaseUntil: null, completedAt: now } : { nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'`, leaseUntil: null })
      .where(held)
      .returning({ id: webhookDeliveries.id });
    if (rows.length === 0) return 'lost-lease';
    // A streak of failures starts at the first failure and ends at a success, or when the previous
    // failure is older than the longest wait between two attempts (the endpoint was idle, not
    // failing). One longer than the whole retry schedule, jitter included, means the endpoint is
    // not coming back by itself.
    const gap = streakGapMs(options.retryScale, options.timeoutMs);
    const [streak] = await tx
      .update(webhookEndpoints)
      .set({
        failingSince: sql`case when ${webhookEndpoints.failingSince} is null or ${webhookEndpoints.lastFailureAt} is null
          or ${webhookEndpoints.lastFailureAt} < ${r.startedAt}::timestamptz - ${gap} * interval '1 millisecond'
          then ${r.startedAt}::timestamptz else ${webhookEndpoints.failingSince} end`,
        lastFailureAt: r.startedAt,
      })
      .where(eq(webhookEndpoints.id, claim.endpointId))
      .returning({ failingSince: webhookEndpoints.failingSince });
    const since = streak?.failingSince;
    if (since && now.getTime() - since.getTime() > retryWindowMs(options.retryScale) * (1 + JITTER)) {
      await disableEndpoint(tx, claim.endpointId, `Disabled on ${now.toISOString()}: every delivery failed since ${since.toISOString()}, longer than the retry schedule. Fix the receiver, then enable the endpoint again.`, now);
    }
    return delay === null ? 'failed' : 'retry';
  });
}

/** The longest a failing endpoint can go between two attempts (the longest backoff, jittered, plus one attempt). */
function streakGapMs(scale: number, timeoutMs: number): number {
  return Math.max(...RETRY_DELAYS_S) * 1000 * scale * (1 + JITTER) + timeoutMs + LEASE_MARGIN_MS;
}

/**
 * Turn an endpoint off with a reason the CMS shows; its waiting deliveries end as failed. Ones in
 * flight under another worker's lease are left to that worker, which ends them when it records
 * its attempt (it sees the reason).
 */
async function disableEndpoint(tx: Tx, endpointId: string, reason: string, now: Date): Promise<void> {
  await tx.update(webhookEndpoints).set({ enabled: false, disabledReason: reason, updatedAt: now }).where(eq(webhookEndpoints.id, endpointId));
  await tx
    .update(webhookDeliveries)
    .set({ status: 'failed', leaseUntil: null, completedAt: now })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'pending'), sql`(${webhookDeliveries.leaseUntil} is null or ${webhookDeliveries.leaseUntil} < now())`));
}

/**
 * Send everything due now, `concurrency` at a time, claiming more as sends finish, until a claim
 * finds nothing. Returns how many attempts were made.
 */
export async function drainDue(db: Db, options: DeliveryOptions): Promise<{ attempted: number; delivered: number }> {
  const limit = options.concurrency ?? DEFAULT_CONCURRENCY;
  const stopClaimingAt = Date.now() + (options.budgetMs ?? Infinity);
  const inflight = new Set<Promise<void>>();
  let attempted = 0;
  let delivered = 0;
  let exhausted = false;
  for (;;) {
    if (Date.now() > stopClaimingAt) exhausted = true;
    if (!exhausted && inflight.size < limit) {
      const want = limit - inflight.size;
      const claims = await claimDue(db, want, options.timeoutMs);
      if (claims.length < want) exhausted = true;
      for (const claim of claims) {
        attempted++;
        const p: Promise<void> = deliverClaimed(db, claim, options)
          .then(
            (outcome) => {
              if (outcome === 'delivered') delivered++;
            },
            // Recording failed (database down): the lease runs out and the row is tried again.
            (err: unknown) => console.error(`[webhooks] delivery ${claim.id} could not be recorded:`, err instanceof Error ? err.message : err),
          )
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
      if (!exhausted && inflight.size < limit) continue;
    }
    if (inflight.size === 0) break;
    await Promise.race(inflight);
  }
  return { attempted, delivered };
}

/**
 * When the next pending delivery of an enabled endpoint falls due (its next attempt, or the end of
 * the lease it is under), or null when nothing is pending: the loop sleeps until then.
 */
export async function nextDueAt(db: Db, now = new Date()): Promise<Date | null> {
  const result = await db.execute(sql`
    select min(case when d.lease_until > ${now} then d.lease_until else d.next_attempt_at end) as due
    from ${webhookDeliveries} d join ${webhookEndpoints} e on e.id = d.endpoint_id
    where d.status = 'pending' and e.enabled`);
  const [row] = (result as unknown as { rows: { due: unknown }[] }).rows;
  return asDate(row?.due);
}

/**
 * Send a finished delivery again (the CMS's "Redeliver"): pending now, with a fresh schedule and
 * the same webhook-id; its earlier attempts stay in the log. False when it is still pending.
 */
export async function redeliver(db: Db, deliveryId: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null, completedAt: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), sql`${webhookDeliveries.status} <> 'pending'`))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}
