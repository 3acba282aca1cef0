// The change log (SPEC §8): one record per change the public can see, appended in the change's
// own transaction, for every content type through its description (`sync`). The engine
// (./items.ts, ./staging.ts) and the editing of what posts show (tags, authors, image alt) call
// recordChange; nothing else writes the table. The same call queues the webhooks
// (lib/webhooks/outbox.ts), so /api/changes and the webhooks can never disagree.
import 'server-only';
import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { claimPeriodicRun } from '@/db/periodic';
import { appMeta, changes, type changeKind } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { cacheTags } from '@/lib/content/cache-tags';
import { CHANGES_HORIZON_KEY } from '@/lib/content/changes';
import { enqueueWebhooks } from '@/lib/webhooks/outbox';
import { publicationOf, type AnyContentType } from './content-type';
import { withExtras, type AnyItem } from './item-rows';
import { contentType } from './registry';

export type ChangeKind = (typeof changeKind.enumValues)[number];

// pg_advisory_xact_lock key of the change log (any constant unique to it). Held from the first
// append to the commit, so positions (a sequence) commit in the order they were taken: a reader
// that has seen position n will never later find an n-1 committed behind its back.
const CHANGE_LOG_LOCK = 0x6368616e; // "chan"

const isLive = (type: AnyContentType, item: AnyItem | undefined): boolean =>
  item !== undefined && item.deletedAt === null && publicationOf(type, item).status === 'published';

/**
 * Record what a change did to the public copy of an item: `before` as it was (undefined for a new
 * item), `after` as it is now (deletedAt set for a deletion). Published, updated (a rename keeps
 * the old slug), unpublished or deleted; a change the public cannot see records nothing.
 * Returns the cache tags the record touches (add them to the change's own).
 */
export async function recordChange(tx: Tx, type: AnyContentType, before: AnyItem | undefined, after: AnyItem, now: Date): Promise<string[]> {
  const was = isLive(type, before);
  const is = isLive(type, after);
  if (!was && !is) return [];
  const kind: ChangeKind = is ? (was ? 'updated' : 'published') : after.deletedAt ? 'deleted' : 'unpublished';
  const slugOf = (item: AnyItem) => type.sync.slug?.(item) ?? null;
  const slug = is ? slugOf(after) : slugOf(was ? (before as AnyItem) : after);
  const previous = was && is ? slugOf(before as AnyItem) : null;
  await append(tx, type, {
    itemId: after.id,
    kind,
    slug,
    previousSlug: previous !== slug ? previous : null,
    at: now,
    document: is ? ((await type.sync.document(tx, after)) as Record<string, unknown>) : null,
    url: type.sync.apiUrl(is ? after : (before ?? after), getConfig().siteUrl),
  });
  return [cacheTags.changes];
}

/**
 * An `updated` record for each of these items that is public: for edits made outside the item's
 * own form that change its document (a tag renamed or merged, an author's display name, an
 * image's alt text). Returns the cache tags touched.
 */
export async function recordUpdates(tx: Tx, typeName: string, ids: string[], now = new Date()): Promise<string[]> {
  if (ids.length === 0) return [];
  // Looked up when called: the registry imports the descriptions, which import their editors.
  const type = contentType(typeName);
  if (!type) throw new Error(`unknown content type ${typeName}`);
  const t = type.table;
  const rows = (await tx
    .select()
    .from(t)
    .where(and(inArray(t.id, [...new Set(ids)]), isNull(t.deletedAt), eq(type.publication.status, 'published')))
    .orderBy(t.id)) as AnyItem[];
  for (const row of rows) {
    const item = await withExtras(tx, type, row);
    await append(tx, type, {
      itemId: item.id,
      kind: 'updated',
      slug: type.sync.slug?.(item) ?? null,
      previousSlug: null,
      at: now,
      document: (await type.sync.document(tx, item)) as Record<string, unknown>,
      url: type.sync.apiUrl(item, getConfig().siteUrl),
    });
  }
  return rows.length ? [cacheTags.changes] : [];
}

interface Entry {
  itemId: string;
  kind: ChangeKind;
  slug: string | null;
  previousSlug: string | null;
  at: Date;
  document: Record<string, unknown> | null;
  url: string;
}

/**
 * Take the change log's lock for the rest of this transaction. Every transaction that may record
 * a change takes it first, before any row lock (lib/cms/commit.ts, the scheduler): taken only
 * at the append, an editor's save holding an item's row and waiting for the log could deadlock
 * with the scheduler holding the log and waiting for that row. Re-entrant within a transaction.
 */
export async function lockChangeLog(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`);
}

async function append(tx: Tx, type: AnyContentType, entry: Entry): Promise<void> {
  await lockChangeLog(tx);
  const { url, ...record } = entry;
  const [row] = await tx
    .insert(changes)
    .values({ ...record, itemType: type.name })
    .returning({ position: changes.position });
  if (!row) throw new Error('the change log returned no position');
  await enqueueWebhooks(tx, {
    position: row.position,
    itemType: type.name,
    itemId: entry.itemId,
    kind: entry.kind,
    slug: entry.slug,
    previousSlug: entry.previousSlug,
    url,
    at: entry.at,
  });
}

/**
 * A `published` record for every public item the log has never seen: content written by the
 * seed, the benchmark data or an import, which came in below the CMS. Idempotent, and one run
 * at a time (the log's lock); run at start-up (lib/cms/background.ts) and by the scheduler.
 */
export async function backfillChangeLog(db: Db, types: AnyContentType[], now = new Date()): Promise<number> {
  let added = 0;
  for (const type of types) {
    const t = type.table;
    const missing = sql`${t.deletedAt} is null and ${type.publication.status} = 'published' and not exists (select 1 from ${changes} where ${changes.itemType} = ${type.name} and ${changes.itemId} = ${t.id})`;
    const [probe] = await db.select({ id: t.id }).from(t).where(missing).limit(1);
    if (!probe) continue;
    added += await db.transaction(async (tx) => {
      await lockChangeLog(tx);
      // Oldest publication first, so the log reads like the site's history.
      const rows = (await tx.select().from(t).where(missing).orderBy(type.publication.publishedAt, t.id)) as AnyItem[];
      for (const row of rows) await recordChange(tx, type, undefined, await withExtras(tx, type, row), now);
      return rows.length;
    });
  }
  return added;
}

/**
 * Retention (SPEC §8): forget what a sync no longer needs, older than CHANGES_RETENTION_DAYS.
 * The horizon P is the last position recorded before `now − retention`. Up to P it deletes
 * unpublishing and deletion records, and upserts a later record up to P supersedes; never an
 * item's latest upsert while it is public, nor anything after P. So every page /api/changes can
 * still serve (a log cursor ≥ P, a snapshot taken at H ≥ P) reads exactly what it read before,
 * and cursors before P answer 410 (lib/content/changes.ts reads the horizon, stored here in the
 * same transaction). Under the log's lock, so no record is appended while it runs.
 * Returns the horizon, how many records went, and the cache tags to invalidate (the caller
 * passes them to afterCommit, like a change's).
 */
export async function pruneChangeLog(db: Db, now = new Date()): Promise<{ horizon: number; deleted: number; tags: string[] }> {
  const cutoff = new Date(now.getTime() - getConfig().partners.retentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`);
    const [stored] = await tx.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, CHANGES_HORIZON_KEY));
    const current = stored ? Number(stored.value) : 0;
    const [found] = await tx.select({ p: sql<string | null>`max(${changes.position})` }).from(changes).where(lt(changes.at, cutoff));
    const horizon = found?.p ? Number(found.p) : 0;
    // Nothing below a horizon already reached can change (the log only grows above it).
    if (horizon <= current) return { horizon: current, deleted: 0, tags: [] };
    const gone = await tx
      .delete(changes)
      .where(
        and(
          lte(changes.position, horizon),
          or(
            inArray(changes.kind, ['unpublished', 'deleted']),
            sql`exists (select 1 from ${changes} later where later.item_type = ${changes.itemType} and later.item_id = ${changes.itemId} and later.position > ${changes.position} and later.position <= ${horizon})`,
          ),
        ),
      )
      .returning({ position: changes.position });
    await tx
      .insert(appMeta)
      .values({ key: CHANGES_HORIZON_KEY, value: String(horizon) })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: String(horizon), updatedAt: now } });
    return { horizon, deleted: gone.length, tags: [cacheTags.changesHorizon] };
  });
}

/** pruneChangeLog, at most hourly across every process (the scheduler's per-minute run calls it). */
export async function pruneChangeLogIfDue(db: Db, now = new Date()): Promise<{ horizon: number; deleted: number; tags: string[] } | undefined> {
  // The horizon query reads the whole log: hourly is plenty.
  if (!(await claimPeriodicRun(db, PRUNED_KEY, PRUNE_EVERY_MS, now))) return undefined;
  return pruneChangeLog(db, now);
}

const PRUNED_KEY = 'changes_pruned_at';
const PRUNE_EVERY_MS = 3_600_000;
