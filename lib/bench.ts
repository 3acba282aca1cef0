// Benchmark mode (GAZETTE_BENCH=true): reference routes and counters for `npm run bench`.
// Everything here answers 404 in normal operation.
import { getConfig } from '@/lib/config';
import { problem, toResponse } from '@/lib/http/problem';

export function benchMode(): boolean {
  return getConfig().bench;
}

export function notInBenchMode(): Response {
  return toResponse(problem(404, undefined, { cache: 'none' }));
}
