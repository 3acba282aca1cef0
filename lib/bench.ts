// Benchmark mode (GAZETTE_BENCH=true): reference routes and counters for `npm run bench`.
// Everything here answers 404 in normal operation.
import { getConfig } from '@/lib/config';

export function benchMode(): boolean {
  return getConfig().bench;
}

export function notInBenchMode(): Response {
  return new Response(null, { status: 404, headers: { 'cache-control': 'no-store' } });
}
