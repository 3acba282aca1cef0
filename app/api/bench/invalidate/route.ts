// POST /api/bench/invalidate?tag=… – benchmark mode only: expire a cache tag now, to measure
// the cold path ("first request after the content changed")
import { revalidateTag } from 'next/cache';
import { benchMode, notInBenchMode } from '@/lib/bench';
import { invalidateEverywhere } from '@/lib/cache/invalidate';
import { problem, toResponse } from '@/lib/http/problem';

export async function POST(request: Request): Promise<Response> {
  if (!benchMode()) return notInBenchMode();
  const tag = new URL(request.url).searchParams.get('tag');
  if (!tag) return toResponse(problem(400, 'Name the cache tag to expire: ?tag=…', { cache: 'none', extensions: { 'invalid-params': [{ name: 'tag', reason: 'required' }] } }));
  // { expire: 0 }: the next read is fresh at once (not stale-while-revalidate).
  await invalidateEverywhere([tag]);
  revalidateTag(tag, { expire: 0 });
  return new Response(null, { status: 204 });
}
