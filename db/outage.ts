// Is the database unavailable? The one answer for every layer that must tell an outage (503, "try
// again") from a bug (500): the public route wrapper (lib/api/route.ts) and the CMS actions.
import { toDomainError } from './errors';
import { checkDatabase } from './health';

// The embedded database once closed (shutdown, or another process took the data directory).
const CLOSED_EMBEDDED = /PGlite is closed|not open/i;
// Bound on the probe: an error answer must not wait for a hanging database as long as
// /api/health does.
const PROBE_TIMEOUT_MS = 1000;

function closedEmbedded(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (CLOSED_EMBEDDED.test(e.message)) return true;
  }
  return false;
}

/**
 * True when `err` means the database is unavailable: a driver error of the unavailable kind
 * (connection refused or reset, server shutting down, …), a closed embedded database anywhere in
 * the cause chain, or else a failing bounded `select 1`, because errors thrown inside 'use cache'
 * readers reach the route opaque in production (message omitted, a digest instead).
 */
export async function isDatabaseOutage(err: unknown): Promise<boolean> {
  if (toDomainError(err)?.kind === 'unavailable' || closedEmbedded(err)) return true;
  return !(await checkDatabase(PROBE_TIMEOUT_MS)).ok;
}
