// npm run bench [-- --quick] [-- --compare bench/results/old.json]
//
// Builds, prepares a realistic data set on the embedded database, starts the production
// server (benchmark mode) and measures each scenario with autocannon on 127.0.0.1, interleaved
// with two references in the same run: (1) a bare node:http server answering the same bytes
// (the floor) and (2) a route handler in the same Next build returning a constant Response
// (the framework's ceiling). Optionally (3) a peer at BENCH_PEER_URL. Before the server starts,
// the time an upload takes per megapixel (bench/lib/media.ts). Then, where Redis and
// PostgreSQL are available (unless --skip-shared), the Redis cache handler against the in-memory
// one (bench/lib/shared-cache.ts) and 1 against 2 workers (bench/lib/workers.ts).
import { execSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale } from '../scripts/build-if-stale';
import { measure, type LoadResult } from './lib/load';
import { start, startGazette, waitFor } from './lib/processes';
import { loadAverage, memory } from './lib/proc';
import { prepareBenchData } from './lib/data';
import { prepareMediaBench } from './lib/media';
import { compareResults, printTable, summariseScenario, type BenchReport, type ScenarioReport } from './lib/report';
import { recordingKey } from './lib/recording-key';
import { recordScenarios } from './lib/recordings';
import { median } from './lib/ab';
import { coldReport, queries } from './lib/cold';
import { compareSharedCache } from './lib/shared-cache';
import { startSharedServers } from './lib/shared-servers';
import { compareWorkers } from './lib/workers';
import { SCENARIOS, COLD_SCENARIOS } from './scenarios';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    compare: { type: 'string' },
    rounds: { type: 'string' },
    'skip-shared': { type: 'boolean', default: false },
  },
});
const quick = values.quick!;
const rounds = Number(values.rounds ?? (quick ? 1 : 3));
const durationS = quick ? 2 : 5;
const progress = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

// The shared-cache comparisons: interleaved pairs of short slices per scenario (an even number:
// as many A-B as B-A); short slices follow the machine's changing load better than long ones.
const pairs = quick ? 4 : 8;
const sliceS = quick ? 1 : 2;
const warmupS = quick ? 2 : 5;

// Every server this run starts, and what to remove after them (bench database, Redis keys).
const children: ChildProcess[] = [];
const cleanups: (() => Promise<unknown> | void)[] = [];
let stopping = false;
const stopAll = () => {
  stopping = true;
  children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
};
async function cleanup(): Promise<void> {
  stopAll();
  await Promise.all(children.map((c) => c.exitCode === null && c.signalCode === null && new Promise((r) => c.once('exit', r))));
  for (const f of cleanups.splice(0)) await Promise.resolve(f()).catch((err: unknown) => progress(`cleanup failed: ${String(err)}`));
}

async function main(): Promise<void> {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-'));
  progress(`logs in ${logDir}`);
  buildIfStale({ quiet: true });
  const dataDir = await prepareBenchData(root, quick, progress);
  // Before any server opens the database: the served photo, and upload timings on a quiet machine.
  const mediaBench = await prepareMediaBench(dataDir, quick, progress);
  for (const s of SCENARIOS) s.path = s.path.replace('MEDIA', mediaBench.servedPath);

  const port = 3900 + Math.floor(Math.random() * 50);
  const base = `http://127.0.0.1:${port}`;
  process.on('exit', stopAll);
  process.on('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  // The shared-cache servers start beside the main one, all before any measurement.
  const shared = values['skip-shared'] ? undefined : await startSharedServers({ root, dataDir, logDir, port, children, cleanups, progress });
  const serverLog = path.join(logDir, 'server.log');
  const server = startGazette(root, dataDir, port, serverLog);
  children.push(server);
  await waitFor(`${base}/api/health`, server, serverLog);
  progress(`server up at ${base} (pid ${server.pid})`);
  const others = shared ? await shared.ready : {};
  // On a shared machine something else may stop a server (a broad pkill); say so when it happens.
  for (const c of children) c.once('exit', (code, signal) => stopping || progress(`! server pid ${c.pid} exited (${signal ?? code}), not stopped by this run`));

  // The cursor scenario pages from the first page's next link.
  const firstPage = (await (await fetch(`${base}/api/posts?limit=20`)).json()) as { links: { next: string } };
  const cursor = new URL(firstPage.links.next).searchParams.get('cursor')!;
  for (const s of SCENARIOS) s.path = s.path.replace('CURSOR', cursor);

  // Record what each scenario answers, for the floor server and for the 304 scenarios.
  const { recordings, etags } = await recordScenarios(base, SCENARIOS);
  const recordingFile = path.join(logDir, 'recordings.json');
  fs.writeFileSync(recordingFile, JSON.stringify(recordings));
  // The ceiling route answers the same recorded bytes from inside the same Next build.
  await fetch(`${base}/api/bench/constant`, { method: 'POST', body: JSON.stringify(recordings) });
  const floorPort = port + 100;
  const floorLog = path.join(logDir, 'floor.log');
  const floor = start(process.execPath, ['--import', 'tsx', 'bench/floor-server.ts', recordingFile, String(floorPort)], {}, floorLog, root);
  children.push(floor);
  await waitFor(`http://127.0.0.1:${floorPort}/api/bench/constant`, floor, floorLog);
  const peer = process.env.BENCH_PEER_URL;

  const runs: Record<string, { scenario: LoadResult[]; floor: LoadResult[]; ceiling: LoadResult[]; peer: LoadResult[]; queries: number[] }> = {};
  const steps = rounds * SCENARIOS.length;
  let step = 0;
  for (let round = 1; round <= rounds; round++) {
    for (const s of SCENARIOS) {
      step++;
      progress(`[${step}/${steps}] round ${round}: ${s.name}`);
      const etag = etags[recordingKey(s.path, (s.headers as Record<string, string>).accept, false)];
      const headers = { ...s.headers, ...(s.conditional && etag ? { 'if-none-match': etag } : {}) };
      const entry = (runs[s.name] ??= { scenario: [], floor: [], ceiling: [], peer: [], queries: [] });
      entry.floor.push(await measure({ url: `http://127.0.0.1:${floorPort}${s.path}`, headers, durationS }, floor.pid!));
      const key = recordingKey(s.path, (s.headers as Record<string, string>).accept, Boolean(s.conditional));
      entry.ceiling.push(await measure({ url: `${base}/api/bench/constant?k=${encodeURIComponent(key)}`, durationS }, server.pid!));
      const q0 = await queries(base);
      const result = await measure({ url: base + s.path, headers, durationS }, server.pid!);
      entry.queries.push((await queries(base)) - q0 - 0);
      entry.scenario.push(result);
      if (peer) entry.peer.push(await measure({ url: peer + s.path, headers, durationS }, server.pid!));
      const expected = s.conditional ? '304' : '200';
      const unexpected = Object.entries(result.statuses).filter(([code]) => code !== expected);
      if (result.errors || unexpected.length) progress(`  ! ${result.errors} errors, unexpected statuses ${JSON.stringify(unexpected)}`);
    }
  }

  // Cold: the first request after the content changed (cache tag expired), one at a time.
  const cold: ScenarioReport[] = [];
  for (const c of COLD_SCENARIOS) {
    progress(`cold: ${c.name}`);
    cold.push(await coldReport(base, c, quick ? 5 : 15));
  }

  // Redis against memory, and 1 against 2 workers, where the engines are available.
  const memoryTarget = { label: 'memory', base, pid: server.pid! };
  const why = (part: 'redis' | 'postgres') => (shared ? (shared.skipped[part] ?? `its servers did not start (logs in ${logDir})`) : 'with --skip-shared');
  // A failure here (a server gone mid-run) costs its table, not the run's other results.
  const orSkipped = <T extends object>(p: Promise<T>) => p.catch((err: unknown) => ({ skipped: `failed: ${err instanceof Error ? err.message : String(err)}` }));
  const sharedCache: BenchReport['sharedCache'] = others.redis
    ? await orSkipped(compareSharedCache(memoryTarget, others.redis, { reps: pairs, durationS: sliceS, warmupS, coldSamples: quick ? 6 : 16, progress }))
    : { skipped: why('redis') };
  const workers: BenchReport['workers'] =
    others.one && others.two
      ? await orSkipped(compareWorkers(others.one, others.two, { reps: pairs, durationS: sliceS, warmupS, progress }).then((comparison) => ({ comparison })))
      : { skipped: why('postgres') };

  // Memory under steady load (full mode): RSS after 50,000 and after 200,000 requests.
  let memoryCheck: BenchReport['memory'];
  if (!quick) {
    progress('memory: 200,000 requests over the warm scenarios');
    const mix = SCENARIOS.filter((s) => !s.conditional);
    let done = 0;
    let rssAt50k = NaN;
    while (done < 200_000) {
      const s = mix[(done / 10_000) % mix.length]!;
      await measure({ url: base + s.path, headers: s.headers, amount: 10_000, connections: 20 }, server.pid!);
      done += 10_000;
      if (done === 50_000) rssAt50k = memory(server.pid!).rssMb;
    }
    const rssAt200k = memory(server.pid!).rssMb;
    memoryCheck = { rssAt50kMb: rssAt50k, rssAt200kMb: rssAt200k, ratio: rssAt200k / rssAt50k };
  }

  const scenarios: ScenarioReport[] = SCENARIOS.map((s) => {
    const r = runs[s.name]!;
    return { ...summariseScenario(s.name, s.path, r), ...(r.peer.length ? { peerRps: median(r.peer.map((x) => x.rps)) } : {}) };
  });

  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  const report: BenchReport = {
    commit,
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    rounds,
    durationS,
    loadAverage: loadAverage(),
    cpus: os.cpus().length,
    scenarios,
    cold,
    memory: memoryCheck,
    sharedCache,
    workers,
    media: mediaBench,
  };
  printTable(report);
  const out = path.join(root, 'bench', 'results', `${report.date.replace(/[:.]/g, '-')}-${commit}-${report.mode}.json`);
  fs.writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\nWrote ${path.relative(root, out)}`);
  if (values.compare) compareResults(JSON.parse(fs.readFileSync(values.compare, 'utf8')) as BenchReport, report);
  await cleanup();
}

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    console.error(err);
    await cleanup();
    process.exit(1);
  },
);
