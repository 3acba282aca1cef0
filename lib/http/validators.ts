// Validators (RFC 9110 §8.8).
import { createHash } from 'node:crypto';

/**
 * A weak entity tag (RFC 9110 §8.8.3) over the representation's parts.
 *
 * Weak on purpose: Next's server gzips responses and sends the same ETag for the gzip and the
 * identity body, so a strong tag would promise byte equality that is not kept (§8.8.3.3).
 * A weak tag promises semantic equivalence, which is true, and weak comparison is all
 * If-None-Match uses (§13.1.2), so 304s keep working.
 */
export function weakEtag(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return `W/"${hash.digest('base64url').slice(0, 27)}"`;
}

/** An HTTP-date in IMF-fixdate form (RFC 9110 §5.6.7), whole seconds. */
export function httpDate(date: Date): string {
  return date.toUTCString();
}

/** Parse an HTTP-date; invalid dates give undefined (a recipient ignores them, §13.1.3). */
export function parseHttpDate(value: string | null): Date | undefined {
  if (!value) return undefined;
  // IMF-fixdate, and the obsolete RFC 850 / asctime forms Date.parse also understands.
  if (!/^[A-Za-z]{3},? /.test(value.trim()) && !/^[A-Za-z]+day, /.test(value.trim())) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
