// The clock of the editor making this request: their profile's zone (user.time_zone), else the
// zone their browser reported (the gazette_tz cookie, set by app/cms/(editor)/zone-cookie.tsx),
// else UTC. Both come from the request, so pages, Server Actions and CMS route handlers agree.
import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getDb, type Db } from '@/db/client';
import { session, user } from '@/db/schema';
import { clockFor, isTimeZone, ZONE_COOKIE, type Clock } from './time';

export interface EditorZone {
  zone: string;
  /** Where the zone came from: the editor's profile, their browser, or neither (UTC). */
  source: 'profile' | 'browser' | 'default';
  /** The zone the browser reported, if any (valid). */
  browser?: string;
}

const SESSION_COOKIES = ['__Secure-better-auth.session_token', 'better-auth.session_token'];

/**
 * The editor's zone. `db` is the transaction when called inside one (a Server Action's): on the
 * embedded database a second connection would wait for that transaction to end. The profile is
 * found by the session token alone: this only chooses how times are shown, and every page and
 * action has checked the session itself (lib/cms/session.ts).
 */
export const editorZone: (db?: Db) => Promise<EditorZone> = cache(async (db?: Db): Promise<EditorZone> => {
  let jar: Awaited<ReturnType<typeof cookies>>;
  try {
    jar = await cookies();
  } catch {
    // No request (a script or test calling the engine directly): nobody's zone but UTC's.
    return { zone: 'UTC', source: 'default' };
  }
  const cookie = jar.get(ZONE_COOKIE)?.value;
  const reported = cookie ? safeDecode(cookie) : undefined;
  const browser: string | undefined = reported && isTimeZone(reported) ? reported : undefined;
  const raw = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  // better-auth's cookie is "<token>.<signature>" (URL-encoded).
  const token = raw ? safeDecode(raw).split('.')[0] : undefined;
  if (token) {
    const [row] = await (db ?? (await getDb()))
      .select({ zone: user.timeZone })
      .from(session)
      .innerJoin(user, eq(user.id, session.userId))
      .where(eq(session.token, token))
      .limit(1);
    if (row?.zone && isTimeZone(row.zone)) return { zone: row.zone, source: 'profile', browser };
  }
  return browser ? { zone: browser, source: 'browser', browser } : { zone: 'UTC', source: 'default' };
});

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The editor's clock; once per page render (the layout and the page share it). */
export const editorClock: (db?: Db) => Promise<Clock> = cache(async (db?: Db) => clockFor((await editorZone(db)).zone));
