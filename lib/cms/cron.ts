// The scheduler's HTTP entry (SPEC §5): Vercel's cron, or npm start's own timer
// (scripts/start.ts), calls GET /api/cron/publish with CRON_SECRET. Editing work, so it lives
// with the CMS; app/api/cron/publish/route.ts only mounts it at its URL.
import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { after, connection } from 'next/server';
import { getDb } from '@/db/client';
import { getConfig } from '@/lib/config';
import { getMediaStore } from '@/lib/media/store';
import { sweepMediaIfDue } from '@/lib/media/sweep';
import { failureResponse } from '@/lib/api/route';
import { problem, toResponse } from '@/lib/http/problem';
import { afterCommit } from './after-commit';
import { publishDue } from './scheduler';
import { drainOutbox } from '@/lib/webhooks/worker';
import { backfillChangeLog, pruneChangeLogIfDue } from './change-log';
import { cacheTags } from '@/lib/content/cache-tags';
import { contentTypes } from './registry';

function authorised(request: Request): boolean {
  const secret = getConfig().cronSecret;
  const given = request.headers.get('authorization') ?? '';
  const expected = `Bearer ${secret}`;
  return Boolean(secret) && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

export async function runCron(request: Request): Promise<Response> {
  await connection();
  if (!authorised(request)) return toResponse(problem(401, undefined, { cache: 'none', headers: { 'www-authenticate': 'Bearer' } }));
  let change: Awaited<ReturnType<typeof publishDue>>;
  try {
    change = await publishDue();
  } catch (err) {
    return failureResponse(err, { log: '[cron] publish', detail: 'Scheduled publishing could not reach the database.', retryAfter: 60 });
  }
  if (!(await afterCommit(change, 'route'))) {
    console.error('[cron] published, but the shared cache is unreachable; servers read from the database until it is back.');
  }
  // The change log (lib/cms/change-log.ts): content that came in below the CMS (seed, import)
  // joins it, and at most hourly what is older than the retention goes.
  try {
    const db = await getDb();
    const added = await backfillChangeLog(db, contentTypes());
    const pruned = await pruneChangeLogIfDue(db);
    const tags = [...(added ? [cacheTags.changes] : []), ...(pruned?.tags ?? [])];
    if (tags.length) await afterCommit({ tags, feedsChanged: false }, 'route');
    if (pruned?.deleted) console.log(`[cron] change log: ${pruned.deleted} record(s) older than the retention removed; cursors before position ${pruned.horizon} now answer 410.`);
  } catch (err) {
    console.error('[cron] change-log upkeep failed:', err instanceof Error ? err.message : err);
  }
  // Media files no row names (an upload or a delete that died halfway): at most hourly.
  try {
    const swept = await sweepMediaIfDue(await getDb(), await getMediaStore());
    if (swept?.removed) console.log(`[cron] media sweep removed ${swept.removed} unnamed file(s) of ${swept.checked}.`);
  } catch (err) {
    console.error('[cron] media sweep failed:', err instanceof Error ? err.message : err);
  }
  // Webhook deliveries that are due (retries; on Vercel also any a crashed after() left), sent
  // after this response like a Server Action's (lib/webhooks/worker.ts).
  after(async () => {
    try {
      await drainOutbox();
    } catch (err) {
      console.error('[cron] webhook deliveries failed:', err instanceof Error ? err.message : err);
    }
  });
  return Response.json({ published: change.published }, { headers: { 'cache-control': 'no-store' } });
}
