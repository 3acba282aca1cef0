// The cold path: expire a cache tag (awaited in Redis when the server has one), then time the
// first request, one at a time.
import type { ColdScenario } from '../scenarios';

export async function queries(base: string): Promise<number> {
  return ((await (await fetch(`${base}/api/bench/queries`)).json()) as { queries: number }).queries;
}

export async function coldSample(base: string, c: ColdScenario): Promise<{ ms: number; queries: number; status: number }> {
  const invalidated = await fetch(`${base}/api/bench/invalidate?tag=${encodeURIComponent(c.tag)}`, { method: 'POST' });
  if (invalidated.status !== 204) throw new Error(`invalidate ${c.tag} at ${base} answered ${invalidated.status}`);
  const q0 = await queries(base);
  const t0 = performance.now();
  const res = await fetch(base + c.path, { headers: c.headers });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  return { ms, queries: (await queries(base)) - q0, status: res.status };
}
