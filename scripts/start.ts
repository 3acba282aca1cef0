// npm start: validate configuration, build if needed, prepare the database, serve.
import './env';
import { closeProcessDatabase, driverFor, openDatabase, setProcessDatabase } from '../db/client';
import { DataDirLockedError } from '../db/data-dir-lock';
import { prepareEmbeddedDatabase } from '../db/bootstrap';
import { ConfigError, getConfig, type Config } from '../lib/config';
import { buildIfStale } from './build-if-stale';
import { startNextServer } from './server';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { ensureEmbeddedAuthSecret } from '../db/auth-secret';
import { getAuth } from '../lib/auth/auth';
import { createAccount, generatePassword, hasAnyAdmin } from '../lib/auth/accounts';

// On the embedded database, the first start creates a demo admin and prints its password once.
async function ensureDemoAdmin(db: Db): Promise<void> {
  if (await hasAnyAdmin(db)) return;
  const password = generatePassword();
  const email = 'admin@gazette.local';
  await createAccount(await getAuth(), db, { email, password, name: 'Demo Admin', role: 'admin' });
  console.log(`\nCreated the demo admin for the CMS (shown once):\n  ${email}\n  ${password}\nSign in at /cms/login. Create more editors there, or with npm run cms:create-admin.\n`);
}

// Self-hosted scheduling without an external cron: every minute, call the same route Vercel's
// cron calls, so scheduled items go live within a minute of their time.
function startScheduler(base: string, secret: string): NodeJS.Timeout {
  const tick = () =>
    fetch(`${base}/api/cron/publish`, { headers: { authorization: `Bearer ${secret}` }, signal: AbortSignal.timeout(30_000) })
      .then((r) => {
        if (!r.ok) console.error(`[scheduler] publish run answered ${r.status}`);
      })
      .catch((err: unknown) => console.error('[scheduler] publish run failed:', err instanceof Error ? err.message : err));
  const timer = setInterval(tick, 60_000);
  timer.unref();
  void tick();
  return timer;
}

function fail(message: string): never {
  console.error(`\nGazette cannot start.\n${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  // The embedded database brings its own session secret (kept beside its data directory).
  if (!process.env.DATABASE_URL) ensureEmbeddedAuthSecret(process.env.GAZETTE_DATA_DIR || '.data/pglite');
  // The self-hosted scheduler calls the cron route with this secret (see startScheduler).
  process.env.CRON_SECRET ||= randomBytes(24).toString('base64url');
  let config: Config;
  try {
    config = getConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  buildIfStale({ quiet: true });

  const driver = driverFor(config.databaseUrl);
  if (driver === 'pglite') {
    try {
      const handle = await openDatabase({ driver, dataDir: config.dataDir });
      setProcessDatabase(handle);
      await prepareEmbeddedDatabase(handle, { seed: config.seedDemoContent, log: (l) => console.log(l) });
      await ensureDemoAdmin(handle.db);
    } catch (err) {
      if (err instanceof DataDirLockedError) fail(err.message);
      throw err;
    }
  } else {
    console.log(`Using ${driver === 'neon' ? 'Neon' : 'PostgreSQL'} from DATABASE_URL (run \`npm run db:migrate\` after schema changes).`);
  }

  const running = await startNextServer({ port: config.port, host: config.host });
  console.log(`Gazette is listening on ${running.url} (public URLs use ${config.siteUrl}).`);
  const scheduler = startScheduler(running.url, config.cronSecret!);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down…`);
    clearInterval(scheduler);
    await running.close().catch(() => {});
    await closeProcessDatabase().catch((err: unknown) => console.error(err));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
