// GET /api/health – liveness and database readiness (a bounded query); never cached
import { checkDatabase } from '@/lib/health';
import { HttpError } from '@/lib/http/problem';
import { publicRoute } from '@/lib/http/public-route';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(async () => {
  const result = await checkDatabase();
  if (!result.ok) {
    throw new HttpError(503, 'The database is not reachable.', { database: { status: 'unavailable' } }, { 'retry-after': '5' });
  }
  return Response.json(
    { status: 'ok', database: { status: 'ok', driver: result.driver, latencyMs: result.latencyMs } },
    { headers: { 'cache-control': 'no-store' } },
  );
});
