// The machine's Redis for the multi-process tiers: whether it answers, a key prefix private to
// one test file, and removing that prefix's keys afterwards.
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export function testPrefix(label: string): string {
  return `gazette-test:${label}:${randomUUID().slice(0, 8)}:`;
}

/** Best effort: a Redis that went away (a fault test) leaves the keys to their expiry. */
export async function deletePrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (err) {
    console.warn(`[redis] could not delete keys under ${prefix}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    client.disconnect();
  }
}
