// Post/Redirect/Get for browsers without JavaScript. With JavaScript, useActionState shows an
// action's result in place. Without it, the browser posts the form as a page request, and Next
// renders the answer on its partial-prerender "resume" path, which drops React's form state
// (React's resume() takes none): errors and typed text would vanish. So a no-JS submission's
// result is stored here, the browser is redirected back (303), and the page passes the result
// to its form as the initial state, once.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { formFlash } from '@/db/schema';
import type { ActionState } from './action';

const COOKIE = 'gazette_flash';

/** True when the submission came from a plain HTML form post (no JavaScript). */
export async function isPlainFormPost(): Promise<boolean> {
  return (await headers()).get('next-action') === null;
}

/** Store a result for the next page view, and say where to send the browser back to. */
export async function storeFlash(form: string, state: ActionState): Promise<string> {
  const db = await getDb();
  const id = randomBytes(18).toString('base64url');
  await db.delete(formFlash).where(lt(formFlash.createdAt, sql`now() - interval '5 minutes'`));
  // jsonb cannot hold U+0000, in a value or in a key (a field's name): keep everything else the
  // editor typed exactly.
  const payload = withoutNul(JSON.parse(JSON.stringify(state))) as Record<string, unknown>;
  await db.insert(formFlash).values({ id, form: noNul(form), payload });
  (await cookies()).set(COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/cms', maxAge: 300, secure: false });
  // Set by proxy.ts from the request URL (a plain form posts to its own page).
  const back = (await headers()).get('x-gazette-path') ?? '';
  // Only back to a page of the CMS (never an open redirect).
  return /^\/cms(\/[^\s?#]*)?(\?[^\s#]*)?$/.test(back) && !back.startsWith('//') ? back : '/cms';
}

const noNul = (s: string) => s.replaceAll('\u0000', '\uFFFD');

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return noNul(value);
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [noNul(k), withoutNul(v)]));
  return value;
}

/** The stored result for this form, if any (read once: the row is deleted). */
export async function takeFlash(form: string): Promise<ActionState | undefined> {
  await connection();
  const id = (await cookies()).get(COOKIE)?.value;
  if (!id) return undefined;
  const db = await getDb();
  // Results can hold what is shown once (a webhook's new secret): none outlives its cookie's
  // five minutes, whether or not anyone comes back for it.
  await db.delete(formFlash).where(lt(formFlash.createdAt, sql`now() - interval '5 minutes'`));
  const [row] = await db.select().from(formFlash).where(eq(formFlash.id, id));
  if (!row || row.form !== form) return undefined;
  await db.delete(formFlash).where(eq(formFlash.id, id));
  return row.payload as unknown as ActionState;
}
