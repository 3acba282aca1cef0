// The production build, served in this process on 127.0.0.1 with a private embedded database.
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
  const running = await startNextServer({ port: 0, host: '127.0.0.1' });
  process.env.SITE_URL ??= running.url;
  resetConfig();
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

export { getDatabaseHandle };
