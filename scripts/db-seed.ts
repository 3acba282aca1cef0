// npm run db:seed [-- --posts N] — demo content (idempotent), plus N synthetic posts if asked.
import './env';
import { parseArgs } from 'node:util';
import { refreshPlannerStatistics } from '../db/bootstrap';
import { closeProcessDatabase, getDatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemoContent, seedSyntheticPosts } from '../db/seed';
import { seedImagesIntoConfiguredStore } from '../lib/media/seed-images';
import { runScript } from './run-script';

runScript(async () => {
  const { values } = parseArgs({ options: { posts: { type: 'string' } } });
  const synthetic = values.posts === undefined ? 0 : Number(values.posts);
  if (!Number.isInteger(synthetic) || synthetic < 0 || synthetic > 1_000_000) {
    throw new Error('--posts takes a whole number between 0 and 1000000');
  }
  const handle = await getDatabaseHandle();
  if (handle.driver === 'pglite') await migrateDatabase(handle);
  const summary = await seedDemoContent(handle.db, await seedImagesIntoConfiguredStore());
  console.log(
    `Demo content present: ${summary.posts} posts, ${summary.tags} tags, ${summary.changelog} changelog entries, ${summary.events} events, ${summary.images} images (${summary.imageMs} ms).`,
  );
  if (synthetic > 0) {
    const started = Date.now();
    const tty = process.stderr.isTTY;
    let lastShown = -1;
    await seedSyntheticPosts(handle.db, synthetic, (done, total) => {
      const pct = Math.floor((done / total) * 100);
      if (tty) process.stderr.write(`\rSynthetic posts: ${done}/${total} (${pct}%)`);
      else if (pct >= lastShown + 10 || done === total) {
        lastShown = pct;
        console.error(`Synthetic posts: ${done}/${total} (${pct}%)`);
      }
    });
    if (tty) process.stderr.write('\n');
    console.log(`Synthetic posts present: ${synthetic} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  }
  await refreshPlannerStatistics(handle);
  await closeProcessDatabase();
});
