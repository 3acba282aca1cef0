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
 */
export async function refreshPlannerStatistics(handle: DbHandle): Promise<void> {
  if (handle.driver === 'pglite') await handle.db.execute(sql`analyze`);
}
