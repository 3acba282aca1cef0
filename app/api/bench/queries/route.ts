// GET /api/bench/queries – benchmark mode only: database statements run by this process so far
import { connection } from 'next/server';
import { queryCount } from '@/db/client';
import { benchMode, notInBenchMode } from '@/lib/bench';

export async function GET(): Promise<Response> {
  await connection();
  if (!benchMode()) return notInBenchMode();
  return Response.json({ queries: queryCount() }, { headers: { 'cache-control': 'no-store' } });
}
