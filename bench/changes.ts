// npm run bench:changes [-- --quick] [-- --rounds N]
//
// GET /api/changes (SPEC §8) under load, the way `npm run bench` measures every public route
// (bench/run.ts): the benchmark data set (10,000 posts, 500 events, 200 changelog entries, whose
// change log the server backfills at its first start), the production server in benchmark mode
// on 127.0.0.1, and each scenario interleaved with the same two references: the floor (a bare
// node:http server answering the recorded bytes) and the ceiling (a constant route handler in
// the same Next build answering the same bytes). ×ceiling is the ratio the other benches quote.
// Scenarios: the warm head page a polling partner asks for (its cursor at the head) and its 304,
// the first page of a first sync (100 documents) and a full page (immutable, 100 documents).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale } from '../scripts/build-if-stale';
import { queries } from './lib/cold';
import { prepareBenchData } from './lib/data';
import { measure, type LoadResult } from './lib/load';
import { start, startGazette, waitFor } from './lib/processes';
import { loadAverage } from './lib/proc';
import { recordingKey } from './lib/recording-key';
import { recordScenarios } from './lib/recordings';
import { printTable, summariseScenario, type BenchReport, type ScenarioReport } from './lib/report';
import type { Scenario } from './scenarios';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, rounds: { type: 'string' } } });
const quick = values.quick!;
const rounds = Number(values.rounds ?? (quick ? 1 : 3));
const durationS = quick ? 2 : 5;
const progress = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

const SCENARIOS: Scenario[] = [
  { name: 'changes head page (warm)', path: '/api/changes?cursor=HEAD', headers: {} },
  { name: 'changes head page 304', path: '/api/changes?cursor=HEAD', headers: {}, conditional: true },
  { name: 'changes first page (warm)', path: '/api/changes', headers: {} },
  { name: 'changes full page (warm)', path: '/api/changes?cursor=FULL', headers: {} },
];

async function main(): Promise<void> {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-changes-'));
  progress(`logs in ${logDir}`);
  buildIfStale({ quiet: true });
  // A private copy: the first start backfills the change log, which `npm run bench` should not inherit.
  const shared = await prepareBenchData(root, quick, progress);
  const dataDir = path.join(logDir, 'db');
  fs.cpSync(shared, dataDir, { recursive: true });
  const port = 3850 + Math.floor(Math.random() * 40);
  const base = `http://127.0.0.1:${port}`;
  const children: ReturnType<typeof start>[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  process.on('exit', stopAll);
  const serverLog = path.join(logDir, 'server.log');
  const server = startGazette(root, dataDir, port, serverLog);
  children.push(server);
  progress('starting the server (its first start records every published item in the change log)');
  await waitFor(`${base}/api/health`, server, serverLog, 600_000);

  // The head: a sync followed to the end. A full page: the page after the first of the log.
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    const res = await fetch(`${base}/api/changes?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    const page = (await res.json()) as { has_more: boolean; next_cursor: string };
    pages++;
    cursor = page.next_cursor;
    if (!page.has_more) break;
  }
  const first = (await (await fetch(`${base}/api/changes`)).json()) as { next_cursor: string; data: unknown[] };
  progress(`the log: ${pages} pages of 500 to the head; the first page has ${first.data.length} records`);
  for (const s of SCENARIOS) s.path = s.path.replace('HEAD', cursor!).replace('FULL', first.next_cursor);

  const { recordings, etags } = await recordScenarios(base, SCENARIOS);
  const recordingFile = path.join(logDir, 'recordings.json');
  fs.writeFileSync(recordingFile, JSON.stringify(recordings));
  await fetch(`${base}/api/bench/constant`, { method: 'POST', body: JSON.stringify(recordings) });
  const floorPort = port + 100;
  const floorLog = path.join(logDir, 'floor.log');
  const floor = start(process.execPath, ['--import', 'tsx', 'bench/floor-server.ts', recordingFile, String(floorPort)], {}, floorLog, root);
  children.push(floor);
  await waitFor(`http://127.0.0.1:${floorPort}/api/bench/constant`, floor, floorLog);

  const runs: Record<string, { scenario: LoadResult[]; floor: LoadResult[]; ceiling: LoadResult[]; queries: number[] }> = {};
  for (let round = 1; round <= rounds; round++) {
    for (const s of SCENARIOS) {
      progress(`round ${round}: ${s.name}`);
      const key = recordingKey(s.path, undefined, Boolean(s.conditional));
      const etag = etags[recordingKey(s.path, undefined, false)];
      const headers: Record<string, string> = s.conditional && etag ? { 'if-none-match': etag } : {};
      const entry = (runs[s.name] ??= { scenario: [], floor: [], ceiling: [], queries: [] });
      entry.floor.push(await measure({ url: `http://127.0.0.1:${floorPort}${s.path}`, headers, durationS }, floor.pid!));
      entry.ceiling.push(await measure({ url: `${base}/api/bench/constant?k=${encodeURIComponent(key)}`, durationS }, server.pid!));
      const q0 = await queries(base);
      const result = await measure({ url: base + s.path, headers, durationS }, server.pid!);
      entry.queries.push((await queries(base)) - q0);
      entry.scenario.push(result);
      const expected = s.conditional ? '304' : '200';
      const unexpected = Object.entries(result.statuses).filter(([code]) => code !== expected);
      if (result.errors || unexpected.length) progress(`  ! ${result.errors} errors, unexpected statuses ${JSON.stringify(unexpected)}`);
    }
  }

  const scenarios: ScenarioReport[] = SCENARIOS.map((s) => {
    const r = runs[s.name]!;
    return {
      ...summariseScenario(s.name, s.path.length > 60 ? `${s.path.slice(0, 57)}...` : s.path, r),
      bytes: Buffer.byteLength(recordings[recordingKey(s.path, undefined, false)]?.body ?? ''),
    };
  });
  const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  const report: BenchReport = { commit, date: new Date().toISOString(), mode: quick ? 'quick' : 'full', rounds, durationS, loadAverage: loadAverage(), cpus: os.cpus().length, scenarios, cold: [] };
  printTable(report);
  for (const s of scenarios) console.log(`${s.name}: ${s.bytes} bytes`);
  const out = path.join(root, 'bench', 'results', `${report.date.replace(/[:.]/g, '-')}-${commit}-changes-${report.mode}.json`);
  fs.writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\nWrote ${path.relative(root, out)}`);
  stopAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
