// What a first start on the embedded database does by itself: migrate, then seed demo content
// once. On Neon or plain Postgres, migrations are a deliberate step (npm run db:migrate).
import type { DbHandle } from './client';
import { migrateDatabase } from './migrate';
import { seedDemoContent, wasDemoSeeded } from './seed';

export async function prepareEmbeddedDatabase(
  handle: DbHandle,
  options: { seed: boolean; log: (line: string) => void },
): Promise<void> {
  const started = Date.now();
  await migrateDatabase(handle);
  options.log(`Embedded database ready at ${handle.location} (migrations applied in ${Date.now() - started} ms).`);
  if (options.seed && !(await wasDemoSeeded(handle.db))) {
    const summary = await seedDemoContent(handle.db);
    options.log(
      `First start: seeded demo content (${summary.posts} posts, ${summary.tags} tags, ` +
        `${summary.changelog} changelog entries, ${summary.events} events).`,
    );
  }
}
