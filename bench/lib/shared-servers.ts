// Starts the servers the shared-cache comparisons need, where the engines are available: the
// Redis twin of the main server (Redis only), and a 1-worker and a 2-worker server on a fresh
// PostgreSQL database (Redis and PostgreSQL). A missing engine skips its part with a reason.
// Everything created here (database, Redis keys, data copy) is removed by the cleanups.
import type { ChildProcess } from 'node:child_process';
import type { Target } from './ab';
import { waitFor } from './processes';
import { BENCH_REDIS_URL, createBenchDatabase, deleteRedisKeys, redisProblem, runPrefix } from './services';
import { startRedisServer } from './shared-cache';
import { startWorkerServers } from './workers';

export interface SharedServers {
  skipped: { redis?: string; postgres?: string };
  /** Resolves once every started server answers (a server that fails to start is skipped). */
  ready: Promise<{ redis?: Target; one?: Target; two?: Target }>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function startSharedServers(opts: {
  root: string;
  dataDir: string;
  logDir: string;
  port: number;
  children: ChildProcess[];
  cleanups: (() => Promise<unknown> | void)[];
  progress: (line: string) => void;
}): Promise<SharedServers> {
  const { progress } = opts;
  const skipped: SharedServers['skipped'] = {};
  const noRedis = await redisProblem();
  if (noRedis) {
    skipped.redis = skipped.postgres = `${noRedis}; set BENCH_REDIS_URL`;
    progress(`Redis parts skipped: ${skipped.redis}`);
    return { skipped, ready: Promise.resolve({}) };
  }
  const prefix = runPrefix();
  opts.cleanups.push(async () => progress(`deleted ${await deleteRedisKeys(prefix)} Redis keys under ${prefix}`));

  const redis = startRedisServer({ ...opts, port: opts.port + 200, redisUrl: BENCH_REDIS_URL, prefix });
  opts.children.push(redis.child);
  opts.cleanups.push(redis.cleanup);
  const up = async (label: string, s: { child: ChildProcess; log: string; base: string }): Promise<Target | undefined> => {
    try {
      await waitFor(`${s.base}/api/health`, s.child, s.log);
      progress(`${label} server up at ${s.base} (pid ${s.child.pid})`);
      return { label, base: s.base, pid: s.child.pid! };
    } catch (err) {
      progress(`! ${label} server did not start (${message(err)}); its comparison is skipped`);
      return undefined;
    }
  };
  const redisUp = up('redis', redis);

  const database = await createBenchDatabase();
  if (typeof database === 'string') {
    skipped.postgres = `${database}; set BENCH_POSTGRES_URL`;
    progress(`PostgreSQL parts skipped: ${skipped.postgres}`);
    return { skipped, ready: redisUp.then((r) => ({ redis: r })) };
  }
  opts.cleanups.push(async () => {
    await database.drop();
    progress(`dropped database ${database.name}`);
  });
  const workersUp = startWorkerServers({ ...opts, ports: [opts.port + 201, opts.port + 202], database, redisUrl: BENCH_REDIS_URL, prefix })
    .then(async ({ servers }) => {
      opts.children.push(...servers.map((s) => s.child));
      const [one, two] = await Promise.all(servers.map((s) => up(`${s.workers}w`, s)));
      return { one, two };
    })
    .catch((err: unknown) => {
      progress(`! PostgreSQL servers not started (${message(err)})`);
      return {};
    });
  return { skipped, ready: Promise.all([redisUp, workersUp]).then(([r, w]) => ({ redis: r, ...w })) };
}
