// When the outbox is drained (SPEC §8), in every kind of deployment:
// - kickDeliveries(): after a change commits (lib/cms/after-commit.ts), inside a Server Action or
//   route handler, the drain starts right after the response with next/server's after() — on
//   Vercel that keeps the function alive until the sends finish. Outside a request it wakes
//   this process's loop.
// - startDeliveryLoop(): in each long-lived process (npm start, next start; lib/cms/background.ts)
//   a loop drains every ~1.5 s too, which picks up retries as they fall due and what other
//   processes' leases left behind.
// - drainOutbox(): one drain, for the loop, after() and the per-minute cron (Vercel's only loop).
// The claims are safe across processes (./deliver.ts); within one process, drains share one run.
import 'server-only';
import { after } from 'next/server';
import { currentDatabaseHandle, getDb } from '@/db/client';
import { getConfig } from '@/lib/config';
import { drainDue } from './deliver';

const LOOP_INTERVAL_MS = 1500;
// One drain claims for at most this long, so an after() or cron call ends well inside a
// serverless function's time limit however large the backlog; the next drain goes on.
const DRAIN_BUDGET_MS = 40_000;

// Kept on globalThis: Next's bundles (instrumentation, app routes) load separate copies of this
// module in one process, and a kick from an action must reach the loop instrumentation started.
const STATE = Symbol.for('gazette.webhooks.worker');
interface State {
  running?: Promise<{ attempted: number }>;
  again: boolean;
  loop?: { wake(): void; stop(): void };
}
function state(): State {
  const holder = globalThis as { [STATE]?: State };
  holder[STATE] ??= { again: false };
  return holder[STATE];
}

/** Send what is due, until nothing is; a call during a drain joins it (and makes it look again). */
export function drainOutbox(): Promise<{ attempted: number }> {
  const s = state();
  if (s.running) {
    s.again = true;
    return s.running;
  }
  s.running = (async () => {
    const db = await getDb();
    const { webhookTimeoutMs, webhookRetryScale, webhookAllowPrivate } = getConfig().partners;
    const until = Date.now() + DRAIN_BUDGET_MS;
    let attempted = 0;
    do {
      s.again = false;
      const budgetMs = until - Date.now();
      attempted += (await drainDue(db, { timeoutMs: webhookTimeoutMs, retryScale: webhookRetryScale, allowPrivate: webhookAllowPrivate, budgetMs })).attempted;
    } while (s.again && Date.now() < until);
    return { attempted };
  })().finally(() => {
    s.running = undefined;
  });
  return s.running;
}

const logFailure = (err: unknown) => console.error('[webhooks] drain failed:', err instanceof Error ? err.message : err);

/** Deliver what a change just queued: after the response in a request, else on this process's loop. */
export function kickDeliveries(): void {
  try {
    after(() => drainOutbox().catch(logFailure));
  } catch {
    // Not inside a request (a script, the start-up backfill): the loop, if this process runs one.
    const loop = state().loop;
    if (loop) loop.wake();
    else void drainOutbox().catch(logFailure);
  }
}

/** Drain on kicks and every ~1.5 s until the returned function is called. One loop per process. */
export function startDeliveryLoop(): () => void {
  const s = state();
  if (s.loop) return () => s.loop?.stop();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    clearTimeout(timer);
    if (stopped) return;
    // The loop never opens the database itself (requests and start-up do): a process whose
    // database was closed (a test server shut down) just waits.
    const draining = currentDatabaseHandle() ? drainOutbox() : Promise.resolve();
    void draining
      .catch(logFailure)
      .finally(() => {
        if (stopped) return;
        clearTimeout(timer);
        // Unref'd: the loop never keeps a process alive that has nothing else to do.
        timer = setTimeout(tick, LOOP_INTERVAL_MS).unref();
      });
  };
  s.loop = {
    wake: tick,
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (state().loop === this) state().loop = undefined;
    },
  };
  timer = setTimeout(tick, 0).unref();
  const loop = s.loop;
  return () => loop.stop();
}
