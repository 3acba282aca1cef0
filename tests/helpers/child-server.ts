// Gazette started exactly as `npm start` does, as a child process on 127.0.0.1, with its
// output sent to a log file (never to the test's output).
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

export interface ChildServer {
  url: string;
  logFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startChildServer(env: Record<string, string> = {}, options: { port?: number } = {}): Promise<ChildServer> {
  // On PostgreSQL (env.DATABASE_URL) there is no embedded database to copy.
  const { dataDir, cleanup } = env.DATABASE_URL ? { dataDir: '', cleanup: () => {} } : copyTemplate();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-log-')), 'server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: '', ...(dataDir ? { GAZETTE_DATA_DIR: dataDir } : {}), HOST: '127.0.0.1', PORT: String(port), SITE_URL: url, BETTER_AUTH_SECRET: TEST_AUTH_SECRET, REDIS_KEY_PREFIX: testPrefix('child'), ...env },
    stdio: ['ignore', log, log],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start within 120 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    logFile,
    child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.closeSync(log);
      cleanup();
    },
  };
}
