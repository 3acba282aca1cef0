// npm run bench:cms-lists [-- --requests 40]
//
// Server time of the CMS list page (app/cms/(editor)/[type]/page.tsx) over the benchmark data
// set (10,000 posts, bench/lib/data.ts), on a private copy of it with one editor account: the
// production server on 127.0.0.1, signed in as a browser is, one request at a time (an editor
// waits for each page). For each view: warm-up requests, then N timed ones; the time is from
// sending the request to the last byte of the page (the page is rendered whole before its first
// byte: the CMS layout does not stream), so it is the server's render time plus loopback.
// Target (issue 12): under 200 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as cheerio from 'cheerio';
import { buildIfStale } from '../scripts/build-if-stale';
import { refreshPlannerStatistics } from '../db/bootstrap';
import { closeProcessDatabase, openDatabase, setProcessDatabase } from '../db/client';
import { createAccount } from '../lib/auth/accounts';
import { getAuth } from '../lib/auth/auth';
import { CookieJar, submitForm } from '../tests/helpers/cms-client';
import { prepareBenchData } from './lib/data';
import { startGazette, waitFor } from './lib/processes';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { requests: { type: 'string', default: '40' }, warmup: { type: 'string', default: '5' }, 'no-analyze': { type: 'boolean', default: false } } });
const N = Number(values.requests);
const WARMUP = Number(values.warmup);
const TARGET_MS = 200;
const SECRET = 'bench-secret-for-the-cms-lists-benchmark-0123456789';
const ACCOUNT = { email: 'bench-editor@bench.gazette', password: 'bench-editor-password-1', name: 'Bench Editor', role: 'editor' as const };
const progress = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function main(): Promise<void> {
  // Before anything reads the configuration (it is read once per process and kept).
  process.env.BETTER_AUTH_SECRET = SECRET;
  buildIfStale({ quiet: true });
  const shared = await prepareBenchData(root, false, progress);
  // A private copy: the account added here stays out of `npm run bench`'s data set.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-lists-'));
  const dataDir = path.join(work, 'db');
  fs.cpSync(shared, dataDir, { recursive: true });
  const handle = await openDatabase({ driver: 'pglite', dataDir });
  setProcessDatabase(handle);
  await createAccount(await getAuth(), handle.db, ACCOUNT);
  // Planner statistics, as autovacuum gathers them on PostgreSQL after a bulk load. PGlite runs
  // no autovacuum: without them it guesses `deleted_at IS NULL` keeps 0.5% of rows and sorts
  // the whole table instead of walking an index (--no-analyze measures that state). npm start
  // and npm run db:seed do the same (db/bootstrap.ts refreshPlannerStatistics).
  if (!values['no-analyze']) await refreshPlannerStatistics(handle);
  await closeProcessDatabase();

  const port = 3950 + Math.floor(Math.random() * 40);
  const base = `http://127.0.0.1:${port}`;
  const log = path.join(work, 'server.log');
  const server = startGazette(root, dataDir, port, log, { BETTER_AUTH_SECRET: SECRET });
  const stop = () => server.exitCode === null && server.kill('SIGTERM');
  process.on('exit', stop);
  try {
    await waitFor(`${base}/api/health`, server, log);
    const jar = new CookieJar();
    const signedIn = await submitForm(base, '/cms/login', jar, { fields: { email: ACCOUNT.email, password: ACCOUNT.password } });
    if (signedIn.outcome !== 'redirected') throw new Error(`sign-in failed: ${signedIn.messages.join(' | ')}`);
    const get = async (url: string) => {
      const res = await fetch(base + url, { headers: { cookie: jar.header() }, redirect: 'manual' });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
      return body;
    };

    // Views that need the data: a cursor deep in the list (page ~100 of 100 rows, then 50 a
    // page from there) for two sorts, and the author id from the filter's choices.
    const deep = async (params: string) => {
      let url = `/cms/posts?${params}&size=100`;
      for (let i = 0; i < 98; i++) {
        const next = cheerio.load(await get(url))('a[rel=next]').attr('href');
        if (!next) break;
        url = next;
      }
      const deepUrl = new URL(url, base);
      deepUrl.searchParams.delete('size');
      return deepUrl.pathname + deepUrl.search;
    };
    const $ = cheerio.load(await get('/cms/posts'));
    const author = $('select[name=author] option').filter((_, o) => $(o).text() === 'Bench Writer').attr('value');
    const views: [string, string][] = [
      ['floor: a search that finds nothing', '/cms/posts?q=zzzzqqqq'],
      ['first page (last updated)', '/cms/posts'],
      ['deep page ~9,800 via cursor (last updated)', await deep('sort=updated&dir=desc')],
      ['deep page ~9,800 via cursor (title A–Z)', await deep('sort=title&dir=asc')],
      ['search, every post matches ("synthetic")', '/cms/posts?q=synthetic'],
      ['search, one post matches ("4242")', '/cms/posts?q=4242'],
      ['search, a phrase ("second point" -http)', `/cms/posts?q=${encodeURIComponent('"second point" -http')}`],
      ['tag filter (tag=http)', '/cms/posts?tag=http'],
      ['author filter (10,000 posts)', `/cms/posts?author=${author}`],
      ['status filter (draft: few)', '/cms/posts?status=draft'],
      ['sort: last updated, oldest first', '/cms/posts?sort=updated&dir=asc'],
      ['sort: created, newest first', '/cms/posts?sort=created&dir=desc'],
      ['sort: title A–Z', '/cms/posts?sort=title&dir=asc'],
      ['sort: title Z–A', '/cms/posts?sort=title&dir=desc'],
      ['sort: publication time, newest first', '/cms/posts?sort=published&dir=desc'],
      ['sort: publication time, oldest first', '/cms/posts?sort=published&dir=asc'],
      ['search + tag + sort by title', '/cms/posts?q=synthetic&tag=http&sort=title&dir=asc'],
    ];
    const results: { view: string; url: string; rows: number; median: number; p95: number; max: number }[] = [];
    for (const [view, url] of views) {
      for (let i = 0; i < WARMUP; i++) await get(url);
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < N; i++) {
        const t0 = performance.now();
        const html = await get(url);
        times.push(performance.now() - t0);
        if (i === 0) rows = cheerio.load(html)('.cms-table tbody tr').length;
      }
      results.push({ view, url, rows, median: quantile(times, 0.5), p95: quantile(times, 0.95), max: Math.max(...times) });
      progress(`${view}: median ${quantile(times, 0.5).toFixed(1)} ms`);
    }
    const width = Math.max(...results.map((r) => r.view.length));
    console.log(`\nCMS list page over 10,000 posts: ${N} requests per view after ${WARMUP} warm-up, one at a time; ms from request to last byte; planner statistics ${values['no-analyze'] ? 'absent (--no-analyze)' : 'gathered (ANALYZE)'}`);
    console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)\n`);
    console.log(`${'view'.padEnd(width)}  rows  median     p95     max  <${TARGET_MS} ms`);
    for (const r of results) {
      console.log(`${r.view.padEnd(width)}  ${String(r.rows).padStart(4)}  ${r.median.toFixed(1).padStart(6)}  ${r.p95.toFixed(1).padStart(6)}  ${r.max.toFixed(1).padStart(6)}  ${r.p95 < TARGET_MS ? 'yes' : 'NO'}`);
    }
    const out = path.join(root, 'bench', 'results', `cms-lists-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ requests: N, warmup: WARMUP, analyzed: !values['no-analyze'], loadavg: os.loadavg(), results }, null, 2));
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
