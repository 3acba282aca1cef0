// 1 against 2 workers (`npm start` with WEB_CONCURRENCY, node:cluster) on PostgreSQL + Redis:
// a fresh bench database seeded with the same data set as the embedded one, both servers up at
// once and measured interleaved. CPU counts the whole process tree (primary and workers).
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db/client';
import { WORKER_SCENARIOS } from '../scenarios';
import { compareAb, type Target } from './ab';
import { seedBenchData } from './data';
import { startGazette } from './processes';
import type { AbReport } from './report';
import type { BenchDatabase } from './services';

export interface WorkerServers {
  servers: { workers: number; child: ChildProcess; log: string; base: string }[];
}

/** Seed the (empty) bench database, then start a 1-worker and a 2-worker server on it. */
export async function startWorkerServers(opts: {
  root: string;
  logDir: string;
  ports: [number, number];
  database: BenchDatabase;
  redisUrl: string;
  prefix: string;
  progress: (line: string) => void;
}): Promise<WorkerServers> {
  opts.progress(`seeding PostgreSQL database ${opts.database.name}`);
  const handle = await openDatabase({ driver: 'pg', url: opts.database.url });
  try {
    await seedBenchData(opts.root, handle, opts.progress);
  } finally {
    await handle.close();
  }
  const secret = randomBytes(32).toString('base64url');
  const servers = ([1, 2] as const).map((workers, i) => {
    const port = opts.ports[i]!;
    const log = path.join(opts.logDir, `server-pg-${workers}w.log`);
    const child = startGazette(opts.root, '', port, log, {
      DATABASE_URL: opts.database.url,
      BETTER_AUTH_SECRET: secret,
      REDIS_URL: opts.redisUrl,
      REDIS_KEY_PREFIX: `${opts.prefix}pg${workers}w:`,
      WEB_CONCURRENCY: String(workers),
    });
    return { workers, child, log, base: `http://127.0.0.1:${port}` };
  });
  return { servers };
}

export async function compareWorkers(
  one: Target,
  two: Target,
  opts: { reps: number; durationS: number; warmupS: number; progress: (line: string) => void },
): Promise<AbReport> {
  const rows = await compareAb(one, two, WORKER_SCENARIOS, opts);
  const cpus = os.availableParallelism();
  return {
    a: one.label,
    b: two.label,
    note:
      `PostgreSQL + Redis, WEB_CONCURRENCY=1 against 2, ${opts.reps} interleaved pairs of ${opts.durationS} s ` +
      `(µs/req = CPU of the whole process tree per request); ` +
      `${cpus} CPUs here, and autocannon in the bench process keeps about one of them busy, so 2 workers compete with the load generator`,
    rows,
  };
}
