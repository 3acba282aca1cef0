// Gazette as a child process on 127.0.0.1, started as an operator would: `npm start`
// (scripts/start.ts) or plain `next start` of the same build (no scripts/server.ts in front; the
// embedded database opened lazily by the app itself). Output goes to a log file, never to the
// test's output. Ready once /api/health answers 200 (that route opens the database).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { deletePrefix, testPrefix } from './redis';
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
  /** The private embedded database ('' on PostgreSQL). */
  dataDir: string;
  logFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface ChildOptions {
  port?: number;
  /** `npm start` (default) or plain `next start` of the same build. */
  via?: 'npm start' | 'next start';
}

export async function startChildServer(env: Record<string, string> = {}, options: ChildOptions = {}): Promise<ChildServer> {
  // On PostgreSQL (env.DATABASE_URL) there is no embedded database to copy.
  const { dataDir, cleanup } = env.DATABASE_URL ? { dataDir: '', cleanup: () => {} } : copyTemplate();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const via = options.via ?? 'npm start';
  const prefix = testPrefix('child');
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-log-')), 'server.log');
  const log = fs.openSync(logFile, 'a');
  const args =
    via === 'npm start'
      ? ['--import', 'tsx', 'scripts/start.ts']
      : [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: '',
      ...(dataDir ? { GAZETTE_DATA_DIR: dataDir } : {}),
      HOST: '127.0.0.1',
      PORT: String(port),
      SITE_URL: url,
      BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
      REDIS_KEY_PREFIX: prefix,
      ...env,
    },
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
    // Keys under this server's own prefix (tests that pass their own prefix delete it themselves).
    const redisUrl = env.REDIS_URL ?? process.env.REDIS_URL;
    if (redisUrl && !env.REDIS_KEY_PREFIX) await deletePrefix(prefix, redisUrl);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${via} exited early (${child.exitCode}); see ${logFile}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${via} did not become healthy within 120 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, dataDir, logFile, child, stop };
}
