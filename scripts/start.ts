// npm start: validate configuration, build if needed, prepare the database, serve: in this
// process (one worker, always on the embedded database), or in WEB_CONCURRENCY worker processes
// sharing one port (node:cluster) when PostgreSQL and Redis are configured (SPEC §7).
import './env';
import cluster from 'node:cluster';
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
import { seedImagesIntoConfiguredStore } from '../lib/media/seed-images';
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

/** A cluster worker: serve on the shared port until told to stop. */
async function worker(config: Config): Promise<void> {
  const running = await startNextServer({ port: config.port, host: config.host });
  const stop = async () => {
    await running.close().catch(() => {});
    await closeProcessDatabase().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => {}); // the primary decides; a terminal's Ctrl-C reaches every process
}

/** The cluster primary: fork the workers, replace any that dies, run the scheduler. */
async function primary(config: Config): Promise<void> {
  console.log(`Starting ${config.workers} workers (WEB_CONCURRENCY), sharing Redis and ${driverFor(config.databaseUrl) === 'neon' ? 'Neon' : 'PostgreSQL'}.`);
  let stopping = false;
  const fork = () => cluster.fork({ GAZETTE_WORKER: '1' });
  let listening = 0;
  const ready = new Promise<void>((resolve) => {
    cluster.on('listening', () => {
      if (++listening === config.workers) resolve();
    });
  });
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    console.error(`[cluster] worker ${w.process.pid} exited (${signal ?? code}); starting another.`);
    setTimeout(fork, 1000).unref();
  });
  for (let i = 0; i < config.workers; i++) fork();
  await ready;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${shownHost}:${config.port}`;
  console.log(`Gazette is listening on ${url} with ${config.workers} workers (public URLs use ${config.siteUrl}).`);
  const scheduler = startScheduler(url, config.cronSecret!);
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down…`);
    clearInterval(scheduler);
    const workers = Object.values(cluster.workers ?? {});
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) {
      w?.once('exit', () => --left === 0 && process.exit(0));
      w?.kill('SIGTERM');
    }
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  if (cluster.isWorker) {
    await worker(getConfig());
    return;
  }
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
  if (config.workers > 1) {
    // lib/config.ts refuses several workers without PostgreSQL and Redis.
    console.log(`Using ${driver === 'neon' ? 'Neon' : 'PostgreSQL'} from DATABASE_URL (run \`npm run db:migrate\` after schema changes).`);
    await primary(config);
    return;
  }
  if (driver === 'pglite') {
    try {
      const handle = await openDatabase({ driver, dataDir: config.dataDir });
      setProcessDatabase(handle);
      await prepareEmbeddedDatabase(handle, { seed: config.seedDemoContent, log: (l) => console.log(l), storeImage: await seedImagesIntoConfiguredStore() });
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
