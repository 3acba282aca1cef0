// The production build, served in this process on 127.0.0.1 with a private embedded database.
import net from 'node:net';
import { closeProcessDatabase, getDatabaseHandle, openDatabase, setProcessDatabase, type DbHandle } from '@/db/client';
import { resetConfig } from '@/lib/config';
import { startNextServer } from '@/scripts/server';
import { deletePrefix, testPrefix } from './redis';
import { copyTemplate, TEST_AUTH_SECRET } from './template-db';

export interface TestServer {
  url: string;
  handle: DbHandle;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const { dataDir, cleanup } = copyTemplate();
  // With REDIS_URL set (the suite runs both ways), each server gets keys of its own: its database
  // is a private copy, so entries cached by another test file would be wrong here.
  const prefix = testPrefix('it');
  Object.assign(process.env, { GAZETTE_DATA_DIR: dataDir, HOST: '127.0.0.1', SEED_DEMO_CONTENT: 'false', BETTER_AUTH_SECRET: TEST_AUTH_SECRET, REDIS_KEY_PREFIX: prefix, ...env });
  delete process.env.DATABASE_URL;
  resetConfig();
  const handle = await openDatabase({ driver: 'pglite', dataDir });
  setProcessDatabase(handle);
  // The site's URL must be known before the server prepares: start-up work (the change log's
  // backfill, lib/cms/background.ts) already writes absolute URLs. So the port is chosen first.
  const port = await freePort();
  process.env.SITE_URL ??= `http://127.0.0.1:${port}`;
  resetConfig();
  const running = await startNextServer({ port, host: '127.0.0.1' });
  return {
    url: running.url,
    handle,
    dataDir,
    async close() {
      await running.close();
      await closeProcessDatabase();
      cleanup();
      if (process.env.REDIS_URL) await deletePrefix(prefix, process.env.REDIS_URL);
    },
  };
}

/** A port free on 127.0.0.1 now (the system's choice), for a server to listen on next. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export { getDatabaseHandle };
