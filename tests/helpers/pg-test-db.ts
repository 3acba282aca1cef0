// A throwaway PostgreSQL database on the machine's server (TEST_DATABASE_URL names one this test
// run may create databases beside): migrated, with demo content and the test accounts.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { closeProcessDatabase, openDatabase, setProcessDatabase, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seedDemoContent } from '@/db/seed';
import { seedImagesIntoConfiguredStore } from '@/lib/media/seed-images';
import { createAccount } from '@/lib/auth/accounts';
import { resetConfig } from '@/lib/config';
import { TEST_ACCOUNTS, TEST_AUTH_SECRET } from './template-db';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface PgTestDatabase {
  url: string;
  /** A connection the test reads through (its own pool). */
  handle: DbHandle;
  drop(): Promise<void>;
}

export async function createPgTestDatabase(label: string): Promise<PgTestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `gazette_${label}_${randomUUID().slice(0, 8)}`;
  const admin = await openDatabase({ driver: 'pg', url: TEST_DATABASE_URL });
  await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
  const target = new URL(TEST_DATABASE_URL);
  target.pathname = `/${name}`;
  const url = target.toString();
  const handle = await openDatabase({ driver: 'pg', url });
  await migrateDatabase(handle);
  // Before anything reads the configuration (it is parsed once and kept): the accounts need it.
  process.env.BETTER_AUTH_SECRET ??= TEST_AUTH_SECRET;
  resetConfig();
  // Demo images into the configured store (lib/config.ts): servers on this database inherit this
  // process's environment, so they read media from the same place.
  await seedDemoContent(handle.db, await seedImagesIntoConfiguredStore());
  setProcessDatabase(handle);
  const { getAuth } = await import('@/lib/auth/auth');
  const auth = await getAuth();
  for (const account of Object.values(TEST_ACCOUNTS)) await createAccount(auth, handle.db, account);
  await closeProcessDatabase();
  const reader = await openDatabase({ driver: 'pg', url });
  return {
    url,
    handle: reader,
    async drop() {
      await reader.close().catch(() => {});
      const again = await openDatabase({ driver: 'pg', url: TEST_DATABASE_URL! });
      await again.db.execute(sql.raw(`drop database if exists ${name} with (force)`)).catch(() => {});
      await again.close();
    },
  };
}
