// What a first start on the embedded database does by itself: migrate, then seed demo content
// once. On Neon or plain Postgres, migrations are a deliberate step (npm run db:migrate).
import { sql } from 'drizzle-orm';
import type { DbHandle } from './client';
import { migrateDatabase } from './migrate';
import { seedDemoContent, wasDemoSeeded, type StoreSeedImage } from './seed';

export async function prepareEmbeddedDatabase(
  handle: DbHandle,
  options: { seed: boolean; log: (line: string) => void; storeImage?: StoreSeedImage },
): Promise<void> {
  const started = Date.now();
  await migrateDatabase(handle);
  options.log(`Embedded database ready at ${handle.location} (migrations applied in ${Date.now() - started} ms).`);
  if (options.seed && !(await wasDemoSeeded(handle.db))) {
    const summary = await seedDemoContent(handle.db, options.storeImage);
    options.log(
      `First start: seeded demo content (${summary.posts} posts, ${summary.tags} tags, ` +
        `${summary.changelog} changelog entries, ${summary.events} events, ${summary.images} images drawn and stored in ${summary.imageMs} ms).`,
    );
  }
  await refreshPlannerStatistics(handle);
}

/**
 * The embedded database has no autovacuum, so nothing gathers planner statistics by itself;
 * without them PostgreSQL guesses that `deleted_at IS NULL` keeps 0.5 % of rows and sorts a
 * whole table where an index walk would do (the CMS lists over 10,000 posts took up to 430 ms
 * instead of under 100). Run at every start and after bulk seeding; pg and Neon do it themselves.
 * The same for GIN pending lists (below).
 */
export async function refreshPlannerStatistics(handle: DbHandle): Promise<void> {
  if (handle.driver !== 'pglite') return;
  await handle.db.execute(sql`analyze`);
  // GIN indexes (full-text search) take new rows into a pending list that every search reads
  // whole until (auto)vacuum merges it: after a bulk load of 10,000 posts a one-row search read
  // 447 pages (60 ms) instead of 3. Merged here, as autovacuum does on pg and Neon.
  await handle.db.execute(sql`select gin_clean_pending_list(c.oid) from pg_class c join pg_am a on a.oid = c.relam where c.relkind = 'i' and a.amname = 'gin'`);
}
