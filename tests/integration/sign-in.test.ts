// Sign-in refusals on a fresh server whose first use of better-auth is a CMS page's session
// check (a signed-out editor with an expired cookie opening /cms), not the sign-in action: the
// order a real browser often takes. A wrong password must still get the plain answer and count.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAttempts } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { CookieJar, submitForm } from '../helpers/cms-client';
import { TEST_ACCOUNTS } from '../helpers/template-db';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

it('answers a wrong password after a page checked a session first, and counts it', async () => {
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
