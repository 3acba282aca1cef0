'use server';
// Sign-in and sign-out. better-auth's own rate limiter only guards HTTP calls to its route,
// so this action limits attempts itself, per account and per client address.
import { isAPIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getAuth } from '@/lib/auth/auth';
import { clearFailures, recordFailure, retryAfter, type LimitKey } from '@/lib/auth/rate-limit';
import { answer, type ActionState, stamp } from '@/lib/cms/action';
import { getConfig } from '@/lib/config';

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).email('Enter your e-mail address.'),
  password: z.string().min(1, 'Enter your password.').max(256, 'That password is too long.'),
  next: z.string().max(500).optional(),
});

/** One answer for an unknown e-mail and a wrong password (no account probing). */
const WRONG = 'Wrong e-mail or password.';

function safeNext(next: string | undefined): string {
  // Only paths inside the CMS: never an open redirect.
  return next && /^\/cms(\/[A-Za-z0-9\-_/]*)?(\?[A-Za-z0-9=&\-_]*)?$/.test(next) ? next : '/cms';
}

export async function signInAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return answer('sign-in', { ...(await attemptSignIn(formData)), at: stamp() });
}

async function attemptSignIn(formData: FormData): Promise<ActionState> {
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password'), next: formData.get('next') ?? undefined });
  const email = String(formData.get('email') ?? '');
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of parsed.error.issues) fieldErrors[String(i.path[0])] ??= i.message;
    return { status: 'invalid', fieldErrors, values: { email } };
  }
  const h = await headers();
  const address = h.get(getConfig().clientIpHeader)?.split(',')[0]?.trim() || 'unknown';
  const keys: LimitKey[] = [
    { kind: 'account', id: parsed.data.email },
    { kind: 'address', id: address },
  ];
  try {
    const wait = await retryAfter(keys);
    if (wait > 0) {
      return { status: 'denied', message: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`, values: { email } };
    }
    const auth = await getAuth();
    await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: h });
    await clearFailures(keys[0]!);
  } catch (err) {
    // Not `instanceof APIError`: the better-auth instance is shared on globalThis, and under
    // `npm start` on a fresh database scripts/start.ts creates it from node_modules before Next's
    // bundle loads, so its errors are another copy of the class. A refused password then fell
    // through to the outage branch below, uncounted (tests/integration/sign-in.test.ts).
    // isAPIError recognises every copy.
    if (isAPIError(err)) {
      // Every refusal counts toward both limits, an unknown e-mail too (it costs the same hash:
      // better-auth hashes the typed password when no account matches, so the timing and the
      // answer are alike and reveal nothing about which accounts exist).
      await recordFailure(keys).catch((e: unknown) => console.error('[auth] could not record a failed sign-in:', e));
      // Deactivation is checked only once the password matched: saying so reveals nothing to
      // someone who does not know the password.
      const deactivated = err.status === 'FORBIDDEN' && err.body?.code === 'BANNED_USER';
      return { status: 'invalid', message: deactivated ? 'This account is deactivated. Ask an admin to reactivate it.' : WRONG, values: { email } };
    }
    console.error('[auth] sign-in failed:', err);
    return { status: 'error', message: 'Signing in is not possible right now. Try again shortly.', values: { email } };
  }
  redirect(safeNext(parsed.data.next));
}

export async function signOutAction(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() }).catch(() => {});
  redirect('/cms/login');
}
