// Invalidate cache tags in every process before a change is reported done (SPEC §7): the shared
// store writes them to Redis (when configured) and this awaits it; Next's own updateTag /
// revalidateTag then apply them to this request's render. Used by lib/cms/after-commit.ts
// (the CMS actions and the scheduler), the benchmark's invalidate route and /api/health; knows
// nothing of content.
import 'server-only';
import { sharedCache } from './shared-cache.mjs';

/** Resolves true when every process will see the change; false when Redis was unreachable. */
export async function invalidateEverywhere(tags: Iterable<string>): Promise<boolean> {
  const unique = [...new Set(tags)];
  if (unique.length === 0) return true;
  return sharedCache().invalidate(unique);
}

/** The shared cache as /api/health reports it: 'memory', or Redis and whether it answers. */
export async function cacheHealth(): Promise<{ mode: string; status: 'ok' | 'unavailable' }> {
  const s = await sharedCache().check();
  return { mode: s.mode, status: s.outage ? 'unavailable' : 'ok' };
}
