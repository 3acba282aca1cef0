// The webhook event types (SPEC §8): `{content type}.{change}` for every content type and change
// kind the change log records, and `*` for all of them. Pure: the CMS form, the outbox and the
// OpenAPI document read the list from here.
export const CHANGE_KINDS = ['published', 'updated', 'unpublished', 'deleted'] as const;
export type ChangeKindName = (typeof CHANGE_KINDS)[number];

/** Every event of every type, as endpoints subscribe to them. */
export function eventTypesFor(typeNames: string[]): string[] {
  return typeNames.flatMap((t) => CHANGE_KINDS.map((k) => `${t}.${k}`));
}

export const ALL_EVENTS = '*';
/** Sent by "Send test event" in the CMS; never by a change. */
export const TEST_EVENT = 'webhook.test';

/**
 * A delivery's body (Standard Webhooks' recommended shape: type, timestamp, data). Small on
 * purpose: what changed and where to read it; /api/changes stays the source of truth.
 */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: {
    itemType: string;
    id: string;
    slug: string | null;
    previousSlug?: string;
    /** The item's document in the read API (its former one for unpublished/deleted). */
    url: string;
    /** The change-log position: GET /api/changes hands out cursors past it. */
    position: number;
    /** A /api/changes cursor just before this change (unfiltered). */
    cursor: string;
    at: string;
  } | { message: string };
}
