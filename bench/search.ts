// npm run bench:search [-- --seconds 3 --rounds 2]
//
// Search (GET /api/search) over the benchmark data set (10,000 synthetic posts plus the demo
// content, bench/lib/data.ts), on a private copy of it:
// 1. Cold: the search statement itself (lib/content/search-query.ts, no cache of ours in front),
//    timed in this process on the embedded database, as the server runs it: one warm-up, then
//    each of a bounded list of distinct queries once (first pages, and deep pages through the
//    cursor). p50 / p95 / max. Target (issue 15): under 50 ms. With TEST_DATABASE_URL set (a
//    PostgreSQL server this run may create a database on), the same statements on PostgreSQL
//    too, over the same data set seeded there (the database is dropped afterwards).
// 2. Cold over HTTP: the first request after the `posts` cache tag was expired (bench/lib/cold.ts).
// 3. Warm: a common query and its 304 under load with autocannon, interleaved with the ceiling
//    (a route handler in the same Next build answering the same recorded bytes, as `npm run bench`
//    measures it), and the database queries per request (0 expected).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { refreshPlannerStatistics } from '../db/bootstrap';
import { sql } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '../db/client';
import { queryFingerprint, type SearchCursor } from '../lib/api/search';
import { searchPosts } from '../lib/content/search-query';
import { buildIfStale } from '../scripts/build-if-stale';
import { median } from './lib/ab';
import { coldReport, queries } from './lib/cold';
import { prepareBenchData, seedBenchData } from './lib/data';
import { measure, type LoadResult } from './lib/load';
import { startGazette, waitFor } from './lib/processes';
import { recordingKey } from './lib/recording-key';
import { recordScenarios } from './lib/recordings';
import type { Scenario } from './scenarios';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '2' } } });
const durationS = Number(values.seconds);
const rounds = Number(values.rounds);
const TARGET_MS = 50;
const progress = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

// Distinct queries over the data set: words every synthetic post has (10,000 matches), words a
// fifth of them have, numbers one post has, phrases, `or`, exclusions, the demo content's topics,
// and queries that match nothing (stop words only, an unknown word).
const QUERIES = [
  'synthetic', 'synthetic post', 'caching', 'cache contract', 'feed reader', 'conditional requests', 'time zones', 'cursor pagination',
  'weak validators', 'semantic equivalence', '"second point"', '"first point" -caching', 'caching or validators', 'zone -offset',
  'number 4242', '4242', '9999', 'part 17', 'post 1234', 'etag', 'postgres full text', 'full-text search', 'cdn caching',
  'redirect renamed slug', 'icalendar time zones', 'json feed', 'webhooks signature', 'rate limiting 429', 'markdown sanitize',
  'keyset pagination', 'drizzle migration', 'the', 'zzzzqqqq', 'caching politely', 'origin cache front',
];
const WARM_QUERY = 'caching';

type ColdRow = { q: string; page: string; hits: number; ms: number; cpuMs: number };

/** One statement's wall time and this process's CPU time (PGlite runs in this process). */
async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, ms, cpuMs: (c.user + c.system) / 1000 };
}

async function coldSql(handle: DbHandle): Promise<{ rows: ColdRow[] }> {
  try {
    // Planner statistics and merged GIN pending lists, as autovacuum leaves them on PostgreSQL
    // (db/bootstrap.ts; npm start does the same at every start). On PostgreSQL: ANALYZE and
    // VACUUM at once, rather than waiting for autovacuum.
    if (handle.driver === 'pglite') await refreshPlannerStatistics(handle);
    else await handle.db.execute(sql`vacuum analyze`);
    // The WebAssembly engine compiles its hot paths on first use (and PostgreSQL warms its
    // buffers): warm up on other queries.
    for (let i = 0; i < 3; i++) for (const q of ['warm up', 'synthetic number', 'feed', '"first point"', 'etag -cache']) await searchPosts(handle.db, q, 10);
    const rows: ColdRow[] = [];
    for (const q of QUERIES) {
      const first = await timed(() => searchPosts(handle.db, q, 10));
      rows.push({ q, page: 'first', hits: first.value.rows.length, ms: first.ms, cpuMs: first.cpuMs });
      if (!first.value.more) continue;
      // A deep page: ten pages along the cursor.
      let page = first.value;
      for (let n = 2; n <= 10 && page.more; n++) {
        const last = page.rows.at(-1)!;
        const after: SearchCursor = { r: last.rankKey, t: last.timeKey, i: last.id, h: queryFingerprint(q) };
        const next = await timed(() => searchPosts(handle.db, q, 10, after));
        page = next.value;
        if (n === 10 || !page.more) rows.push({ q, page: `page ${n}`, hits: page.rows.length, ms: next.ms, cpuMs: next.cpuMs });
      }
    }
    return { rows };
  } finally {
    await handle.close();
  }
}

async function coldSqlOnPostgres(serverUrl: string): Promise<{ rows: ColdRow[] }> {
  const name = `gazette_bench_search_${process.pid}`;
  const admin = await openDatabase({ driver: 'pg', url: serverUrl });
  await admin.db.execute(sql.raw(`create database ${name}`));
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ driver: 'pg', url: url.toString() });
    progress(`PostgreSQL: seeding the data set into ${name}`);
    await seedBenchData(root, handle, progress);
    progress(`cold SQL on PostgreSQL: ${QUERIES.length} distinct queries`);
    return await coldSql(handle);
  } finally {
    await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
    await admin.close();
  }
}

/** p50 / p95 / max of the statements' wall time, and of this process's CPU time. */
function printCold(label: string, rows: ColdRow[]): void {
  const times = rows.map((r) => r.ms);
  const cpu = rows.map((r) => r.cpuMs);
  const firstPages = rows.filter((r) => r.page === 'first').map((r) => r.ms);
  console.log(`\n${label}: ${rows.length} statements over ${QUERIES.length} distinct queries`);
  console.log(`  wall, all:         p50 ${quantile(times, 0.5).toFixed(1)} ms  p95 ${quantile(times, 0.95).toFixed(1)} ms  max ${Math.max(...times).toFixed(1)} ms  (target < ${TARGET_MS} ms at p95: ${quantile(times, 0.95) < TARGET_MS ? 'yes' : 'NO'})`);
  console.log(`  wall, first pages: p50 ${quantile(firstPages, 0.5).toFixed(1)} ms  p95 ${quantile(firstPages, 0.95).toFixed(1)} ms`);
  console.log(`  CPU (this process), all: p50 ${quantile(cpu, 0.5).toFixed(1)} ms  p95 ${quantile(cpu, 0.95).toFixed(1)} ms`);
  const slowest = [...rows].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`  slowest: ${slowest.map((r) => `${JSON.stringify(r.q)} ${r.page} (${r.hits} hits) ${r.ms.toFixed(1)} ms`).join('; ')}`);
}

async function main(): Promise<void> {
  buildIfStale({ quiet: true });
  const shared = await prepareBenchData(root, false, progress);
  // A private copy: ANALYZE and the server's own writes stay out of `npm run bench`'s data set.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-search-'));
  const dataDir = path.join(work, 'db');
  fs.cpSync(shared, dataDir, { recursive: true });

  progress(`cold SQL: ${QUERIES.length} distinct queries`);
  const cold = await coldSql(await openDatabase({ driver: 'pglite', dataDir }));
  // The same statements on PostgreSQL, where TEST_DATABASE_URL names a server this run may
  // create a database on (as the pg test tier does): the same data set, seeded there.
  const onPg = process.env.TEST_DATABASE_URL ? await coldSqlOnPostgres(process.env.TEST_DATABASE_URL) : undefined;

  const port = 3990 + Math.floor(Math.random() * 9);
  const base = `http://127.0.0.1:${port}`;
  const log = path.join(work, 'server.log');
  const server = startGazette(root, dataDir, port, log);
  const stop = () => server.exitCode === null && server.kill('SIGTERM');
  process.on('exit', stop);
  try {
    // A generous start-up bound: the machine may be shared with other builds.
    await waitFor(`${base}/api/health`, server, log, 600_000).catch((err: unknown) => {
      // The work folder goes in `finally`: keep the server's last words.
      progress(`server log:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
      throw err;
    });
    const path200 = `/api/search?q=${WARM_QUERY}`;
    const scenarios: Scenario[] = [
      { name: `search "${WARM_QUERY}" (warm)`, path: path200, headers: {} },
      { name: `search "${WARM_QUERY}" 304`, path: path200, headers: {}, conditional: true },
    ];
    const { recordings, etags } = await recordScenarios(base, scenarios);
    await fetch(`${base}/api/bench/constant`, { method: 'POST', body: JSON.stringify(recordings) });
    progress('cold HTTP: the first request after the posts tag expired');
    const coldHttp = await coldReport(base, { name: 'search (cold)', path: path200, tag: 'posts', headers: {} }, 10);

    const runs = scenarios.map(() => ({ scenario: [] as LoadResult[], ceiling: [] as LoadResult[], queries: [] as number[] }));
    for (let round = 1; round <= rounds; round++) {
      for (const [k, s] of scenarios.entries()) {
        progress(`round ${round}: ${s.name}`);
        const headers: Record<string, string> = s.conditional ? { 'if-none-match': etags[recordingKey(s.path, undefined, false)]! } : {};
        const key = recordingKey(s.path, undefined, Boolean(s.conditional));
        runs[k]!.ceiling.push(await measure({ url: `${base}/api/bench/constant?k=${encodeURIComponent(key)}`, durationS }, server.pid!));
        const q0 = await queries(base);
        const result = await measure({ url: base + s.path, headers, durationS }, server.pid!);
        runs[k]!.queries.push((await queries(base)) - q0);
        runs[k]!.scenario.push(result);
        const expected = s.conditional ? '304' : '200';
        const unexpected = Object.entries(result.statuses).filter(([code]) => code !== expected);
        if (result.errors || unexpected.length) progress(`  ! ${result.errors} errors, unexpected statuses ${JSON.stringify(unexpected)}`);
      }
    }

    console.log(`\nSearch over 10,000+ posts (bench data set, ANALYZEd); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
    printCold('Cold SQL on the embedded database (lib/content/search-query.ts searchPosts, uncached, in process: CPU time is the database\'s too)', cold.rows);
    if (onPg) printCold('Cold SQL on PostgreSQL (TEST_DATABASE_URL; CPU time is only the client\'s)', onPg.rows);
    else console.log('\n(PostgreSQL: skipped, TEST_DATABASE_URL is not set)');
    console.log(`\nCold HTTP (first request after the posts tag expired, ${path200}): median ${coldHttp.coldMsMedian!.toFixed(1)} ms, max ${coldHttp.coldMsMax!.toFixed(1)} ms, ${coldHttp.queriesPerRequest} queries, ${coldHttp.bytes} bytes`);
    console.log(`\nWarm under load (autocannon, 10 connections, ${durationS} s × ${rounds} rounds, medians):`);
    console.log(`${'scenario'.padEnd(28)}  req/s  ceiling  vs ceiling  p50 ms  p99 ms  queries/req`);
    const report = scenarios.map((s, k) => {
      const r = runs[k]!;
      const rps = median(r.scenario.map((x) => x.rps));
      const ceiling = median(r.ceiling.map((x) => x.rps));
      const row = { name: s.name, rps, ceilingRps: ceiling, vsCeiling: rps / ceiling, p50: median(r.scenario.map((x) => x.p50)), p99: median(r.scenario.map((x) => x.p99)), queriesPerRequest: median(r.queries.map((q, i) => q / r.scenario[i]!.requests)) };
      console.log(`${row.name.padEnd(28)}  ${row.rps.toFixed(0).padStart(5)}  ${row.ceilingRps.toFixed(0).padStart(7)}  ${(row.vsCeiling * 100).toFixed(0).padStart(9)}%  ${String(row.p50).padStart(6)}  ${String(row.p99).padStart(6)}  ${row.queriesPerRequest.toFixed(3).padStart(11)}`);
      return row;
    });
    const out = path.join(root, 'bench', 'results', `search-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ loadavg: os.loadavg(), coldSql: cold.rows, coldSqlPostgres: onPg?.rows, coldHttp, warm: report }, null, 2));
    console.log(`\nwritten to ${path.relative(root, out)}`);
  } finally {
    stop();
    await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(null)));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
