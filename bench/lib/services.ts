// The engines the shared-cache comparisons need: Redis (BENCH_REDIS_URL, default
// redis://127.0.0.1:6379) and PostgreSQL (BENCH_POSTGRES_URL: a database to connect to for
// CREATE DATABASE, default postgres://postgres@127.0.0.1:5432/postgres). Each run gets its own
// Redis key prefix and its own database, both removed at the end, so runs never share state.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { deleteKeys, redisProblem as problemOf } from '../../scripts/redis-admin';

export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
export const BENCH_POSTGRES_URL = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** undefined when Redis answers PING, else why not. */
export const redisProblem = (url = BENCH_REDIS_URL) => problemOf(url);

/** A key prefix no other run uses (REDIS_KEY_PREFIX allows letters, digits, _ : . -). */
export const runPrefix = () => `bench-${randomBytes(4).toString('hex')}:`;

/** Delete every key under the prefix; resolves to how many. */
export const deleteRedisKeys = (prefix: string, url = BENCH_REDIS_URL) => deleteKeys(prefix, url);

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh `gazette_bench_<random>` database, or why PostgreSQL is not available. */
export async function createBenchDatabase(): Promise<BenchDatabase | string> {
  const name = `gazette_bench_${randomBytes(4).toString('hex')}`;
  try {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
  } catch (err) {
    return `no PostgreSQL at ${new URL(BENCH_POSTGRES_URL).host} (${reason(err)})`;
  }
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
