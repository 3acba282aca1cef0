// GET /api/bench/constant – benchmark mode only: a constant Response, the framework's ceiling
import { connection } from 'next/server';
import { benchMode, notInBenchMode } from '@/lib/bench';

const BODY = JSON.stringify({ constant: true, padding: 'x'.repeat(64) });

export async function GET(): Promise<Response> {
  // Dynamic like every public route (they all start with connection()), so the comparison is fair.
  await connection();
  if (!benchMode()) return notInBenchMode();
  return new Response(BODY, { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}
