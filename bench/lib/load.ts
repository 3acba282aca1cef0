// One measured load run with autocannon against a server in another process.
import autocannon from 'autocannon';
import { memory, treeCpuMs } from './proc';

export interface LoadSpec {
  url: string;
  headers?: Record<string, string>;
  durationS?: number;
  amount?: number;
  connections?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  cpuUsPerRequest: number;
  rssMb: number;
  peakRssMb: number;
}

export async function measure(spec: LoadSpec, serverPid: number): Promise<LoadResult> {
  const cpuBefore = treeCpuMs(serverPid);
  const result = await autocannon({
    url: spec.url,
    headers: spec.headers,
    connections: spec.connections ?? 10,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationS ?? 5 }),
    timeout: 10,
  });
  const cpu = treeCpuMs(serverPid) - cpuBefore;
  const total = result.requests.total;
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = (stat as { count: number }).count;
  const mem = memory(serverPid);
  return {
    requests: total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    statuses,
    cpuUsPerRequest: total > 0 ? (cpu * 1000) / total : NaN,
    rssMb: mem.rssMb,
    peakRssMb: mem.peakRssMb,
  };
}
