// A small JSON value kept in the process's 'use cache' store (./shared-cache.mjs) for code that
// runs outside a render, where the 'use cache' directive does not apply: the proxy (proxy.ts)
// cannot call a 'use cache' function (Next 16.4 compiles the directive for the app's server
// bundles only). Stored under our own keys with the same cache tags and the same handler, so an
// invalidation (lib/cache/invalidate.ts, Next's updateTag) drops it exactly as it drops the
// readers' entries, in every process when Redis is configured. Knows nothing of content.
import 'server-only';
import { bytesOf, streamOf } from './local-store.mjs';
import { now, sharedCache } from './shared-cache.mjs';

const PREFIX = 'gazette:remember:v1:';
const encoder = new TextEncoder();

/**
 * The value stored under `key` if none of its tags was invalidated since it was computed and it
 * is younger than `seconds`; otherwise `compute()`'s value, stored under the tags it names (known
 * only once the value is: a moved post depends on its new slug too). A failed compute stores
 * nothing and throws.
 */
export async function remember<T>(key: string, seconds: number, compute: () => Promise<{ value: T; tags: string[] }>): Promise<T> {
  const { handler } = sharedCache();
  // What Next does before a request's first cached read: learn the invalidations other processes
  // made (one Redis round trip when shared, nothing otherwise).
  await handler.refreshTags();
  const cacheKey = PREFIX + key;
  const hit = await handler.get(cacheKey, []);
  if (hit) return JSON.parse(new TextDecoder().decode(await bytesOf(hit.value))) as T;
  // Stamped before the read, on the handler's own clock: an invalidation made while it runs is
  // newer than the entry, so the entry is never served after it (tag times vs `timestamp`).
  const timestamp = now();
  const { value, tags } = await compute();
  await handler.set(
    cacheKey,
    Promise.resolve({ value: streamOf(encoder.encode(JSON.stringify(value))), tags, timestamp, stale: seconds, expire: seconds, revalidate: seconds }),
  );
  return value;
}
