// Scheduled publishing: every item of every content type whose time has come goes live, with a
// revision (lib/cms/items.ts publishDueItems). Run by lib/cms/cron.ts.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Committed } from './after-commit';
import { publishDueItems } from './items';
import { lockChangeLog } from './change-log';
import { contentTypes } from './registry';

// pg_advisory lock key of the scheduler (any constant unique to this job).
const SCHEDULER_LOCK = 0x67617a65; // "gaze"

export async function publishDue(now = new Date()): Promise<Committed & { published: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One run at a time across every process and machine (SPEC §7 "work done once"): a run that
    // finds another in progress leaves the due items to it. The row updates are atomic anyway
    // (a concurrent UPDATE re-checks the status); the lock keeps runs from queueing behind each
    // other's row locks.
    // execute() answers { rows } on all three drivers (PGlite, pg, Neon); its declared type is
    // the union of their result types.
    const result = (await tx.execute(sql`select pg_try_advisory_xact_lock(${SCHEDULER_LOCK}) as locked`)) as unknown as { rows: { locked: boolean }[] };
    if (!result.rows[0]?.locked) return { published: 0, tags: [], feedsChanged: false };
    // Before the rows (lib/cms/change-log.ts lockChangeLog says why). Held to the commit, so
    // editors' saves wait for this run; it is short.
    await lockChangeLog(tx);
    return publishDueItems(tx, contentTypes(), now);
  });
}
