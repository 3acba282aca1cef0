// When the outbox is drained (SPEC §8), in every kind of deployment:
// - kickDeliveries(): after a change commits (lib/cms/after-commit.ts), inside a Server Action or
//   route handler, the drain starts right after the response with next/server's after() — on
//   Vercel that keeps the function alive until the sends finish. Outside a request it wakes
//   this process's loop.
// - startDeliveryLoop(): in each long-lived process (npm start, next start; lib/cms/background.ts)
//   a loop also drains whenever a pending delivery falls due: retries, and what a dead
//   process's lease left behind.
// - drainOutbox(): one drain, for the loop, after() and the per-minute cron (Vercel's only loop).
// The claims are safe across processes (./deliver.ts); within one process, drains share one run.
import 'server-only';
import { after } from 'next/server';
import { currentDatabaseHandle, getDb } from '@/db/client';
import { getConfig } from '@/lib/config';
import { drainDue, nextDueAt } from './deliver';

// The loop sleeps until the next pending delivery is due (never less than MIN_WAIT_MS), and
// looks again at least every IDLE_MS for work another process queued and could not send (it
// died before its after() ran). It does not poll an empty outbox every second: an idle server
// runs no query (the warm-path promise, SPEC §3 rule 8, is measured process-wide).
const MIN_WAIT_MS = 250;
const POLL_MS = 1500;
const IDLE_MS = 60_000;
// One drain claims for at most this long, so an after() or cron call ends well inside a
// serverless function's time limit however large the backlog; the next drain goes on.
const DRAIN_BUDGET_MS = 40_000;
// A drain that after() runs behind a Server Action's response (Vercel's only delivery besides the
// cron) claims for less: it shares the action's function time limit. What it leaves, the cron's
// next minute sends.
const AFTER_BUDGET_MS = 10_000;

// Kept on globalThis: Next's bundles (instrumentation, app routes) load separate copies of this
// module in one process, and a kick from an action must reach the loop instrumentation started.
const STATE = Symbol.for('gazette.webhooks.worker');
interface State {
  running?: Promise<{ attempted: number }>;
  again: boolean;
  loop?: { wake(): Promise<unknown>; stop(): void };
}
function state(): State {
  const holder = globalThis as { [STATE]?: State };
  holder[STATE] ??= { again: false };
  return holder[STATE];
}

/** Send what is due, until nothing is; a call during a drain joins it (and makes it look again). */
export function drainOutbox(budgetMs = DRAIN_BUDGET_MS): Promise<{ attempted: number }> {
  const s = state();
  if (s.running) {
    s.again = true;
    return s.running;
  }
  s.running = (async () => {
    const db = await getDb();
    const { webhookTimeoutMs, webhookRetryScale, webhookAllowPrivate } = getConfig().partners;
    const until = Date.now() + budgetMs;
    let attempted = 0;
    do {
      s.again = false;
      const left = until - Date.now();
      attempted += (await drainDue(db, { timeoutMs: webhookTimeoutMs, retryScale: webhookRetryScale, allowPrivate: webhookAllowPrivate, budgetMs: left })).attempted;
    } while (s.again && Date.now() < until);
    return { attempted };
  })().finally(() => {
    s.running = undefined;
  });
  return s.running;
}

const logFailure = (err: unknown) => console.error('[webhooks] drain failed:', err instanceof Error ? err.message : err);

/**
 * Deliver what a change just queued: right after the response when called in a request (after()),
 * at once otherwise; through this process's loop when it runs one, so the loop then sleeps until
 * the retries this drain scheduled fall due.
 */
export function kickDeliveries(): void {
  const run = () => (state().loop?.wake() ?? drainOutbox(AFTER_BUDGET_MS)).catch(logFailure);
  try {
    after(run);
  } catch {
    // Not inside a request (a script, the start-up backfill).
    void run();
  }
}

/**
 * Drain on kicks, and whenever a pending delivery falls due (a retry, a dead process's lease
 * running out), until the returned function is called. One loop per process.
 */
export function startDeliveryLoop(): () => void {
  const s = state();
  if (s.loop) return () => s.loop?.stop();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    // Unref'd: the loop never keeps a process alive that has nothing else to do.
    if (!stopped) timer = setTimeout(() => void tick(), ms).unref();
  };
  const tick = (): Promise<unknown> => {
    clearTimeout(timer);
    if (stopped) return Promise.resolve();
    // The loop never opens the database itself (requests and start-up do): a process whose
    // database was closed (a test server shut down) just waits.
    const handle = currentDatabaseHandle();
    if (!handle) return Promise.resolve(schedule(IDLE_MS));
    return drainOutbox()
      .then(() => nextDueAt(handle.db))
      .then(
        (due) => schedule(due ? Math.min(Math.max(due.getTime() - Date.now(), MIN_WAIT_MS), IDLE_MS) : IDLE_MS),
        (err: unknown) => {
          logFailure(err);
          schedule(POLL_MS);
        },
      );
  };
  s.loop = {
    wake: tick,
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (state().loop === this) state().loop = undefined;
    },
  };
  schedule(0);
  const loop = s.loop;
  return () => loop.stop();
}
