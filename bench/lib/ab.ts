// Two servers compared on the same scenarios, interleaved in short slices (A B, then B A, …) so
// that the noise of a shared machine falls on both alike; each ratio is the median of the
// per-pair ratios, and their range shows how far to trust it.
import type { Scenario } from '../scenarios';
import { measure, type LoadResult } from './load';
import type { AbRow } from './report';

export interface Target {
  label: string;
  base: string;
  /** The server's process (its descendants count too: cluster workers). */
  pid: number;
}

export const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};

/** The headers a scenario sends to this server: its own ETag when the scenario is a 304. */
async function headersFor(t: Target, s: Scenario): Promise<Record<string, string>> {
  const res = await fetch(t.base + s.path, { headers: s.headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${t.label}: ${s.path} answered ${res.status}`);
  const etag = res.headers.get('etag');
  return { ...s.headers, ...(s.conditional && etag ? { 'if-none-match': etag } : {}) };
}

const unexpected = (r: LoadResult, expected: string) =>
  r.errors + Object.entries(r.statuses).reduce((n, [code, count]) => n + (code === expected ? 0 : count), 0);

export async function compareAb(
  a: Target,
  b: Target,
  scenarios: Scenario[],
  options: { reps: number; durationS: number; warmupS: number; progress: (line: string) => void },
): Promise<AbRow[]> {
  const all = [];
  for (const s of scenarios) all.push({ s, headers: { a: await headersFor(a, s), b: await headersFor(b, s) } });
  // Warm both servers on every scenario first: a server that has not run under load yet (fresh
  // JIT, a cluster's workers) was measured up to 2× slower than one that has, whatever its cache.
  options.progress(`${a.label} vs ${b.label}: warming up`);
  for (const { s, headers } of all) {
    for (const [t, h] of [[a, headers.a], [b, headers.b]] as const) await measure({ url: t.base + s.path, headers: h, durationS: options.warmupS }, t.pid);
  }
  const rows: AbRow[] = [];
  for (const { s, headers } of all) {
    const runs = { a: [] as LoadResult[], b: [] as LoadResult[] };
    for (let rep = 0; rep < options.reps; rep++) {
      options.progress(`${a.label} vs ${b.label}: ${s.name} (${rep + 1}/${options.reps})`);
      const order = rep % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
      for (const side of order) {
        const t = side === 'a' ? a : b;
        runs[side].push(await measure({ url: t.base + s.path, headers: headers[side], durationS: options.durationS }, t.pid));
      }
    }
    const expected = s.conditional ? '304' : '200';
    const ratios = runs.a.map((r, i) => runs.b[i]!.rps / r.rps);
    const errors = [...runs.a, ...runs.b].reduce((n, r) => n + unexpected(r, expected), 0);
    if (errors) options.progress(`  ! ${errors} errors or unexpected statuses (expected ${expected})`);
    rows.push({
      name: s.name,
      path: s.path,
      aRps: median(runs.a.map((r) => r.rps)),
      bRps: median(runs.b.map((r) => r.rps)),
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      aCpuUsPerRequest: median(runs.a.map((r) => r.cpuUsPerRequest)),
      bCpuUsPerRequest: median(runs.b.map((r) => r.cpuUsPerRequest)),
      aP99: median(runs.a.map((r) => r.p99)),
      bP99: median(runs.b.map((r) => r.p99)),
      errors,
    });
  }
  return rows;
}
