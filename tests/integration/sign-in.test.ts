// Sign-in refusals when better-auth was first set up outside Next's bundle, as `npm start` does
// on a fresh embedded database (scripts/start.ts creates the demo admin through getAuth() in the
// same process; lib/auth/auth.ts keeps that one instance on globalThis, so the bundled sign-in
// action then gets errors of node_modules' copy of better-call's APIError class, which failed
// `instanceof` against the bundle's copy: a wrong password got "Signing in is not possible right
// now" and was not counted). And after a CMS page's session check came first.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAttempts } from '@/db/schema';
import { getAuth } from '@/lib/auth/auth';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { CookieJar, submitForm } from '../helpers/cms-client';
import { TEST_ACCOUNTS } from '../helpers/template-db';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // What scripts/start.ts does before the first request: better-auth from node_modules.
  await getAuth();
});
afterAll(async () => {
  await server?.close();
});

it('answers a wrong password plainly and counts it, when better-auth was set up outside the bundle and a page checked a session first', async () => {
  const expired = new CookieJar();
  expired.take(new Response(null, { headers: { 'set-cookie': 'better-auth.session_token=expired.value; Path=/' } }));
  const page = await fetch(`${server.url}/cms`, { headers: { cookie: expired.header() }, redirect: 'manual' });
  expect(await page.text()).toMatch(/\/cms\/login/);

  const email = TEST_ACCOUNTS.editor.email;
  const t0 = performance.now();
  const res = await submitForm(server.url, '/cms/login', new CookieJar(), { fields: { email, password: 'not-the-password-1' } });
  const ms = performance.now() - t0;
  console.log(`[sign-in] wrong password after a page's session check: ${ms.toFixed(0)} ms`);
  expect(res.messages.join(' ')).toContain('Wrong e-mail or password.');
  expect(res.messages.join(' ')).not.toMatch(/not possible right now/);
  const [row] = await server.handle.db.select().from(signInAttempts).where(eq(signInAttempts.key, `account:${email}`));
  expect(row?.failures).toBe(1);
});
