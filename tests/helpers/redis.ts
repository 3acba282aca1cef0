// The machine's Redis for the tests: whether it answers, a key prefix private to one test file
// or server, and removing that prefix's keys afterwards (scripts/redis-admin.ts does the work).
import { randomUUID } from 'node:crypto';
import { deleteKeys, redisProblem } from '@/scripts/redis-admin';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
  return (await redisProblem(url)) === undefined;
}

export function testPrefix(label: string): string {
  return `gazette-test:${label}:${randomUUID().slice(0, 8)}:`;
}

/** Best effort: a Redis that went away (a fault test) leaves the keys to their expiry. */
export async function deletePrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  await deleteKeys(prefix, url).catch((err: unknown) => {
    console.warn(`[redis] could not delete keys under ${prefix}: ${err instanceof Error ? err.message : String(err)}`);
  });
}
