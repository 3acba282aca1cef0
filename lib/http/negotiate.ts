// Proactive content negotiation on Accept (RFC 9110 §12.5.1), by the `negotiator` library:
// q-values, specificity (`text/html` beats `text/*` beats `*/*`) and wildcards. With no
// Accept, or `*/*`, the first available type (the default) wins.
import Negotiator from 'negotiator';

export function negotiateMediaType(accept: string | null, available: readonly string[]): string | undefined {
  if (accept === null || accept.trim() === '') return available[0];
  const negotiator = new Negotiator({ headers: { accept } });
  return negotiator.mediaType([...available]);
}
