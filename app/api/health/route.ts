// GET /api/health – liveness and database readiness (a bounded query); never cached.
import { connection } from 'next/server';
import { checkDatabase } from '@/lib/health';
import { problemResponse } from '@/lib/http/problem';

export async function GET(): Promise<Response> {
  await connection();
  const result = await checkDatabase();
  if (!result.ok) {
    return problemResponse(
      { title: 'Service Unavailable', status: 503, detail: 'The database is not reachable.', database: { status: 'unavailable' } },
      { 'retry-after': '5' },
    );
  }
  return Response.json(
    { status: 'ok', database: { status: 'ok', driver: result.driver, latencyMs: result.latencyMs } },
    { headers: { 'cache-control': 'no-store' } },
  );
}
