// When a failed delivery is tried again (SPEC §8). Pure, so the schedule is tested on its own.
//
// The schedule is Standard Webhooks' (and Svix's): immediately, then 5 s, 5 min, 30 min, 2 h,
// 5 h, 10 h and 10 h after each failure — eight attempts over about 27 hours — each delay
// jittered by ±20 % so that endpoints that failed together do not all come back together.
// WEBHOOK_RETRY_SCALE multiplies it (the tests use a small factor to see retries in seconds).

/** Delay before attempt n+1 after attempt n failed, in seconds (index n-1); the first attempt is immediate. */
export const RETRY_DELAYS_S = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;
/** Attempts a delivery gets before it is `failed`. */
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1;
export const JITTER = 0.2;
/** The longest a receiver's Retry-After may push an attempt back (it still counts as one). */
export const MAX_RETRY_AFTER_S = 24 * 3600;

/** The whole schedule, in ms: an endpoint failing for longer than this is disabled. */
export function retryWindowMs(scale = 1): number {
  return RETRY_DELAYS_S.reduce((a, b) => a + b, 0) * 1000 * scale;
}

/**
 * The delay before the next attempt after `attempts` attempts failed, or null when the schedule
 * is exhausted. `random` in [0, 1) picks the jitter.
 */
export function backoffMs(attempts: number, scale = 1, random: () => number = Math.random): number | null {
  if (attempts < 1 || attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_S[attempts - 1]! * 1000 * scale;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns the delay in ms from
 * `now`, bounded to [0, MAX_RETRY_AFTER_S], or null when absent or not a valid value.
 */
export function parseRetryAfter(value: string | null | undefined, now = new Date()): number | null {
  if (!value) return null;
  const v = value.trim();
  let ms: number;
  if (/^\d+$/.test(v)) ms = Number(v) * 1000;
  else {
    // HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, or the obsolete RFC 850 and asctime forms, all of
    // which Date.parse reads. Anything else is ignored, as the RFC allows.
    if (!/^[A-Za-z]{3,9}, |^[A-Za-z]{3} [A-Za-z]{3} /.test(v)) return null;
    const at = Date.parse(v);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_S * 1000);
}

/**
 * The next attempt's delay after a failed one: the backoff, or the receiver's Retry-After on a 429
 * or 503 when that is later (never sooner than it asked), or null when the schedule is exhausted.
 */
export function nextDelayMs(attempts: number, status: number | null, retryAfter: string | null, scale = 1, now = new Date(), random: () => number = Math.random): number | null {
  const backoff = backoffMs(attempts, scale, random);
  if (backoff === null) return null;
  const asked = status === 429 || status === 503 ? parseRetryAfter(retryAfter, now) : null;
  return asked === null ? backoff : Math.max(backoff, asked);
}
