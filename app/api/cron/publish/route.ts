// GET /api/cron/publish – publish what is due (Vercel cron, or npm start's own scheduler)
import { timingSafeEqual } from 'node:crypto';
import { revalidateTag } from 'next/cache';
import { connection } from 'next/server';
import { pingHub } from '@/lib/cms/websub';
import { invalidateEverywhere } from '@/lib/cache/invalidate';
import { publishDue } from '@/lib/cms/scheduler';
import { getConfig } from '@/lib/config';

function authorised(request: Request): boolean {
  const secret = getConfig().cronSecret;
  const given = request.headers.get('authorization') ?? '';
  const expected = `Bearer ${secret}`;
  return Boolean(secret) && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

export async function GET(request: Request): Promise<Response> {
  await connection();
  const noStore = { 'cache-control': 'no-store' };
  if (!authorised(request)) {
    return Response.json({ type: 'about:blank', title: 'Unauthorized', status: 401 }, { status: 401, headers: { ...noStore, 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' } });
  }
  try {
    const { published, tags } = await publishDue();
    // Every process sees the change before this answers (Next runs a route handler's
    // revalidations after the response, as waitUntil work).
    const everywhere = await invalidateEverywhere(tags);
    // Then Next's own bookkeeping. Route handlers cannot use updateTag; expire: 0 makes the next
    // read fresh at once.
    for (const tag of tags) revalidateTag(tag, { expire: 0 });
    if (!everywhere) console.error('[cron] published, but the shared cache is unreachable; servers read from the database until it is back.');
    if (published > 0) void pingHub();
    return Response.json({ published }, { headers: noStore });
  } catch (err) {
    console.error('[cron] publish failed:', err);
    return Response.json({ type: 'about:blank', title: 'Service Unavailable', status: 503 }, { status: 503, headers: { ...noStore, 'content-type': 'application/problem+json', 'retry-after': '60' } });
  }
}
