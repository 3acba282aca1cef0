// The benchmark data set on its own embedded database: demo content plus 10,000 posts,
// 500 events and 200 changelog entries. Built once and reused while the schema and seed stay
// the same.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type DbHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedDemoContent, seedSyntheticChangelog, seedSyntheticEvents, seedSyntheticPosts } from '../../db/seed';
import { seedImagesIntoConfiguredStore } from '../../lib/media/seed-images';

export const BENCH_SIZE = { posts: 10_000, events: 500, changelog: 200 };

function key(root: string): string {
  const hash = createHash('sha256').update(JSON.stringify(BENCH_SIZE));
  for (const dir of ['db/migrations', 'db/seed']) {
    for (const name of fs.readdirSync(path.join(root, dir), { recursive: true }).map(String).sort()) {
      const file = path.join(root, dir, name);
      if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

export async function prepareBenchData(root: string, _quick: boolean, progress: (line: string) => void): Promise<string> {
  const dir = path.join(root, '.data', 'bench', key(root));
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return dir;
  progress(`preparing the benchmark data set in ${path.relative(root, dir)}`);
  const building = `${dir}.building`;
  fs.rmSync(building, { recursive: true, force: true });
  const handle = await openDatabase({ driver: 'pglite', dataDir: building });
  try {
    await seedBenchData(root, handle, progress);
  } finally {
    await handle.close();
  }
  fs.renameSync(building, dir);
  return dir;
}

/** Migrate and fill a database (embedded or PostgreSQL) with the benchmark data set. */
export async function seedBenchData(root: string, handle: DbHandle, progress: (line: string) => void): Promise<void> {
  await migrateDatabase(handle, path.join(root, 'db', 'migrations'));
  await seedDemoContent(handle.db, await seedImagesIntoConfiguredStore());
  await seedSyntheticPosts(handle.db, BENCH_SIZE.posts, (done, total) => {
    if (done % 2000 === 0 || done === total) progress(`  posts ${done}/${total}`);
  });
  await seedSyntheticEvents(handle.db, BENCH_SIZE.events);
  await seedSyntheticChangelog(handle.db, BENCH_SIZE.changelog);
}
