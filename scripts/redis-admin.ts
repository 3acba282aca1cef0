// Redis chores shared by the tests and the benchmarks (never by the app): whether a Redis
// answers, and removing every key under one prefix (SCAN + DEL: never KEYS, never another run's
// keys). Each test file and benchmark run writes under a prefix of its own.
import { Redis } from 'ioredis';

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** undefined when Redis answers PING within a second, else why not. */
export async function redisProblem(url: string): Promise<string | undefined> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (err) {
    return `no Redis at ${url} (${reason(err)})`;
  } finally {
    redis.disconnect();
  }
}

/** Delete every key under `prefix`; resolves to how many were deleted. */
export async function deleteKeys(prefix: string, url: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: () => null });
  redis.on('error', () => {});
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
