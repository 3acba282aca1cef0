// Validators (RFC 9110 §8.8): HTTP dates. The weak ETag builder is in representation.ts.

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
