// End to end: an editor publishes through the CMS (Server Actions over HTTP) on the production
// build, and the webhook reaches a real receiver, signed, with the documented payload — started
// right after the action's response (after()), with no test code draining anything. The server
// runs with WEBHOOK_ALLOW_PRIVATE=127.0.0.1 (its receivers are local) and a short time-out.
import { encodeChangesCursor } from '@/lib/api/changes';
import { and, desc, eq } from 'drizzle-orm';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changes, posts, webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { generateSecret } from '@/lib/webhooks/secrets';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { signIn, submitForm, type CookieJar } from '../helpers/cms-client';
import { startReceiver, type Answer, type Receiver } from '../helpers/webhook-receiver';

let server: TestServer;
let editor: CookieJar;
const receivers: Receiver[] = [];
beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE: '127.0.0.1', WEBHOOK_TIMEOUT_MS: '500', WEBHOOK_RETRY_SCALE: '0.001' });
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
  for (const r of receivers) await r.close();
});

const db = () => server.handle.db;

async function subscribe(eventTypes: string[], ...answers: Answer[]) {
  const receiver = await startReceiver(answers.length ? answers : [200]);
  receivers.push(receiver);
  const [endpoint] = await db().insert(webhookEndpoints).values({ url: receiver.url, eventTypes, secret: generateSecret() }).returning();
  return { receiver, endpoint: endpoint! };
}

async function publishPost(slug: string) {
  const res = await submitForm(server.url, '/cms/posts/new', editor, {
    fields: { title: `Webhook post ${slug}`, slug, summary: 'A summary.', body: 'Body.', tags: 'webhooks' },
    submit: { intent: 'publish' },
  });
  expect(res.outcome, res.messages.join(' | ') + res.fieldErrors.join(' | ')).toBe('redirected');
  return (await db().select().from(posts).where(eq(posts.slug, slug)))[0]!;
}

describe('webhooks from the CMS', () => {
  it('delivers a publish to a subscribed receiver with the documented, signed payload', async () => {
    const { receiver, endpoint } = await subscribe(['post.published']);
    const { receiver: eventsOnly } = await subscribe(['event.published']);
    const post = await publishPost('webhook-e2e-post');
    const [req] = await receiver.waitFor(1, 30_000);
    new StandardWebhook(endpoint.secret).verify(req!.body, req!.headers);
    new SvixWebhook(endpoint.secret).verify(req!.body, req!.headers);
    const [change] = await db().select().from(changes).where(and(eq(changes.itemId, post.id), eq(changes.kind, 'published'))).orderBy(desc(changes.position));
    const body = JSON.parse(req!.body) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(body.type).toBe('post.published');
    expect(body.data).toMatchObject({ itemType: 'post', id: post.id, slug: 'webhook-e2e-post', position: change!.position, at: change!.at.toISOString() });
    // A cursor just before the change: /api/changes from it starts with this very record.
    expect(body.data.cursor).toBe(encodeChangesCursor({ v: 1, p: change!.position - 1 }));
    expect(body.data.url).toMatch(/\/api\/posts\/webhook-e2e-post$/);
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    // The URL in the payload serves the item's document.
    const doc = await fetch(new URL(new URL(String(body.data.url)).pathname, server.url));
    expect(doc.status).toBe(200);
    // The delivery is recorded for the CMS's log.
    const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, req!.id));
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, endpointId: endpoint.id, changePosition: change!.position });
    // An endpoint subscribed to other events heard nothing.
    expect(eventsOnly.received).toHaveLength(0);
  });

  it('times out a receiver that never answers (WEBHOOK_TIMEOUT_MS) and delivers on the next attempt', async () => {
    const { receiver } = await subscribe(['*'], 'hang', 200);
    await publishPost('webhook-e2e-hang');
    const [first, second] = await receiver.waitFor(2, 30_000);
    expect(second!.id).toBe(first!.id);
    const deadline = Date.now() + 10_000;
    let delivery;
    do {
      [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, first!.id));
      if (delivery?.status !== 'pending') break;
      await new Promise((r) => setTimeout(r, 50));
    } while (Date.now() < deadline);
    expect(delivery?.status).toBe('delivered');
    const log = await db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, first!.id)).orderBy(webhookAttempts.startedAt);
    expect(log.map((a) => a.statusCode)).toEqual([null, 200]);
    expect(log[0]!.error).toMatch(/500 ms \(timed out\)/);
  });
});
