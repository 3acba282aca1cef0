// better-auth: email + password sign-in, sessions stored in the database (revocable; no
// cookie cache, so a deactivated editor is out on the next request), admin plugin for roles.
// Not marked server-only: scripts (cms:create-admin, first start) use it too.
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins';
import { currentDatabaseHandle, getDb, type Db } from '@/db/client';
import { account, session, user, verification } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { ac, roles } from './roles';

function createAuth(db: Db) {
  const config = getConfig();
  if (!config.authSecret) throw new Error('BETTER_AUTH_SECRET is not set');
  return betterAuth({
    secret: config.authSecret,
    baseURL: config.siteUrl,
    trustedOrigins: [config.siteUrl],
    database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    advanced: {
      // Secure cookies whenever the site is served over HTTPS (always in production).
      useSecureCookies: config.siteUrl.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    // Its limiter only guards HTTP calls to its own route; sign-in through our Server Action
    // is limited by lib/auth/rate-limit.ts instead.
    rateLimit: { enabled: false },
    plugins: [admin({ ac, roles, defaultRole: 'editor', adminRoles: ['admin'] }), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// better-auth keeps the db object it was given; this one always forwards to the process's
// current handle, so a database that was reopened (after an outage) is picked up.
const liveDb = new Proxy({} as Db, {
  get(_target, prop) {
    const db = currentDatabaseHandle()?.db;
    if (!db) throw new Error('The database is not open');
    const value: unknown = Reflect.get(db, prop);
    return typeof value === 'function' ? value.bind(db) : value;
  },
});

const AUTH = Symbol.for('gazette.auth');
type Holder = { [AUTH]?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  const holder = globalThis as Holder;
  holder[AUTH] ??= getDb().then(() => createAuth(liveDb));
  holder[AUTH].catch(() => delete holder[AUTH]);
  return holder[AUTH];
}
