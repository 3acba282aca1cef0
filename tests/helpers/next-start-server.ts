// The production build served by plain `next start` (what Vercel-style and most self-hosted
// deployments run), as a child process on 127.0.0.1: no scripts/server.ts in front, the
// embedded database opened lazily by the app itself (db/client.ts getDatabaseHandle) from a
// private copy of the template. Output goes to a log file, never to the test's output.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { testPrefix } from './redis';
import { copyTemplate, TEST_AUTH_SECRET } from './template-db';

const root = path.resolve(import.meta.dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface NextStartServer {
  url: string;
  dataDir: string;
  logFile: string;
  child: ChildProcess;
  close(): Promise<void>;
}

export async function startNextStartServer(env: Record<string, string> = {}): Promise<NextStartServer> {
  const { dataDir, cleanup } = copyTemplate();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-next-start-')), 'server.log');
  const log = fs.openSync(logFile, 'a');
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    GAZETTE_DATA_DIR: dataDir,
    SEED_DEMO_CONTENT: 'false',
    BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
    SITE_URL: url,
    REDIS_KEY_PREFIX: testPrefix('next-start'),
    ...env,
  };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', log, log],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    fs.closeSync(log);
    cleanup();
  };
  // Ready once the health route answers 200: that route opens the database.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`next start exited early (${child.exitCode}); see ${logFile}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not become healthy within 120 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, dataDir, logFile, child, close: stop };
}
