// A server killed with SIGKILL in the middle of deliveries (the receiver holds every request
// open, so the process dies with leased deliveries in flight) and started again on the same
// embedded database: every event in the outbox is delivered, none lost (SPEC §7, §8). `npm start`
// as a child process, as an operator runs it; the endpoint is written into the database copy
// before the first start (the server then holds the embedded database alone).
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { changes, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { generateSecret } from '@/lib/webhooks/secrets';
import { signIn, submitForm } from '../helpers/cms-client';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { copyTemplate } from '../helpers/template-db';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver';

describe('a server killed mid-delivery', () => {
  const servers: ChildServer[] = [];
  let receiver: Receiver | undefined;
  const copy = copyTemplate();
  afterAll(async () => {
    // Every server, even when one fails to stop: a failed run must not leave a server running.
    await Promise.allSettled(servers.map((s) => s.stop()));
    await receiver?.close();
    copy.cleanup();
  });

  async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
    const handle = await openDatabase({ driver: 'pglite', dataDir: copy.dataDir });
    try {
      return await fn(handle.db);
    } finally {
      await handle.close();
    }
  }

  it('delivers every event after a restart, none lost', async () => {
    receiver = await startReceiver(['hang']);
    const endpointId = await withDatabase(async (db) => (await db.insert(webhookEndpoints).values({ url: receiver!.url, eventTypes: ['*'], secret: generateSecret() }).returning())[0]!.id);
    // A lease is the time-out plus a 10 s margin: the restarted server takes the dead one's
    // deliveries up within ~15 s.
    const env = { GAZETTE_DATA_DIR: copy.dataDir, SEED_DEMO_CONTENT: 'false', WEBHOOK_ALLOW_PRIVATE: '127.0.0.1', WEBHOOK_TIMEOUT_MS: '5000', WEBHOOK_RETRY_SCALE: '0.001' };
    const first = await startChildServer(env);
    servers.push(first);
    // Start-up recorded the demo content in the change log (and queued it); three more publishes.
    const editor = await signIn(first.url, 'editor');
    for (const slug of ['crash-hook-a', 'crash-hook-b', 'crash-hook-c']) {
      const res = await submitForm(first.url, '/cms/posts/new', editor, { fields: { title: slug, slug, summary: 's', body: 'b', tags: '' }, submit: { intent: 'publish' } });
      expect(res.outcome).toBe('redirected');
    }
    await receiver.waitFor(1, 30_000);
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    servers.splice(servers.indexOf(first), 1);
    const heldAtKill = receiver.received.filter((r) => r.status === null).length;
    expect(heldAtKill).toBeGreaterThan(0);
    receiver.script([200]);

    const queued = await withDatabase(async (db) => {
      const rows = await db.select({ id: webhookDeliveries.id, status: webhookDeliveries.status, leaseUntil: webhookDeliveries.leaseUntil }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
      const changed = await db.select({ position: changes.position }).from(changes);
      // One delivery per change-log record (the endpoint takes every event).
      expect(rows.length).toBe(changed.length);
      return rows;
    });
    const leased = queued.filter((r) => r.status === 'pending' && r.leaseUntil && r.leaseUntil > new Date()).length;
    console.log(`[webhooks crash] ${queued.length} deliveries queued, ${heldAtKill} requests held open at the kill, ${leased} leased by the dead process`);
    expect(queued.length).toBeGreaterThanOrEqual(3);

    const second = await startChildServer(env);
    servers.push(second);
    const want = new Set(queued.map((q) => q.id));
    const deadline = Date.now() + 90_000;
    const answered = () => new Set(receiver!.received.filter((r) => r.status === 200).map((r) => r.id));
    while ([...want].some((id) => !answered().has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect([...want].filter((id) => !answered().has(id))).toEqual([]);
    // The outcome of the last answer is written just after it: give it a moment before stopping.
    await new Promise((r) => setTimeout(r, 2000));
    servers.splice(servers.indexOf(second), 1);
    await second.stop();

    const after = await withDatabase((db) => db.select({ id: webhookDeliveries.id, status: webhookDeliveries.status }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)));
    expect(after.length).toBe(queued.length);
    expect(after.filter((d) => d.status !== 'delivered')).toEqual([]);
    // Only ids the outbox holds ever reached the receiver.
    expect(receiver.received.every((r) => want.has(r.id))).toBe(true);
  });
});
