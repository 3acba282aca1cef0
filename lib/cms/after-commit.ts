// What happens once a change has committed, in one place for the actions (lib/cms/action.ts)
// and the scheduler (lib/cms/cron.ts): every process drops the cache entries the change touched
// before the caller answers (SPEC §7), Next's own tag bookkeeping follows, and the WebSub hub
// hears that the feeds changed, and webhook deliveries the change queued start at once (SPEC §8).
import 'server-only';
import { revalidateTag, updateTag } from 'next/cache';
import { invalidateEverywhere } from '@/lib/cache/invalidate';
import { cacheTags } from '@/lib/content/cache-tags';
import { kickDeliveries } from '@/lib/webhooks/worker';
import { pingHub } from './websub';

export interface Committed {
  /** Cache tags the change touched (lib/content/cache-tags.ts). */
  tags: string[];
  /** Whether a WebSub-announced feed changed. */
  feedsChanged: boolean;
}

/**
 * `from` says who calls: a Server Action may use updateTag (its own next render is fresh); a
 * route handler may not, and uses revalidateTag with expire 0 instead. Resolves false when the
 * shared cache did not take the invalidation (Redis unreachable).
 */
export async function afterCommit(change: Committed, from: 'action' | 'route'): Promise<boolean> {
  // Awaited: Next runs a route handler's (and some actions') revalidations after the response.
  const everywhere = await invalidateEverywhere(change.tags);
  for (const tag of new Set(change.tags)) {
    if (from === 'action') updateTag(tag);
    else revalidateTag(tag, { expire: 0 });
  }
  if (change.feedsChanged) void pingHub();
  // A change-log record may have queued deliveries (lib/cms/change-log.ts).
  if (change.tags.includes(cacheTags.changes)) kickDeliveries();
  return everywhere;
}
