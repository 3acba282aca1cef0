// What a long-lived server process runs beside serving (instrumentation.ts): the change log's
// backfill once, and the webhook delivery loop (not on Vercel, where after() and the cron
// drain the outbox instead).
import 'server-only';
import { getDb } from '@/db/client';
import { invalidateEverywhere } from '@/lib/cache/invalidate';
import { getConfig } from '@/lib/config';
import { cacheTags } from '@/lib/content/cache-tags';
import { startDeliveryLoop } from '@/lib/webhooks/worker';
import { backfillChangeLog } from './change-log';
import { contentTypes } from './registry';

export async function startBackgroundWork(): Promise<void> {
  try {
    const added = await backfillChangeLog(await getDb(), contentTypes());
    if (added) {
      console.log(`[changes] recorded ${added} published item(s) the change log had not seen.`);
      // Other processes may hold a head page of /api/changes from before (a shared cache).
      await invalidateEverywhere([cacheTags.changes]);
    }
  } catch (err) {
    // The scheduler's next run tries again (lib/cms/cron.ts).
    console.error('[changes] could not backfill the change log:', err instanceof Error ? err.message : err);
  }
  if (!getConfig().onVercel) startDeliveryLoop();
}
