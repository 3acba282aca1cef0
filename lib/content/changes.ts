// The cached reader of GET /api/changes (SPEC §8): pages of the change log (lib/cms/change-log.ts
// appends it, in commit order). Two phases, one cursor:
// - snapshot: with no cursor, the current state of every published item as of the head position
//   H at that moment: for each item its latest record ≤ H, kept only if it is an upsert, in
//   position order. Paged with (last position, H); when it runs out the cursor becomes H.
// - log: every record after the cursor's position, in position order.
// A page that has more after it (`has_more`) can never change: the records up to its last
// position are fixed, and so is a snapshot as of a fixed H (pruning keeps both, see
// pruneChangeLog). Such pages are cached until pruning moves the horizon; every other page is a
// head page, cached until the next recorded change (cacheTags.changes).
import 'server-only';
import { sql } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb } from '@/db/client';
import { appMeta, changes } from '@/db/schema';
import { changesUrl, encodeChangesCursor, type ChangeRecordDoc, type ChangesCursor, type ChangesPageDoc, type SyncType } from '@/lib/api/changes';
import { API_VERSION } from '@/lib/api/posts';
import { getConfig } from '@/lib/config';
import { lazy, toRef, weakEtag, type LazyRepresentation, type Representation, type RepresentationRef } from '@/lib/http/representation';
import { cacheTags } from './cache-tags';

/** app_meta key of the retention horizon: cursors before it answer 410 (pruneChangeLog writes it). */
export const CHANGES_HORIZON_KEY = 'changes_horizon';

export interface ChangesQuery {
  limit: number;
  type?: SyncType | undefined;
  cursor?: ChangesCursor | undefined;
}

type Outcome<Page> =
  | { kind: 'page'; page: Page; full: boolean }
  /** The cursor is older than the retention horizon. */
  | { kind: 'gone' }
  /** A well-formed cursor this log cannot have issued (past its head). */
  | { kind: 'invalid'; reason: string };

export type ChangesResult = Outcome<LazyRepresentation>;

/** One page (lazy: its body only when a 200 needs it). */
export async function getChangesPage(query: ChangesQuery): Promise<ChangesResult> {
  const result = await changesRef(query);
  if (result.kind !== 'page') return result;
  return { kind: 'page', full: result.full, page: lazy(result.page, () => changesBody(query)) };
}

function tagOutcome(outcome: Outcome<unknown>): void {
  // Every outcome depends on the horizon; head pages (and a cursor past the head, which may
  // become one) also on every new record.
  cacheTag(cacheTags.changesHorizon);
  if (!(outcome.kind === 'page' && outcome.full) && outcome.kind !== 'gone') cacheTag(cacheTags.changes);
}

async function changesRef(query: ChangesQuery): Promise<Outcome<RepresentationRef>> {
  'use cache';
  cacheLife('hours');
  const outcome = await changesFull(query);
  tagOutcome(outcome);
  if (outcome.kind !== 'page') return outcome;
  const slot = `changes:${query.limit}:${query.type ?? ''}:${query.cursor ? encodeChangesCursor(query.cursor) : ''}`;
  return { ...outcome, page: toRef(outcome.page, slot) };
}

async function changesBody(query: ChangesQuery): Promise<Representation> {
  const outcome = await changesFull(query);
  if (outcome.kind !== 'page') throw new Error('a page of the change log changed while it was being served');
  return outcome.page;
}

interface RawRecord {
  position: number;
  item_type: SyncType;
  item_id: string;
  slug: string | null;
  previous_slug: string | null;
  kind: ChangeRecordDoc['change'];
  at: string;
  document: Record<string, unknown> | null;
}

interface RawPage {
  head: number;
  horizon: number;
  /** Whether any record (of the type) follows the snapshot's H. */
  after: boolean;
  rows: RawRecord[];
}

const UPSERTS = sql`('published', 'updated')`;
const iso = (column: unknown) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One statement, so the head, the horizon and the records come from one snapshot of the database
 * (READ COMMITTED takes one per statement): a page never mixes two moments.
 */
async function readPage(query: ChangesQuery): Promise<RawPage> {
  const db = await getDb();
  const c = sql.raw('c');
  const typeIs = (alias: string) => (query.type ? sql` and ${sql.raw(alias)}.item_type = ${query.type}` : sql``);
  const snapshot = !query.cursor || query.cursor.h !== undefined;
  const after = query.cursor?.p ?? 0;
  // The snapshot's H: the cursor's, or the head now.
  const bound = query.cursor?.h !== undefined ? sql`${query.cursor.h}::bigint` : sql`(select head from top)`;
  const records = snapshot
    ? sql`select ${c}.* from ${changes} ${c}
        where ${c}.position > ${after} and ${c}.position <= (select h from bound)${typeIs('c')} and ${c}.kind in ${UPSERTS}
          and not exists (select 1 from ${changes} n where n.item_type = ${c}.item_type and n.item_id = ${c}.item_id and n.position > ${c}.position and n.position <= (select h from bound))
        order by ${c}.position limit ${query.limit + 1}`
    : sql`select ${c}.* from ${changes} ${c} where ${c}.position > ${after}${typeIs('c')} order by ${c}.position limit ${query.limit + 1}`;
  // The head is never below the horizon: pruning may delete the last record (a deletion older
  // than the retention period), but its position was handed out and cursors may hold it.
  const result = await db.execute(sql`
    with meta as (select coalesce((select value::bigint from ${appMeta} where key = ${CHANGES_HORIZON_KEY}), 0) as horizon),
      top as (select greatest((select coalesce(max(position), 0) from ${changes}), (select horizon from meta)) as head),
      bound as (select ${bound} as h),
      page as (${records})
    select json_build_object(
      'head', (select head from top),
      'horizon', (select horizon from meta),
      'after', exists (select 1 from ${changes} a where a.position > (select h from bound)${typeIs('a')}),
      'rows', coalesce((select json_agg(json_build_object(
          'position', p.position, 'item_type', p.item_type, 'item_id', p.item_id, 'slug', p.slug,
          'previous_slug', p.previous_slug, 'kind', p.kind, 'at', ${iso(sql.raw('p.at'))}, 'document', p.document
        ) order by p.position) from page p), '[]'::json)
    ) as page`);
  // node-postgres and Neon answer { rows }; PGlite's drizzle adapter too (older ones: an array).
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { page: RawPage | string }[];
  const page = rows[0]?.page;
  if (!page) throw new Error('the change log query returned nothing');
  return typeof page === 'string' ? (JSON.parse(page) as RawPage) : page;
}

type UpsertDoc = Extract<ChangeRecordDoc, { op: 'upsert' }>;

function recordDoc(r: RawRecord): ChangeRecordDoc {
  const common = {
    position: Number(r.position),
    type: r.item_type,
    id: r.item_id,
    slug: r.slug,
    ...(r.previous_slug ? { previousSlug: r.previous_slug } : {}),
    at: r.at,
  };
  if (r.kind === 'published' || r.kind === 'updated') {
    // The document as recorded with the change: never re-read from the item (a page must not change).
    return { ...common, change: r.kind, op: 'upsert', document: r.document as UpsertDoc['document'] };
  }
  return { ...common, change: r.kind, op: 'delete' };
}

/** A page, rendered and validated (ETag) once per change of what it shows. */
async function changesFull(query: ChangesQuery): Promise<Outcome<Representation>> {
  'use cache';
  cacheLife('hours');
  const raw = await readPage(query);
  const head = Number(raw.head);
  const horizon = Number(raw.horizon);
  const cursor = query.cursor;
  let outcome: Outcome<Representation>;
  if (cursor && (cursor.p > head || (cursor.h ?? 0) > head)) {
    outcome = { kind: 'invalid', reason: 'is not a cursor this API issued (it is past the end of the log)' };
  } else if (cursor && (cursor.h ?? cursor.p) < horizon) {
    outcome = { kind: 'gone' };
  } else {
    outcome = pageOutcome(query, raw, head);
  }
  tagOutcome(outcome);
  return outcome;
}

function pageOutcome(query: ChangesQuery, raw: RawPage, head: number): Outcome<Representation> {
  const snapshot = !query.cursor || query.cursor.h !== undefined;
  const page = raw.rows.slice(0, query.limit);
  const more = raw.rows.length > query.limit;
  const last = page.at(-1);
  let next: ChangesCursor;
  let hasMore: boolean;
  if (snapshot) {
    const h = query.cursor?.h ?? head;
    // Snapshot left: page on within it. Done: the log from H, and whether it already has more.
    next = more && last ? { v: 1, p: Number(last.position), h } : { v: 1, p: h };
    hasMore = more || Boolean(raw.after);
  } else {
    // At the head the cursor moves to the head itself, even past records of other types (none
    // of this type can appear below it: positions commit in order), so a filtered client that
    // polls keeps a recent cursor and never falls behind the retention horizon.
    next = more && last ? { v: 1, p: Number(last.position) } : { v: 1, p: head };
    hasMore = more;
  }
  if (query.type) next.t = query.type;
  const siteUrl = getConfig().siteUrl;
  const nextCursor = encodeChangesCursor(next);
  const nextUrl = hasMore ? changesUrl(siteUrl, query, nextCursor) : null;
  const doc: ChangesPageDoc = {
    apiVersion: API_VERSION,
    data: page.map(recordDoc),
    has_more: hasMore,
    next_cursor: nextCursor,
    links: { self: changesUrl(siteUrl, query, query.cursor ? encodeChangesCursor(query.cursor) : null), next: nextUrl },
  };
  const body = JSON.stringify(doc);
  // Without a cursor the snapshot is taken at the head of the moment: the same URL shows
  // another H after the next change, so only pages with a cursor can be full.
  const full = hasMore && query.cursor !== undefined;
  // A full page changes never, so its newest record dates it. A head page has no Last-Modified:
  // two changes within one second (HTTP dates have no finer grain, RFC 9110 §5.6.7) would leave it
  // unchanged, and a client revalidating with If-Modified-Since would get a 304 and miss the
  // second; its ETag (which If-None-Match compares) changes with every record.
  const lastModified = full ? page.reduce<string | undefined>((max, r) => (!max || r.at > max ? r.at : max), undefined) : undefined;
  return {
    kind: 'page',
    full,
    page: {
      body,
      contentType: 'application/json',
      etag: weakEtag('changes', body),
      lastModified,
      // RFC 8288 §3: the next page as a typed link, absolute.
      headers: nextUrl ? { link: `<${nextUrl}>; rel="next"` } : undefined,
    },
  };
}
