// Webhook delivery against real receivers on 127.0.0.1 (SPEC §8), in-process: a private copy of
// the embedded database, the outbox rows as the change log writes them, and the workers' own
// drain (lib/webhooks/deliver.ts). Signatures are checked with both reference verifiers
// (standardwebhooks and svix); retries, 410, Retry-After, time-outs, redirects, leases and the
// outbound address policy at connect time are each seen from the receiver's side.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db, type DbHandle } from '@/db/client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { claimDue, drainDue, recordAttempt, redeliver, type DeliveryOptions } from '@/lib/webhooks/deliver';
import { generateSecret } from '@/lib/webhooks/secrets';
import { MAX_ATTEMPTS } from '@/lib/webhooks/schedule';
import { startReceiver, type Answer, type Receiver } from '../helpers/webhook-receiver';
import { copyTemplate } from '../helpers/template-db';

let handle: DbHandle;
let cleanup: () => void;
const receivers: Receiver[] = [];
const db = (): Db => handle.db;

beforeAll(async () => {
  const copy = copyTemplate();
  cleanup = copy.cleanup;
  handle = await openDatabase({ driver: 'pglite', dataDir: copy.dataDir });
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await handle?.close();
  cleanup?.();
});

// Retries within milliseconds to seconds: 5 s × 0.001, 5 min × 0.001, …
const LOCAL: DeliveryOptions = { timeoutMs: 2000, retryScale: 0.001, allowPrivate: ['127.0.0.1'] };

async function receiver(...answers: Answer[]): Promise<Receiver> {
  const r = await startReceiver(answers);
  receivers.push(r);
  return r;
}

async function endpoint(url: string, values: Partial<typeof webhookEndpoints.$inferInsert> = {}) {
  const [row] = await db()
    .insert(webhookEndpoints)
    .values({ url, eventTypes: ['*'], secret: generateSecret(), ...values })
    .returning();
  return row!;
}

let position = 1_000_000;
/** One outbox row, as enqueueWebhooks writes it for a change. */
async function enqueue(endpointId: string, slug = `post-${position}`): Promise<string> {
  const id = `msg_${randomBytes(18).toString('base64url')}`;
  const at = new Date().toISOString();
  const pos = position++;
  const payload = { type: 'post.published', timestamp: at, data: { itemType: 'post', id: crypto.randomUUID(), slug, url: `http://gazette.test/api/posts/${slug}`, position: pos, at } };
  await db().insert(webhookDeliveries).values({ id, endpointId, eventType: 'post.published', changePosition: pos, payload, nextAttemptAt: new Date() });
  return id;
}

const delivery = async (id: string) => (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
const attemptsOf = (id: string) => db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id)).orderBy(webhookAttempts.startedAt);
const endpointRow = async (id: string) => (await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0]!;

/** Drain repeatedly (as the loop does) until the delivery is no longer pending. */
async function settle(id: string, options: DeliveryOptions = LOCAL, limitMs = 30_000): Promise<typeof webhookDeliveries.$inferSelect> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    await drainDue(db(), options);
    const row = await delivery(id);
    if (row.status !== 'pending') return row;
    if (Date.now() > deadline) throw new Error(`delivery ${id} still pending after ${limitMs} ms (${row.attempts} attempts)`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('signing (Standard Webhooks v1)', () => {
  it('sends JSON with webhook-id, -timestamp and a v1 signature that both reference verifiers accept', async () => {
    const r = await receiver(200);
    const ep = await endpoint(r.url);
    const id = await enqueue(ep.id, 'signed-post');
    expect((await settle(id)).status).toBe('delivered');
    const [req] = r.received;
    expect(req!.headers['webhook-id']).toBe(id);
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['user-agent']).toMatch(/Gazette/);
    expect(Math.abs(Number(req!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(req!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const headers = { 'webhook-id': req!.headers['webhook-id']!, 'webhook-timestamp': req!.headers['webhook-timestamp']!, 'webhook-signature': req!.headers['webhook-signature']! };
    const body = new StandardWebhook(ep.secret).verify(req!.body, headers) as { type: string; data: { slug: string; position: number } };
    expect(body.type).toBe('post.published');
    expect(body.data.slug).toBe('signed-post');
    expect(() => new SvixWebhook(ep.secret).verify(req!.body, headers)).not.toThrow();
    // A wrong secret, or a body changed on the way, does not verify.
    expect(() => new StandardWebhook(generateSecret()).verify(req!.body, headers)).toThrow();
    expect(() => new StandardWebhook(ep.secret).verify(req!.body.replace('signed-post', 'other-post'), headers)).toThrow();
  });

  it('signs with the old and the new secret during a rotation, and with the new one only after it', async () => {
    const r = await receiver(200);
    const old = generateSecret();
    const ep = await endpoint(r.url, { previousSecret: old, previousSecretExpiresAt: new Date(Date.now() + 3600_000) });
    await settle(await enqueue(ep.id));
    const during = r.received[0]!;
    expect(during.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const secret of [old, ep.secret]) {
      new StandardWebhook(secret).verify(during.body, during.headers);
      new SvixWebhook(secret).verify(during.body, during.headers);
    }
    await db().update(webhookEndpoints).set({ previousSecretExpiresAt: new Date(Date.now() - 1000) }).where(eq(webhookEndpoints.id, ep.id));
    await settle(await enqueue(ep.id));
    const after = r.received[1]!;
    expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    new StandardWebhook(ep.secret).verify(after.body, after.headers);
    expect(() => new StandardWebhook(old).verify(after.body, after.headers)).toThrow();
  });
});

describe('retries', () => {
  it('retries a receiver that fails twice with the same webhook-id, and ends delivered', async () => {
    const r = await receiver(500, 503, 200);
    const ep = await endpoint(r.url);
    const id = await enqueue(ep.id);
    const row = await settle(id);
    expect(row.status).toBe('delivered');
    expect(row.attempts).toBe(3);
    expect(r.received.map((q) => q.id)).toEqual([id, id, id]);
    // Each attempt is signed afresh (its own timestamp) and verifies.
    for (const q of r.received) new StandardWebhook(ep.secret).verify(q.body, q.headers);
    const log = await attemptsOf(id);
    expect(log.map((a) => a.statusCode)).toEqual([500, 503, 200]);
    expect(log[0]!.responseExcerpt).toBe('answer 500');
    expect((await endpointRow(ep.id)).failingSince).toBeNull();
  });

  it('disables the endpoint on 410 Gone and stops its other pending deliveries', async () => {
    const r = await receiver(410);
    const ep = await endpoint(r.url);
    const first = await enqueue(ep.id);
    const second = await enqueue(ep.id);
    await drainDue(db(), { ...LOCAL, concurrency: 1 });
    const row = await endpointRow(ep.id);
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toMatch(/410 Gone/);
    expect((await delivery(first)).status).toBe('failed');
    expect((await delivery(second)).status).toBe('failed');
    expect(r.received).toHaveLength(1);
  });

  it('waits at least as long as a 429 Retry-After says before trying again', async () => {
    const r = await receiver({ status: 429, retryAfter: '2' }, 200);
    const ep = await endpoint(r.url);
    const id = await enqueue(ep.id);
    expect((await settle(id)).status).toBe('delivered');
    expect(r.received).toHaveLength(2);
    expect(r.received[1]!.at - r.received[0]!.at).toBeGreaterThanOrEqual(2000);
  });

  it('times out a receiver that never answers, records it, and tries again', async () => {
    const r = await receiver('hang', 200);
    const ep = await endpoint(r.url);
    const id = await enqueue(ep.id);
    expect((await settle(id, { ...LOCAL, timeoutMs: 300 })).status).toBe('delivered');
    expect(r.received.map((q) => q.id)).toEqual([id, id]);
    const log = await attemptsOf(id);
    expect(log[0]!.statusCode).toBeNull();
    expect(log[0]!.error).toMatch(/timed out/);
    expect(log[1]!.statusCode).toBe(200);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const elsewhere = await receiver(200);
    const r = await receiver({ status: 302, location: elsewhere.url });
    const ep = await endpoint(r.url);
    const id = await enqueue(ep.id);
    await drainDue(db(), LOCAL);
    const row = await delivery(id);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect((await attemptsOf(id))[0]!.error).toMatch(/redirect/);
    expect(elsewhere.received).toHaveLength(0);
    expect((await endpointRow(ep.id)).failingSince).not.toBeNull();
  });

  it('marks a delivery failed once the schedule is exhausted', async () => {
    const r = await receiver(500);
    const ep = await endpoint(r.url);
    const id = await enqueue(ep.id);
    // ~10 s for the whole ~27 h schedule.
    const row = await settle(id, { ...LOCAL, retryScale: 0.0001 }, 60_000);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(r.received).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(r.received.map((q) => q.id))).toEqual(new Set([id]));
  });

  it('disables an endpoint that has been failing for longer than the retry schedule, saying why', async () => {
    const r = await receiver(500);
    // LOCAL's schedule lasts ~99 s; this endpoint has failed since long before, the last time a moment ago.
    const ep = await endpoint(r.url, { failingSince: new Date(Date.now() - 300_000), lastFailureAt: new Date(Date.now() - 5_000) });
    const id = await enqueue(ep.id);
    await drainDue(db(), LOCAL);
    const row = await endpointRow(ep.id);
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toMatch(/failed since .* longer than the retry schedule/);
    expect((await delivery(id)).status).toBe('failed');
  });

  it('starts a new streak when the last failure is older than any wait between attempts (the endpoint was idle, not failing)', async () => {
    const r = await receiver(500);
    const longAgo = new Date(Date.now() - 300_000);
    const ep = await endpoint(r.url, { failingSince: longAgo, lastFailureAt: longAgo });
    await enqueue(ep.id);
    await drainDue(db(), LOCAL);
    const row = await endpointRow(ep.id);
    expect(row.enabled).toBe(true);
    expect(row.failingSince!.getTime()).toBeGreaterThan(longAgo.getTime());
  });
});

describe('the delivery log', () => {
  it('keeps at most 1 KiB of an answer, without NUL bytes PostgreSQL cannot store, and sends the documented body', async () => {
    const r = await receiver({ status: 500, body: `\u0000binary${'x'.repeat(5000)}` }, 200);
    const ep = await endpoint(r.url);
    const id = await enqueue(ep.id, 'logged-post');
    expect((await settle(id)).status).toBe('delivered');
    const [first] = await attemptsOf(id);
    expect(first!.responseExcerpt!.startsWith('binaryxxx')).toBe(true);
    expect(Buffer.byteLength(first!.responseExcerpt!)).toBeLessThanOrEqual(1024);
    expect(first!.durationMs).toBeGreaterThanOrEqual(0);
    // Keys in the documented order, whatever order jsonb keeps them in.
    expect(Object.keys(JSON.parse(r.received[0]!.body) as object)).toEqual(['type', 'timestamp', 'data']);
    expect(Object.keys((JSON.parse(r.received[0]!.body) as { data: object }).data)).toEqual(['itemType', 'id', 'slug', 'url', 'position', 'at']);
  });

  it('redelivers a finished delivery with the same webhook-id and keeps the earlier attempts', async () => {
    const r = await receiver(200);
    const ep = await endpoint(r.url);
    const id = await enqueue(ep.id);
    await settle(id);
    expect(await redeliver(db(), id)).toBe(true);
    // A pending one is not redelivered (it is on its way).
    expect(await redeliver(db(), id)).toBe(false);
    expect((await settle(id)).status).toBe('delivered');
    expect(r.received.map((q) => q.id)).toEqual([id, id]);
    expect(await attemptsOf(id)).toHaveLength(2);
  });
});

describe('leases', () => {
  it('sends a delivery again once the lease of a worker that died has run out, and ignores that worker’s late result', async () => {
    const r = await receiver(200);
    const ep = await endpoint(r.url);
    const id = await enqueue(ep.id);
    const [claim] = (await claimDue(db(), 100, LOCAL.timeoutMs)).filter((c) => c.id === id);
    expect(claim).toBeDefined();
    // Leased: no other drain takes it.
    await drainDue(db(), LOCAL);
    expect(r.received).toHaveLength(0);
    // The worker "dies"; its lease runs out.
    await db().update(webhookDeliveries).set({ leaseUntil: new Date(Date.now() - 1) }).where(eq(webhookDeliveries.id, id));
    expect((await settle(id)).status).toBe('delivered');
    expect(r.received.map((q) => q.id)).toEqual([id]);
    // The dead worker's answer arrives late: its attempt is logged, the outcome is not its to set.
    const late = await recordAttempt(db(), claim!, { startedAt: new Date(), durationMs: 1, statusCode: 500, retryAfter: null, excerpt: '', error: null }, LOCAL);
    expect(late).toBe('lost-lease');
    expect((await delivery(id)).status).toBe('delivered');
  });
});

describe('outbound safety at connect time', () => {
  it('refuses loopback, private, metadata and IPv6 loopback endpoints without the allowlist, never reaching a receiver', async () => {
    const r = await receiver(200);
    const port = r.port;
    const targets = [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`, `http://[::1]:${port}/hook`, 'http://10.0.0.1/hook', 'http://169.254.169.254/latest/meta-data/', `http://[::ffff:127.0.0.1]:${port}/hook`];
    const ids: string[] = [];
    for (const url of targets) ids.push(await enqueue((await endpoint(url)).id));
    await drainDue(db(), { ...LOCAL, allowPrivate: [] });
    for (const [i, id] of ids.entries()) {
      const [attempt] = await attemptsOf(id);
      expect(attempt?.statusCode, targets[i]).toBeNull();
      expect(attempt?.error, targets[i]).toMatch(/not sent into private networks/);
      expect((await delivery(id)).status).toBe('pending');
    }
    expect(r.received).toHaveLength(0);
  });

  it('reaches 127.0.0.1, by address and by a name resolving to it, when WEBHOOK_ALLOW_PRIVATE allows 127.0.0.1', async () => {
    const r = await receiver(200);
    const byAddress = await enqueue((await endpoint(r.url)).id);
    const byName = await enqueue((await endpoint(`http://localhost:${r.port}/hook`)).id);
    expect((await settle(byAddress, { ...LOCAL, allowPrivate: ['127.0.0.1'] })).status).toBe('delivered');
    expect((await settle(byName, { ...LOCAL, allowPrivate: ['127.0.0.0/8'] })).status).toBe('delivered');
    expect(r.received.map((q) => q.id).sort()).toEqual([byAddress, byName].sort());
  });
});
