// npm run bench:cdn — Gazette behind a real shared cache (Varnish, from Debian's packages).
// For each URL, 10,000 client requests spread over longer than its s-maxage; Varnish's own
// counters say how many reached the origin, how many were answered stale while revalidating,
// and how many revalidations the origin answered 304.
import { execFileSync, execSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildIfStale } from '../scripts/build-if-stale';
import { prepareBenchData } from './lib/data';
import { start, startGazette, waitFor } from './lib/processes';
import { loadAverage } from './lib/proc';

const root = path.resolve(import.meta.dirname, '..');
const URLS = [
  // s-maxage=60 (list policy): 10,000 requests over 75 s crosses one expiry.
  { path: '/api/posts?limit=20', seconds: 75 },
  { path: '/api/events', seconds: 75 },
];
const progress = (l: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${l}\n`);

function ensureVarnish(): void {
  try {
    execSync('command -v varnishd', { stdio: 'ignore' });
  } catch {
    progress('installing varnish from Debian (apt-get)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish > /dev/null', { stdio: 'inherit' });
  }
}

function varnishCounters(name: string): Record<string, number> {
  const out = JSON.parse(execFileSync('varnishstat', ['-n', name, '-1', '-j'], { encoding: 'utf8' })) as { counters?: Record<string, { value: number }> } & Record<string, { value: number }>;
  const counters = out.counters ?? out;
  const pick = (k: string) => counters[k]?.value ?? 0;
  return {
    backendRequests: pick('MAIN.backend_req'),
    hits: pick('MAIN.cache_hit'),
    graceHits: pick('MAIN.cache_hit_grace'),
    misses: pick('MAIN.cache_miss'),
    fetch304: pick('MAIN.fetch_304'),
    clientRequests: pick('MAIN.client_req'),
  };
}

async function main(): Promise<void> {
  ensureVarnish();
  buildIfStale({ quiet: true });
  const dataDir = await prepareBenchData(root, false, progress);
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-cdn-'));
  // varnishd reads its VCL after dropping root to its own user.
  fs.chmodSync(logDir, 0o755);
  const port = 3960 + Math.floor(Math.random() * 20);
  const cachePort = port + 100;
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  process.on('exit', stopAll);
  const server = startGazette(root, dataDir, port, path.join(logDir, 'server.log'));
  children.push(server);
  await waitFor(`http://127.0.0.1:${port}/api/health`, server, path.join(logDir, 'server.log'));

  const vcl = path.join(logDir, 'gazette.vcl');
  fs.writeFileSync(vcl, fs.readFileSync(path.join(root, 'bench', 'varnish.vcl'), 'utf8').replace('ORIGIN_PORT', String(port)));
  const name = path.join(os.tmpdir(), `gazette-varnish-${process.pid}`);
  const varnish = start('varnishd', ['-F', '-n', name, '-a', `127.0.0.1:${cachePort}`, '-f', vcl, '-s', 'malloc,128m'], {}, path.join(logDir, 'varnish.log'), root);
  children.push(varnish);
  await waitFor(`http://127.0.0.1:${cachePort}/api/health`, varnish, path.join(logDir, 'varnish.log'), 60_000);
  progress(`origin on ${port}, Varnish on ${cachePort}; logs in ${logDir}`);

  const before = varnishCounters(name);
  const results = await Promise.all(
    URLS.map(async (u) => {
      progress(`10,000 requests to ${u.path} over ${u.seconds} s`);
      const r = await autocannon({ url: `http://127.0.0.1:${cachePort}${u.path}`, amount: 10_000, connections: 10, overallRate: Math.ceil(10_000 / u.seconds) });
      return { path: u.path, requests: r.requests.total, errors: r.errors + r.timeouts, non2xx: r.non2xx };
    }),
  );
  const after = varnishCounters(name);
  const delta = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)])) as Record<string, number>;
  const report = {
    date: new Date().toISOString(),
    loadAverage: loadAverage(),
    urls: results,
    clientRequests: results.reduce((a, r) => a + r.requests, 0),
    reachedOrigin: delta.backendRequests,
    servedStaleWhileRevalidating: delta.graceHits,
    hits: delta.hits,
    misses: delta.misses,
    revalidationsAnswered304: delta.fetch304,
    fullFetches: delta.backendRequests! - delta.fetch304!,
  };
  console.log('\nGazette behind Varnish (bench:cdn)\n');
  console.log(`client requests:                    ${report.clientRequests} (${results.map((r) => `${r.path}: ${r.requests}, errors ${r.errors}, non-2xx ${r.non2xx}`).join('; ')})`);
  console.log(`reached the origin:                 ${report.reachedOrigin}`);
  console.log(`  revalidations answered 304:       ${report.revalidationsAnswered304} (no body sent)`);
  console.log(`  full fetches (200):               ${report.fullFetches} (cache misses counted by Varnish: ${report.misses})`);
  console.log(`served stale while revalidating:    ${report.servedStaleWhileRevalidating}`);
  console.log(`cache hits:                         ${report.hits}`);
  console.log(`load average:                       ${report.loadAverage}`);
  const out = path.join(root, 'bench', 'results', `${report.date.replace(/[:.]/g, '-')}-cdn.json`);
  fs.writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\nWrote ${path.relative(root, out)}`);
  stopAll();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
