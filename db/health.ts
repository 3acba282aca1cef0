// Database readiness: /api/health reports it, and isDatabaseOutage (./outage.ts) asks it when an
// error alone does not tell.
import { sql } from 'drizzle-orm';
import { getDatabaseHandle } from './client';

const TIMEOUT_MS = 2000;

export type HealthResult = { ok: true; driver: string; latencyMs: number } | { ok: false };

/** One `select 1`, bounded in time: readiness must answer even when the database hangs. */
export async function checkDatabase(timeoutMs = TIMEOUT_MS): Promise<HealthResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database health check timed out')), timeoutMs);
  });
  try {
    const handle = await Promise.race([getDatabaseHandle(), timeout]);
    await Promise.race([handle.db.execute(sql`select 1`), timeout]);
    return { ok: true, driver: handle.driver, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    console.error('[health] database check failed:', err instanceof Error ? err.message : err);
    return { ok: false };
  } finally {
    clearTimeout(timer);
  }
}
