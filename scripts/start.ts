// npm start: validate configuration, build if needed, prepare the database, serve.
import './env';
import { closeProcessDatabase, driverFor, openDatabase, setProcessDatabase } from '../db/client';
import { DataDirLockedError } from '../db/data-dir-lock';
import { prepareEmbeddedDatabase } from '../db/bootstrap';
import { ConfigError, getConfig, type Config } from '../lib/config';
import { buildIfStale } from './build-if-stale';
import { startNextServer } from './server';

function fail(message: string): never {
  console.error(`\nGazette cannot start.\n${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
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
    } catch (err) {
      if (err instanceof DataDirLockedError) fail(err.message);
      throw err;
    }
  } else {
    console.log(`Using ${driver === 'neon' ? 'Neon' : 'PostgreSQL'} from DATABASE_URL (run \`npm run db:migrate\` after schema changes).`);
  }

  const running = await startNextServer({ port: config.port, host: config.host });
  console.log(`Gazette is listening on ${running.url} (public URLs use ${config.siteUrl}).`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down…`);
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
