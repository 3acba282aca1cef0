// Sign-in attempts limited per account and per client address, counted in the database (so a
// restart does not reset them) in fixed windows. Only failures count; a success clears the
// account's count.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signInAttempts } from '@/db/schema';

const WINDOW_MS = 15 * 60_000;
export const LIMITS = { account: 5, address: 30 } as const;

export type LimitKey = { kind: keyof typeof LIMITS; id: string };
const keyOf = (k: LimitKey) => `${k.kind}:${k.id.toLowerCase().slice(0, 320)}`;

/** Seconds until the caller may try again, or 0 if it may now. */
export async function retryAfter(keys: LimitKey[]): Promise<number> {
  const db = await getDb();
  const now = Date.now();
  let wait = 0;
  for (const k of keys) {
    const [row] = await db.select().from(signInAttempts).where(sql`${signInAttempts.key} = ${keyOf(k)}`);
    if (row && now - row.windowStart.getTime() < WINDOW_MS && row.failures >= LIMITS[k.kind]) {
      wait = Math.max(wait, Math.ceil((row.windowStart.getTime() + WINDOW_MS - now) / 1000));
    }
  }
  return wait;
}

export async function recordFailure(keys: LimitKey[]): Promise<void> {
  const db = await getDb();
  const now = new Date();
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  for (const k of keys) {
    // One statement per key: start a new window if the old one is over, else count up.
    await db
      .insert(signInAttempts)
      .values({ key: keyOf(k), windowStart: now, failures: 1 })
      .onConflictDoUpdate({
        target: signInAttempts.key,
        set: {
          failures: sql`case when ${signInAttempts.windowStart} < ${windowStart} then 1 else ${signInAttempts.failures} + 1 end`,
          windowStart: sql`case when ${signInAttempts.windowStart} < ${windowStart} then ${now} else ${signInAttempts.windowStart} end`,
        },
      });
  }
}

export async function clearFailures(key: LimitKey): Promise<void> {
  const db = await getDb();
  await db.delete(signInAttempts).where(sql`${signInAttempts.key} = ${keyOf(key)}`);
}
