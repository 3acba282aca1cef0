// OpenAPI for the partner surface (SPEC §8): GET /api/changes (delta sync), from the same Zod
// schemas that parse its query and shape its pages (lib/api/changes.ts), and the webhooks
// (OpenAPI 3.1 `webhooks`): one entry per event type, with the payload of
// lib/webhooks/events.ts and the Standard Webhooks headers.
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CHANGES_DEFAULT_LIMIT, CHANGES_MAX_LIMIT, changesPageSchema, changesQuerySchema, SYNC_TYPES } from '@/lib/api/changes';
import { eventTypesFor, TEST_EVENT, type WebhookPayload } from '@/lib/webhooks/events';
import { headerRefs, responses } from './common';

const SYNC_HOW = [
  'The change log of every published item, for partners who keep a copy (a mirror, a search index).',
  '',
  'How to sync:',
  '1. Start with no `cursor`: the first pages hold the current state of every published item as `upsert` records (the snapshot), then the log continues seamlessly. There is no special mode.',
  '2. Apply each record in order, keyed by `type` + `id`: `op: "upsert"` stores `document` (exactly what the read API served then), `op: "delete"` removes the item (unpublished or deleted).',
  '3. While `has_more` is true, fetch `next_cursor` (also in `Link: rel="next"`) at once.',
  '4. When `has_more` is false you are at the head: store `next_cursor` and poll with it later (send the page\'s `ETag` in `If-None-Match`: 304 until something changes).',
  `5. On 410 the cursor is older than the retention period (\`CHANGES_RETENTION_DAYS\`, 90 days by default): start again without a cursor and replace your copy.`,
  '',
  `\`type\` narrows the log to one content type; deletions and unpublishings of that type are still returned. Keep the same \`type\` for every page: a cursor remembers it (another value is a 400). \`limit\` is 1–${CHANGES_MAX_LIMIT} (default ${CHANGES_DEFAULT_LIMIT}).`,
  '',
  'Order is fixed: records are numbered by `position` in commit order, so a page never misses a change committed below it. A page with `has_more: true` never changes again and is sent as `Cache-Control: public, max-age=31536000, immutable`; the head page (and every page without a cursor) uses the short list policy and revalidates with its ETag. Webhooks carry the same `position`, so a webhook can tell you to sync now.',
].join('\n');

export function registerChanges(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/changes',
    operationId: 'listChanges',
    summary: 'Delta sync: every published item, then each change',
    description: SYNC_HOW,
    tags: ['Sync'],
    request: { query: changesQuerySchema },
    responses: {
      200: {
        description: 'A page of the change log. Full pages (`has_more: true`) are immutable; the head page is cached briefly and revalidates.',
        headers: headerRefs('ETag', 'Last-Modified', 'Cache-Control', 'CDN-Cache-Control', 'Vary', 'Link', 'Access-Control-Allow-Origin'),
        content: { 'application/json': { schema: changesPageSchema } },
      },
      304: responses.notModified,
      400: {
        ...responses.badRequest,
        description: 'A query parameter is invalid or unknown; `invalid-params` names it. A `cursor` this API did not issue, or one sent with another `type` than it was issued for, is named as `cursor`.',
      },
      405: responses.methodNotAllowed,
      406: responses.notAcceptable,
      410: {
        ...responses.gone,
        description: 'The cursor is older than the change log keeps (`CHANGES_RETENTION_DAYS`): start again without a cursor (the problem\'s `restart` member is that URL) and replace your copy.',
      },
      503: responses.unavailable,
    },
  });
  registerWebhooks(registry);
}

// ---------------------------------------------------------------------------------------------
// Webhooks (Standard Webhooks v1).

const changeDataSchema = z
  .object({
    itemType: z.enum(SYNC_TYPES),
    id: z.uuid(),
    slug: z.string().nullable(),
    previousSlug: z.string().optional().meta({ description: 'A rename: the slug the item gave up.' }),
    url: z.url().meta({ description: 'The item\'s document in the read API (its former one for unpublished/deleted).' }),
    position: z.number().int().min(1).meta({ description: 'The change-log position: GET /api/changes from your stored cursor reaches it.' }),
    cursor: z.string().meta({ description: 'A `/api/changes` cursor just before this change (unfiltered): `GET /api/changes?cursor=…` starts with it. Partners that keep their own cursor can ignore it.' }),
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'WebhookChangeData' });

const webhookPayloadSchema = z
  .object({
    type: z.string().meta({ description: 'The event type, `{content type}.{change}`.', example: 'post.published' }),
    timestamp: z.iso.datetime({ offset: true }),
    data: changeDataSchema,
  })
  .meta({ id: 'WebhookPayload', description: 'A change event: what changed and where to read it. Small on purpose: /api/changes stays the source of truth.' });

const testPayloadSchema = z
  .object({ type: z.literal(TEST_EVENT), timestamp: z.iso.datetime({ offset: true }), data: z.object({ message: z.string() }) })
  .meta({ id: 'WebhookTestPayload', description: 'Sent by "Send test event" in the CMS; never by a change.' });

// The schemas describe lib/webhooks/events.ts's WebhookPayload: a change to one breaks this.
type Described = z.infer<typeof webhookPayloadSchema> | z.infer<typeof testPayloadSchema>;
const _sameShape = (p: Described): WebhookPayload => p;
void _sameShape;

const STANDARD_WEBHOOKS_HEADERS = z.object({
  'webhook-id': z.string().meta({ description: 'The message id (`msg_…`): the same on every retry of this event to this endpoint; use it to drop duplicates.', example: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' }),
  'webhook-timestamp': z.string().meta({ description: 'Seconds since the Unix epoch when this attempt was signed; reject ones far from your clock (replay protection).', example: '1674087231' }),
  'webhook-signature': z.string().meta({
    description: 'Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint secret (`whsec_…`, base64 after the prefix); two during a secret rotation. Verify with any Standard Webhooks library.',
    example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  }),
});

const receiverResponses = {
  200: { description: 'Any 2xx: delivered. Nothing else counts as success (a 3xx is not followed).' },
  410: { description: 'Gone: the endpoint is disabled and receives nothing more until an admin enables it again.' },
  429: { description: 'Too many requests: retried after `Retry-After` (seconds or an HTTP date), else with backoff.', headers: { 'Retry-After': { description: 'When to retry.', schema: { type: 'string' as const } } } },
  503: { description: 'Unavailable: retried after `Retry-After`, else with backoff. Any other status, a timeout (15 s) or a refused connection is retried with exponential backoff and jitter for about 24 hours; an endpoint failing for longer is disabled.', headers: { 'Retry-After': { description: 'When to retry.', schema: { type: 'string' as const } } } },
};

const KIND_TEXT: Record<string, string> = {
  published: 'became public (published now, on schedule, or again after an unpublishing)',
  updated: 'changed while public (an edit published, a rename: `previousSlug`, or its tags, author or images changed)',
  unpublished: 'is no longer public (it may come back)',
  deleted: 'was deleted',
};

function registerWebhooks(registry: OpenAPIRegistry): void {
  for (const event of eventTypesFor([...SYNC_TYPES])) {
    const [itemType, kind] = event.split('.') as [string, string];
    registry.registerWebhook({
      method: 'post',
      path: event,
      operationId: `webhook_${itemType}_${kind}`,
      summary: `A ${itemType} ${kind}`,
      description: `Sent to endpoints subscribed to \`${event}\` (or \`*\`) when a ${itemType} ${KIND_TEXT[kind] ?? kind}. Signed per Standard Webhooks v1; delivered at least once (deduplicate by \`webhook-id\`), in no guaranteed order: sync from /api/changes for order and content.`,
      tags: ['Webhooks'],
      request: { headers: STANDARD_WEBHOOKS_HEADERS, body: { content: { 'application/json': { schema: webhookPayloadSchema } } } },
      responses: receiverResponses,
    });
  }
  registry.registerWebhook({
    method: 'post',
    path: TEST_EVENT,
    operationId: 'webhook_test',
    summary: 'A test event',
    description: 'Sent when an admin presses "Send test event" in the CMS, signed like every other event.',
    tags: ['Webhooks'],
    request: { headers: STANDARD_WEBHOOKS_HEADERS, body: { content: { 'application/json': { schema: testPayloadSchema } } } },
    responses: receiverResponses,
  });
}
