// npm run cms:create-admin -- --email you@example.com --password '…' [--name 'You'] [--role editor]
import './env';
import { parseArgs } from 'node:util';
import { closeProcessDatabase, getDatabaseHandle } from '../db/client';
import { ensureEmbeddedAuthSecret } from '../db/auth-secret';
import { migrateDatabase } from '../db/migrate';
import { createAccount } from '../lib/auth/accounts';
import { getAuth } from '../lib/auth/auth';
import { isRole } from '../lib/auth/roles';
import { runScript } from './run-script';

runScript(async () => {
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' } } });
  if (!values.email || !values.password) throw new Error('Usage: npm run cms:create-admin -- --email you@example.com --password "at least 10 characters" [--name "Your Name"] [--role admin|editor]');
  if (!isRole(values.role)) throw new Error('--role must be admin or editor');
  if (!process.env.DATABASE_URL) ensureEmbeddedAuthSecret(process.env.GAZETTE_DATA_DIR || '.data/pglite');
  const handle = await getDatabaseHandle();
  if (handle.driver === 'pglite') await migrateDatabase(handle);
  const id = await createAccount(await getAuth(), handle.db, { email: values.email, password: values.password, name: values.name ?? values.email.split('@')[0]!, role: values.role });
  console.log(`Created ${values.role} ${values.email} (${id}).`);
  await closeProcessDatabase();
});
