// Child processes for the benchmarks: output to log files, never to the console.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export async function waitFor(url: string, child: ChildProcess, log: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A signal (e.g. SIGTERM from a broad `pkill` elsewhere on a shared machine) leaves exitCode null.
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process exited (${child.signalCode ?? child.exitCode}); see ${log}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url} in ${timeoutMs / 1000} s; see ${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function start(command: string, args: string[], env: Record<string, string>, log: string, cwd: string): ChildProcess {
  const fd = fs.openSync(log, 'w');
  return spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
}

/**
 * Start Gazette's production server (`npm start`) in benchmark mode on a prepared data
 * directory: embedded database, in-memory cache, one process, unless `env` says otherwise.
 */
export function startGazette(root: string, dataDir: string, port: number, log: string, env: Record<string, string> = {}): ChildProcess {
  return start(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    NODE_ENV: 'production',
    GAZETTE_BENCH: 'true',
    GAZETTE_DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: '',
    WEB_CONCURRENCY: '',
    HOST: '127.0.0.1',
    PORT: String(port),
    SITE_URL: `http://127.0.0.1:${port}`,
    SEED_DEMO_CONTENT: 'false',
    ...env,
  }, log, root);
}
