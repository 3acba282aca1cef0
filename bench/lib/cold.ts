// The cold path: expire a cache tag (awaited in Redis when the server has one), then time the
// first request, one at a time.
import type { ColdScenario } from '../scenarios';
import { median } from './ab';
import type { ScenarioReport } from './report';

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

/** `samples` cold requests in a row: median and max time, queries, and the response size. */
export async function coldReport(base: string, c: ColdScenario, samples: number): Promise<ScenarioReport> {
  const runs: { ms: number; queries: number }[] = [];
  for (let i = 0; i < samples; i++) runs.push(await coldSample(base, c));
  const bytes = (await (await fetch(base + c.path, { headers: c.headers })).arrayBuffer()).byteLength;
  const times = runs.map((r) => r.ms);
  return { name: c.name, path: c.path, coldMsMedian: median(times), coldMsMax: Math.max(...times), queriesPerRequest: median(runs.map((r) => r.queries)), bytes };
}
