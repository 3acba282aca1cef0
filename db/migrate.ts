// Apply db/migrations (made by drizzle-kit) with the migrator that matches the driver.
import path from 'node:path';
import type { DbHandle } from './client';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

export async function migrateDatabase(handle: DbHandle, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const options = { migrationsFolder };
  // The handle's db is typed as the common PgDatabase; each migrator wants its own subtype,
  // which it is at run time, so the narrowing casts below are safe.
  switch (handle.driver) {
    case 'pglite': {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(handle.db as Parameters<typeof migrate>[0], options);
      return;
    }
    case 'pg': {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      await migrate(handle.db as Parameters<typeof migrate>[0], options);
      return;
    }
    case 'neon': {
      const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
      await migrate(handle.db as Parameters<typeof migrate>[0], options);
      return;
    }
  }
}
