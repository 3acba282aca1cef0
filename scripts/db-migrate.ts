// npm run db:migrate — apply db/migrations to the configured database (any of the three drivers).
import './env';
import { closeProcessDatabase, getDatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { runScript } from './run-script';

runScript(async () => {
  const handle = await getDatabaseHandle();
  await migrateDatabase(handle);
  console.log(`Migrations applied (${handle.driver}, ${handle.location}).`);
  await closeProcessDatabase();
});
