// GET /api/health – liveness, database readiness (a bounded query) and the shared cache's state; never cached
import { cacheHealth } from '@/lib/cache/invalidate';
import { checkDatabase } from '@/db/health';
import { HttpError } from '@/lib/http/problem';
import { publicRoute } from '@/lib/api/route';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(async () => {
  const result = await checkDatabase();
  if (!result.ok) {
    throw new HttpError(503, 'The database is not reachable.', { database: { status: 'unavailable' } }, { 'retry-after': '5' });
  }
  // A shared cache that does not answer is reported but does not make the server unready: reads
  // then come from the database (lib/cache/shared-cache.mjs).
  return Response.json(
    { status: 'ok', database: { status: 'ok', driver: result.driver, latencyMs: result.latencyMs }, cache: await cacheHealth() },
    { headers: { 'cache-control': 'no-store' } },
  );
});
