// Work done at most once per period across every process on the database (SPEC §7 "work done
// once"): the scheduler's per-minute tick offers it, and the first caller after the period claims
// the run in app_meta with one conditional write.
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { appMeta } from './schema';

/** True when this caller claimed the run named `key` (its last run is older than `everyMs`). */
export async function claimPeriodicRun(db: Db, key: string, everyMs: number, now = new Date()): Promise<boolean> {
  const due = new Date(now.getTime() - everyMs).toISOString();
  const claimed = await db.execute(sql`
    insert into ${appMeta} (key, value, updated_at) values (${key}, ${now.toISOString()}, now())
    on conflict (key) do update set value = excluded.value, updated_at = now()
    where ${appMeta.value} < ${due}
    returning key`);
  // execute() answers { rows } on all three drivers (PGlite, pg, Neon); its declared type differs.
  return (claimed as unknown as { rows: unknown[] }).rows.length > 0;
}
