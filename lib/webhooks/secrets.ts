// Endpoint signing secrets (Standard Webhooks v1 "Signature scheme"): `whsec_` followed by the
// base64 of 32 random bytes (the spec asks for 24–64). After a rotation the previous secret keeps
// signing beside the new one for ROTATION_OVERLAP_HOURS, so a receiver can switch at leisure.
import { randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
export const ROTATION_OVERLAP_HOURS = 24;

export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The secrets a delivery at `now` is signed with: the current one, and the previous during the overlap. */
export function signingSecrets(endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }, now = new Date()): string[] {
  const previous = endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? [endpoint.previousSecret] : [];
  return [endpoint.secret, ...previous];
}
