// Webhook deliveries run once however many processes drain the outbox (SPEC §7 "work done
// once"): two production processes on one PostgreSQL database, 100 publishes through both CMSs,
// each process kicking its own drain after every action and running its own loop. At a receiver
// that fails some attempts, every event arrives, and a webhook-id arrives twice only as a retry
// of an attempt that failed.
import { eq } from 'drizzle-orm';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { generateSecret } from '@/lib/webhooks/secrets';
import { signIn, submitForm } from '../helpers/cms-client';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { createPgTestDatabase, TEST_DATABASE_URL, type PgTestDatabase } from '../helpers/pg-test-db';
import { deletePrefix, redisAvailable, testPrefix, TEST_REDIS_URL } from '../helpers/redis';
import { attemptsById, startReceiver, type Answer, type Receiver } from '../helpers/webhook-receiver';

const CHANGES = 100;
const hasRedis = await redisAvailable();
if (!TEST_DATABASE_URL) console.warn('[multi] skipped: set TEST_DATABASE_URL (see README, test tiers)');
if (!hasRedis) console.warn(`[multi] skipped: Redis does not answer at ${TEST_REDIS_URL}`);

describe.skipIf(!TEST_DATABASE_URL || !hasRedis)('webhook deliveries with two processes', () => {
  let db: PgTestDatabase;
  let receiver: Receiver;
  let secret: string;
  let endpointId: string;
  const prefix = testPrefix('hooks');
  const servers: ChildServer[] = [];

  beforeAll(async () => {
    db = await createPgTestDatabase('hooks');
    // Every ninth request fails (500), so some deliveries are retried, possibly by the other process.
    const answers: Answer[] = Array.from({ length: 600 }, (_, i) => (i % 9 === 4 ? 500 : 200));
    receiver = await startReceiver([...answers, 200]);
    secret = generateSecret();
    const [row] = await db.handle.db.insert(webhookEndpoints).values({ url: receiver.url, eventTypes: ['*'], secret }).returning();
    endpointId = row!.id;
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      SITE_URL: 'http://gazette.test',
      WEB_CONCURRENCY: '1',
      WEBHOOK_ALLOW_PRIVATE: '127.0.0.1',
      WEBHOOK_RETRY_SCALE: '0.001',
      WEBHOOK_TIMEOUT_MS: '5000',
    };
    for (let i = 0; i < 2; i++) servers.push(await startChildServer(env));
  }, 240_000);

  afterAll(async () => {
    for (const s of servers) await s.stop();
    await receiver?.close();
    await db?.drop();
    await deletePrefix(prefix);
  });

  it(`delivers each of ${CHANGES} changes once, repeating an id only after a failed attempt`, async () => {
    const editors = await Promise.all(servers.map((s) => signIn(s.url, 'editor')));
    // Four lanes, two per process.
    let next = 0;
    await Promise.all(
      [0, 1, 0, 1].map(async (which) => {
        for (let i = next++; i < CHANGES; i = next++) {
          const slug = `once-hook-${i}`;
          const res = await submitForm(servers[which]!.url, '/cms/posts/new', editors[which]!, { fields: { title: slug, slug, summary: 's', body: 'b', tags: '' }, submit: { intent: 'publish' } });
          expect(res.outcome, `${slug}: ${res.messages.join(' | ')}`).toBe('redirected');
        }
      }),
    );

    const q = db.handle.db;
    const deadline = Date.now() + 180_000;
    let rows: { id: string; status: string; attempts: number }[] = [];
    for (;;) {
      rows = await q.select({ id: webhookDeliveries.id, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
      if (rows.every((r) => r.status !== 'pending') || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows.filter((r) => r.status !== 'delivered')).toEqual([]);
    const slugs = new Set(receiver.received.map((r) => (JSON.parse(r.body) as { data: { slug?: string } }).data.slug));
    for (let i = 0; i < CHANGES; i++) expect(slugs.has(`once-hook-${i}`), `once-hook-${i}`).toBe(true);

    const byId = attemptsById(receiver.received);
    let retried = 0;
    for (const row of rows) {
      const seen = byId.get(row.id) ?? [];
      // Exactly one successful answer, and it is the last; every earlier request was a failure.
      expect(seen.filter((r) => r.status === 200), row.id).toHaveLength(1);
      expect(seen.at(-1)!.status).toBe(200);
      expect(seen.slice(0, -1).every((r) => r.status !== 200)).toBe(true);
      // The outbox counted exactly the attempts the receiver saw.
      expect(row.attempts, row.id).toBe(seen.length);
      if (seen.length > 1) retried++;
      for (const r of seen) new StandardWebhook(secret).verify(r.body, r.headers);
    }
    expect(receiver.received.every((r) => byId.has(r.id) && rows.some((row) => row.id === r.id))).toBe(true);
    const logged = await q.select({ id: webhookAttempts.id }).from(webhookAttempts);
    console.log(`[multi] ${rows.length} deliveries (${CHANGES} publishes and the demo content) by 2 processes: ${receiver.received.length} requests, ${retried} retried after a failure, ${logged.length} attempts logged`);
    expect(logged.length).toBe(receiver.received.length);
  });
});
