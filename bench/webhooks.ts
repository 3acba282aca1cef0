// npm run bench:webhooks [-- --rounds 5 --endpoints 50]
//
// Webhook fan-out (issue 14): one publish through the CMS with 50 endpoints subscribed, each a
// real HTTP receiver on 127.0.0.1 answering 200 at once: the time until all 50 have their
// delivery. The production server (`npm start`, embedded database, one process) on a private
// copy of the test template; WEBHOOK_ALLOW_PRIVATE=127.0.0.1 lets it reach the receivers.
// Times per round: from the change's commit (the payload's `at`, the server's clock — the same
// machine) to the first and the last delivery, and from the action's response to the last one
// (the drain starts right after the response, in after()). One warm-up round is not counted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale } from '../scripts/build-if-stale';
import { openDatabase } from '../db/client';
import { webhookEndpoints } from '../db/schema';
import { generateSecret } from '../lib/webhooks/secrets';
import { DEFAULT_CONCURRENCY } from '../lib/webhooks/deliver';
import { signIn, submitForm } from '../tests/helpers/cms-client';
import { copyTemplate, ensureTemplate, TEST_AUTH_SECRET } from '../tests/helpers/template-db';
import { startReceiver, type Receiver } from '../tests/helpers/webhook-receiver';
import { startGazette, waitFor } from './lib/processes';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, endpoints: { type: 'string', default: '50' } } });
const ROUNDS = Number(values.rounds);
const ENDPOINTS = Number(values.endpoints);
const progress = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function main(): Promise<void> {
  buildIfStale({ quiet: true });
  await ensureTemplate();
  const copy = copyTemplate();
  const port = 3990 + Math.floor(Math.random() * 9);
  const base = `http://127.0.0.1:${port}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-bench-hooks-'));
  const env = { BETTER_AUTH_SECRET: TEST_AUTH_SECRET, WEBHOOK_ALLOW_PRIVATE: '127.0.0.1' };
  const receivers: Receiver[] = [];
  let server = startGazette(root, copy.dataDir, port, path.join(work, 'first.log'), env);
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
  };
  try {
    // A first start records the demo content in the change log; endpoints added before it would
    // each get a delivery per demo item. Then the endpoints, written while no server holds the database.
    await waitFor(`${base}/api/health`, server, path.join(work, 'first.log'));
    await stop();
    for (let i = 0; i < ENDPOINTS; i++) receivers.push(await startReceiver([200]));
    const handle = await openDatabase({ driver: 'pglite', dataDir: copy.dataDir });
    await handle.db.insert(webhookEndpoints).values(receivers.map((r) => ({ url: r.url, eventTypes: ['post.published'], secret: generateSecret() })));
    await handle.close();

    const log = path.join(work, 'server.log');
    server = startGazette(root, copy.dataDir, port, log, env);
    await waitFor(`${base}/api/health`, server, log);
    const editor = await signIn(base, 'editor');
    const rounds: { action: number; toFirst: number; toLast: number; afterResponse: number }[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const slug = `bench-hook-${Date.now()}-${round}`;
      const sent = Date.now();
      const res = await submitForm(base, '/cms/posts/new', editor, { fields: { title: slug, slug, summary: 's', body: 'b', tags: '' }, submit: { intent: 'publish' } });
      const answered = Date.now();
      if (res.outcome !== 'redirected') throw new Error(`publish failed: ${res.messages.join(' | ')}`);
      const arrivals: number[] = [];
      let at = 0;
      for (const r of receivers) {
        const deadline = Date.now() + 60_000;
        let hit;
        while (!(hit = r.received.find((q) => q.body.includes(`"${slug}"`))) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 5));
        if (!hit) throw new Error(`${r.url} got no delivery of ${slug} within 60 s; see ${log}`);
        arrivals.push(hit.at);
        at = Date.parse((JSON.parse(hit.body) as { data: { at: string } }).data.at);
      }
      const row = { action: answered - sent, toFirst: Math.min(...arrivals) - at, toLast: Math.max(...arrivals) - at, afterResponse: Math.max(...arrivals) - answered };
      progress(`${round === 0 ? 'warm-up' : `round ${round}`}: ${ENDPOINTS} delivered ${row.toLast} ms after the commit (first after ${row.toFirst} ms; last ${row.afterResponse} ms after the action answered)`);
      if (round > 0) rounds.push(row);
    }
    console.log(`\nOne publish fanned out to ${ENDPOINTS} endpoints on 127.0.0.1 (npm start, embedded database, ${DEFAULT_CONCURRENCY} parallel sends per process), ${ROUNDS} rounds; ms`);
    console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)\n`);
    console.log('                                       median     max');
    const line = (label: string, xs: number[]) => console.log(`${label.padEnd(38)} ${String(median(xs)).padStart(6)}  ${String(Math.max(...xs)).padStart(6)}`);
    line('commit → first delivery', rounds.map((r) => r.toFirst));
    line(`commit → all ${ENDPOINTS} delivered`, rounds.map((r) => r.toLast));
    line(`action answered → all ${ENDPOINTS} delivered`, rounds.map((r) => r.afterResponse));
    line('publish action (form GET + POST)', rounds.map((r) => r.action));
    const out = path.join(root, 'bench', 'results', `webhooks-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ endpoints: ENDPOINTS, concurrency: DEFAULT_CONCURRENCY, loadavg: os.loadavg(), rounds }, null, 2));
    console.log(`\nwritten to ${path.relative(root, out)}`);
  } finally {
    await stop();
    for (const r of receivers) await r.close();
    copy.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
