// POST /api/bench/invalidate?tag=… – benchmark mode only: expire a cache tag now, to measure
// the cold path ("first request after the content changed")
import { revalidateTag } from 'next/cache';
import { benchMode, notInBenchMode } from '@/lib/bench';
import { invalidateEverywhere } from '@/lib/cache/invalidate';

export async function POST(request: Request): Promise<Response> {
  if (!benchMode()) return notInBenchMode();
  const tag = new URL(request.url).searchParams.get('tag');
  if (!tag) return new Response('tag required', { status: 400 });
  // { expire: 0 }: the next read is fresh at once (not stale-while-revalidate).
  await invalidateEverywhere([tag]);
  revalidateTag(tag, { expire: 0 });
  return new Response(null, { status: 204 });
}
