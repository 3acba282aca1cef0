// The public route wrapper every route handler under app/ uses, and the failure answer of the
// handlers that are not public (cron, uploads, autosave): lib/http's, told how to recognise a
// database outage (lib/http itself knows nothing of storage).
import { isDatabaseOutage } from '@/db/outage';
import { toResponse, type ProblemAnswer } from '@/lib/http/problem';
import { createPublicRoute, failureAnswer, type OutageWording } from '@/lib/http/public-route';

export const publicRoute = createPublicRoute({ isOutage: isDatabaseOutage });

/** Something else a handler depends on that can be down for a while (e.g. the media store). */
export type OutageTest = (err: unknown) => boolean;

/**
 * An unexpected error in any handler (public or CMS): 503 + Retry-After for an outage of the
 * database (or of what `alsoOutage` recognises), else a logged 500.
 */
export async function failureResponse(err: unknown, wording?: OutageWording, alsoOutage?: OutageTest): Promise<Response> {
  return toResponse(await databaseFailure(err, wording, alsoOutage));
}

/** The same, as plain data (for a failure reported inside a larger answer). */
export function databaseFailure(err: unknown, wording?: OutageWording, alsoOutage?: OutageTest): Promise<ProblemAnswer> {
  return failureAnswer(err, async (e) => alsoOutage?.(e) === true || (await isDatabaseOutage(e)), wording);
}
