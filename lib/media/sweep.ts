// Files and rows agree (SPEC §9: never a file without its row, never a row without its file).
// Writers store files first and then, under the media lock, the rows that name them; deleters
// remove rows and then, under the same lock, the files no row names any more. A process that dies
// in between leaves unnamed files (never a row without a file); the sweep finds those by listing
// the store and removes the ones older than an hour (younger ones may belong to an upload whose
// row is still to come).
import { inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { claimPeriodicRun } from '@/db/periodic';
import { mediaFiles } from '@/db/schema';
import { FolderStore } from './folder-store';
import type { MediaStore } from './store';
import { removeStaleUploads } from './upload';

/** How old an unnamed file must be before the sweep removes it. */
export const SWEEP_GRACE_MS = 60 * 60 * 1000;

/** A transaction-scoped lock every media row writer and file remover takes (one key for all media). */
export async function lockMedia(tx: Tx | Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7406271001)`);
}

/** Of these keys, the ones some media row names. */
async function referenced(tx: Tx | Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx.selectDistinct({ hash: mediaFiles.hash }).from(mediaFiles).where(inArray(mediaFiles.hash, keys));
  return new Set(rows.map((r) => r.hash));
}

/**
 * Remove the files among `keys` that no row names, under the media lock. With `olderThan` (the
 * sweep), a file put again since it was listed is kept: an upload of the same bytes refreshed it
 * and is about to name it. Returns how many went.
 */
export async function removeUnreferenced(db: Db, store: MediaStore, keys: string[], options: { olderThan?: Date } = {}): Promise<number> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return 0;
  return db.transaction(async (tx) => {
    await lockMedia(tx);
    const used = await referenced(tx, unique);
    let removed = 0;
    for (const key of unique) {
      if (used.has(key)) continue;
      if (options.olderThan) {
        const modified = await store.modified(key);
        if (!modified || modified >= options.olderThan) continue;
      }
      await store.delete(key);
      removed++;
    }
    return removed;
  });
}

/** List the store and remove unnamed files older than the grace period (and stale temporaries). */
export async function sweepMedia(db: Db, store: MediaStore, now = new Date()): Promise<{ checked: number; removed: number }> {
  const before = new Date(now.getTime() - SWEEP_GRACE_MS);
  let checked = 0;
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    const used = await referenced(db, batch);
    removed += await removeUnreferenced(db, store, batch.filter((k) => !used.has(k)), { olderThan: before });
    batch = [];
  };
  for await (const object of store.list()) {
    checked++;
    if (object.modified >= before) continue;
    batch.push(object.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  if (store instanceof FolderStore) await store.removeStaleTemporaries(before);
  await removeStaleUploads(before);
  return { checked, removed };
}

const SWEPT_KEY = 'media_swept_at';

/**
 * The sweep, at most once an hour across every process on the database: the scheduler's tick
 * (lib/cms/cron.ts) calls this every minute; the first caller after the hour claims the run in
 * app_meta with one conditional write, so several processes never list the store at once.
 */
export async function sweepMediaIfDue(db: Db, store: MediaStore, now = new Date()): Promise<{ checked: number; removed: number } | undefined> {
  if (!(await claimPeriodicRun(db, SWEPT_KEY, SWEEP_GRACE_MS, now))) return undefined;
  return sweepMedia(db, store, now);
}
