// The Redis cache handler against the in-memory one (lib/cache/shared-cache.mjs, SPEC §7): the
// same build and data set, the main server (no REDIS_URL) and a second one with REDIS_URL on a
// copy of the embedded data directory (PGlite serves one process), measured interleaved: warm
// GET, warm 304, and the first request after an invalidation.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { COLD_SCENARIOS, SHARED_CACHE_SCENARIOS } from '../scenarios';
import { compareAb, median, type Target } from './ab';
import { coldSample } from './cold';
import { startGazette } from './processes';
import type { BenchReport, ColdAbRow } from './report';

/** The requirement: Redis may cost the warm path at most 10% of throughput. */
const MIN_WARM_RATIO = 0.9;

export interface RedisServer {
  child: ChildProcess;
  log: string;
  base: string;
  /** Removes the copied data directory (after the server stopped). */
  cleanup(): void;
}

/** Start the Redis-backed twin of the main server; call before the main server takes its lock. */
export function startRedisServer(opts: { root: string; dataDir: string; logDir: string; port: number; redisUrl: string; prefix: string }): RedisServer {
  const copy = path.join(opts.logDir, 'pglite-redis');
  fs.cpSync(opts.dataDir, copy, { recursive: true });
  const log = path.join(opts.logDir, 'server-redis.log');
  const child = startGazette(opts.root, copy, opts.port, log, { REDIS_URL: opts.redisUrl, REDIS_KEY_PREFIX: `${opts.prefix}pglite:` });
  return {
    child,
    log,
    base: `http://127.0.0.1:${opts.port}`,
    cleanup: () => {
      fs.rmSync(copy, { recursive: true, force: true });
      fs.rmSync(`${copy}.auth-secret`, { force: true }); // written beside it by scripts/start.ts
    },
  };
}

export async function compareSharedCache(
  memory: Target,
  redis: Target,
  opts: { reps: number; durationS: number; warmupS: number; coldSamples: number; progress: (line: string) => void },
): Promise<NonNullable<BenchReport['sharedCache']>> {
  const rows = await compareAb(memory, redis, SHARED_CACHE_SCENARIOS, opts);

  const cold: ColdAbRow[] = [];
  for (const c of COLD_SCENARIOS) {
    opts.progress(`memory vs redis, cold: ${c.name}`);
    const samples = { a: [] as { ms: number; queries: number }[], b: [] as { ms: number; queries: number }[] };
    for (let i = 0; i < opts.coldSamples; i++) {
      const order = i % 2 === 0 ? ([['a', memory], ['b', redis]] as const) : ([['b', redis], ['a', memory]] as const);
      for (const [side, t] of order) {
        const s = await coldSample(t.base, c);
        if (s.status !== 200) opts.progress(`  ! ${t.label}: ${c.path} answered ${s.status}`);
        samples[side].push(s);
      }
    }
    cold.push({
      name: c.name,
      path: c.path,
      aMsMedian: median(samples.a.map((s) => s.ms)),
      bMsMedian: median(samples.b.map((s) => s.ms)),
      aMsMax: Math.max(...samples.a.map((s) => s.ms)),
      bMsMax: Math.max(...samples.b.map((s) => s.ms)),
      aQueries: median(samples.a.map((s) => s.queries)),
      bQueries: median(samples.b.map((s) => s.queries)),
    });
  }

  // One number for the requirement: single scenarios swing by ±20% between slices on a busy
  // machine; the geometric mean over the scenarios does not.
  const mean = Math.exp(rows.reduce((sum, r) => sum + Math.log(r.ratio), 0) / rows.length);
  return {
    warm: {
      a: memory.label,
      b: redis.label,
      note: `the same build and data set (embedded database), one process each, without and with REDIS_URL; ${opts.reps} interleaved pairs of ${opts.durationS} s; ×${memory.label} = redis/memory req/s (median of pairs)`,
      rows,
    },
    cold,
    meanWarmRatio: mean,
    worstWarmRatio: Math.min(...rows.map((r) => r.ratio)),
    warmCostHolds: mean >= MIN_WARM_RATIO,
  };
}
