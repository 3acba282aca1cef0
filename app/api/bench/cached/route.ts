// GET /api/bench/cached – benchmark mode only: the ceiling plus one 'use cache' hit returning a
// small constant. The difference to /api/bench/constant is what the framework's cache lookup
// alone costs per request (the floor under every cached route).
import { cacheLife, cacheTag } from 'next/cache';
import { connection } from 'next/server';
import { benchMode, notInBenchMode } from '@/lib/bench';

const BODY = JSON.stringify({ constant: true, padding: 'x'.repeat(64) });

async function cachedConstant(): Promise<{ etag: string }> {
  'use cache';
  cacheLife('hours');
  cacheTag('bench');
  return { etag: 'W/"bench"' };
}

export async function GET(): Promise<Response> {
  await connection();
  if (!benchMode()) return notInBenchMode();
  const { etag } = await cachedConstant();
  return new Response(BODY, { headers: { 'content-type': 'application/json', 'cache-control': 'no-store', etag } });
}
