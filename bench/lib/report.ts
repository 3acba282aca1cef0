// The console table and the comparison between two result files.
import type { IngestTiming } from './media';
import { median } from './ab';
import type { LoadResult } from './load';
export interface ScenarioReport {
  name: string;
  path: string;
  rps?: number;
  p50?: number;
  p99?: number;
  cpuUsPerRequest?: number;
  ceilingCpuUsPerRequest?: number;
  peakRssMb?: number;
  queriesPerRequest?: number;
  errors?: number;
  floorRps?: number;
  ceilingRps?: number;
  vsFloor?: number;
  vsCeiling?: number;
  peerRps?: number;
  coldMsMedian?: number;
  coldMsMax?: number;
  bytes?: number;
}

/** The rounds of one scenario: its own runs, the floor's and the ceiling's, and queries per round. */
export interface ScenarioRuns {
  scenario: LoadResult[];
  floor: LoadResult[];
  ceiling: LoadResult[];
  queries: number[];
}

/** One scenario's line of the report: medians over its rounds, against the floor and the ceiling. */
export function summariseScenario(name: string, path: string, r: ScenarioRuns): ScenarioReport {
  const rps = median(r.scenario.map((x) => x.rps));
  const floorRps = median(r.floor.map((x) => x.rps));
  const ceilingRps = median(r.ceiling.map((x) => x.rps));
  return {
    name,
    path,
    rps,
    p50: median(r.scenario.map((x) => x.p50)),
    p99: median(r.scenario.map((x) => x.p99)),
    cpuUsPerRequest: median(r.scenario.map((x) => x.cpuUsPerRequest)),
    ceilingCpuUsPerRequest: median(r.ceiling.map((x) => x.cpuUsPerRequest)),
    peakRssMb: Math.max(...r.scenario.map((x) => x.peakRssMb)),
    queriesPerRequest: median(r.queries.map((q, i) => q / r.scenario[i]!.requests)),
    errors: r.scenario.reduce((a, x) => a + x.errors, 0),
    floorRps,
    ceilingRps,
    vsFloor: rps / floorRps,
    vsCeiling: rps / ceilingRps,
  };
}

export interface BenchReport {
  commit: string;
  date: string;
  mode: 'quick' | 'full';
  rounds: number;
  durationS: number;
  loadAverage: string;
  cpus: number;
  scenarios: ScenarioReport[];
  cold: ScenarioReport[];
  memory?: { rssAt50kMb: number; rssAt200kMb: number; ratio: number };
  /** The Redis cache handler against the in-memory one (bench/lib/shared-cache.ts). */
  sharedCache?: { skipped?: string; warm?: AbReport; cold?: ColdAbRow[]; meanWarmRatio?: number; worstWarmRatio?: number; warmCostHolds?: boolean };
  /** 1 against 2 workers on PostgreSQL + Redis (bench/lib/workers.ts). */
  workers?: { skipped?: string; comparison?: AbReport };
  /** Upload + variant generation per megapixel (bench/lib/media.ts). */
  media?: { servedPath: string; servedBytes: number; ingest: IngestTiming[] };
}

/** One scenario on two servers, measured interleaved; ratio = B / A (median of pairs). */
export interface AbRow {
  name: string;
  path: string;
  aRps: number;
  bRps: number;
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  aCpuUsPerRequest: number;
  bCpuUsPerRequest: number;
  aP99: number;
  bP99: number;
  errors: number;
}

export interface AbReport {
  a: string;
  b: string;
  note?: string;
  rows: AbRow[];
}

export interface ColdAbRow {
  name: string;
  path: string;
  aMsMedian: number;
  bMsMedian: number;
  aMsMax: number;
  bMsMax: number;
  aQueries: number;
  bQueries: number;
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

export function printTable(report: BenchReport): void {
  console.log(`\nGazette bench (${report.mode}, ${report.rounds} round(s) × ${report.durationS}s, commit ${report.commit}, load average ${report.loadAverage}, ${report.cpus} CPUs)\n`);
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'ceiling µs/req', 'peak RSS MB', 'queries/req', 'floor req/s', 'ceiling req/s', '×floor', '×ceiling'];
  const rows = report.scenarios.map((s) => [
    s.name,
    fmt(s.rps),
    fmt(s.p50, 1),
    fmt(s.p99, 1),
    fmt(s.cpuUsPerRequest),
    fmt(s.ceilingCpuUsPerRequest),
    fmt(s.peakRssMb),
    fmt(s.queriesPerRequest, 2),
    fmt(s.floorRps),
    fmt(s.ceilingRps),
    fmt(s.vsFloor, 2),
    fmt(s.vsCeiling, 2),
  ]);
  console.log(table([header, ...rows]));
  if (report.cold.length) {
    console.log('\nCold (first request after the content changed), one at a time:\n');
    console.log(table([['scenario', 'median ms', 'max ms', 'queries/req', 'bytes'], ...report.cold.map((c) => [c.name, fmt(c.coldMsMedian, 1), fmt(c.coldMsMax, 1), fmt(c.queriesPerRequest, 1), fmt(c.bytes)])]));
  }
  if (report.memory) {
    console.log(`\nMemory: RSS ${fmt(report.memory.rssAt50kMb)} MB after 50,000 requests, ${fmt(report.memory.rssAt200kMb)} MB after 200,000 (×${fmt(report.memory.ratio, 2)}).`);
  }
  printShared(report);
  printMedia(report);
}

function printMedia(report: BenchReport): void {
  if (!report.media) return;
  console.log(`\nMedia: the warm scenarios serve ${report.media.servedPath} (${fmt(report.media.servedBytes)} bytes).`);
  console.log('Upload + variants (ingestImage: sniff, decode, orient, strip, every variant, store, rows), one photo-like JPEG each:\n');
  const rows = report.media.ingest.map((r) => [r.label, `${r.width}×${r.height}`, fmt(r.inputBytes / 1e6, 1), fmt(r.files), fmt(r.ms), fmt(r.msPerMegapixel)]);
  console.log(table([['photo', 'pixels', 'input MB', 'files', 'ms', 'ms/MP'], ...rows]));
}

function abTable(r: AbReport): string {
  const header = ['scenario', `${r.a} req/s`, `${r.b} req/s`, `×${r.a}`, 'pair range', `${r.a} µs/req`, `${r.b} µs/req`, `${r.a} p99`, `${r.b} p99`, 'errors'];
  const rows = r.rows.map((x) => [x.name, fmt(x.aRps), fmt(x.bRps), fmt(x.ratio, 2), `${fmt(x.ratioMin, 2)}–${fmt(x.ratioMax, 2)}`, fmt(x.aCpuUsPerRequest), fmt(x.bCpuUsPerRequest), fmt(x.aP99, 1), fmt(x.bP99, 1), fmt(x.errors)]);
  return table([header, ...rows]);
}

function printShared(report: BenchReport): void {
  const shared = report.sharedCache;
  if (shared?.skipped) console.log(`\nShared cache (Redis against memory): skipped, ${shared.skipped}.`);
  if (shared?.warm) {
    console.log(`\nShared cache, warm: ${shared.warm.note ?? ''}\n`);
    console.log(abTable(shared.warm));
    const verdict = shared.warmCostHolds ? 'holds' : 'does NOT hold';
    console.log(
      `\nWarm-path cost of Redis: redis/memory ${fmt(shared.meanWarmRatio, 2)} (geometric mean over these scenarios; worst ${fmt(shared.worstWarmRatio, 2)}); ` +
        `the ≤10% requirement (mean ratio ≥ 0.90) ${verdict}.`,
    );
  }
  if (shared?.cold?.length) {
    console.log('\nShared cache, cold (first request after POST /api/bench/invalidate), one at a time:\n');
    const header = ['scenario', 'memory median ms', 'redis median ms', 'memory max ms', 'redis max ms', 'memory queries', 'redis queries'];
    const rows = shared.cold.map((c) => [c.name, fmt(c.aMsMedian, 1), fmt(c.bMsMedian, 1), fmt(c.aMsMax, 1), fmt(c.bMsMax, 1), fmt(c.aQueries, 1), fmt(c.bQueries, 1)]);
    console.log(table([header, ...rows]));
  }
  const workers = report.workers;
  if (workers?.skipped) console.log(`\nWorkers (PostgreSQL + Redis): skipped, ${workers.skipped}.`);
  if (workers?.comparison) {
    console.log(`\nWorkers: ${workers.comparison.note ?? ''}\n`);
    console.log(abTable(workers.comparison));
  }
}

export function compareResults(old: BenchReport, now: BenchReport): void {
  console.log(`\nCompared with ${old.commit} (${old.date}, ${old.mode}):\n`);
  const pct = (a?: number, b?: number) => (a && b ? `${(((b - a) / a) * 100).toFixed(1)}%` : '–');
  const rows = now.scenarios.map((s) => {
    const o = old.scenarios.find((x) => x.name === s.name);
    return [s.name, fmt(o?.rps), fmt(s.rps), pct(o?.rps, s.rps), fmt(o?.vsCeiling, 2), fmt(s.vsCeiling, 2), pct(o?.cpuUsPerRequest, s.cpuUsPerRequest)];
  });
  for (const c of now.cold) {
    const o = old.cold.find((x) => x.name === c.name);
    rows.push([c.name, fmt(o?.coldMsMedian, 1) + ' ms', fmt(c.coldMsMedian, 1) + ' ms', pct(o?.coldMsMedian, c.coldMsMedian), '', '', '']);
  }
  console.log(table([['scenario', 'old req/s', 'new req/s', 'change', 'old ×ceiling', 'new ×ceiling', 'CPU/req change'], ...rows]));
}
