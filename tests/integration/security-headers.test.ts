// Browser-facing security of the production server: the headers every public and CMS page
// carries (next.config.ts), the session cookie's attributes (better-auth, lib/auth/auth.ts),
// and that nothing secret is in what browsers can download (.next/static).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedPosts } from '@/db/seed/content';
import { sourceHash } from '@/scripts/build-if-stale';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { CookieJar, signIn } from '../helpers/cms-client';
import { TEST_AUTH_SECRET } from '../helpers/template-db';

const root = path.resolve(import.meta.dirname, '..', '..');
const slug = seedPosts.find((p) => p.status === 'published')!.slug;
const PUBLIC_PAGES = ['/', `/posts/${slug}`, '/changelog', '/events', '/docs'];
const SESSION_COOKIE = /^(__Secure-)?better-auth\.session_token=/;

/** Parse one Content-Security-Policy into directive → sources. */
function parseCsp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

function expectBaselineHeaders(res: Response, where: string) {
  const csp = parseCsp(res.headers.get('content-security-policy'));
  expect(csp.size, `${where}: Content-Security-Policy`).toBeGreaterThan(0);
  expect(csp.get('default-src'), `${where}: CSP default-src`).toEqual(["'self'"]);
  expect(csp.get('object-src'), `${where}: CSP object-src`).toEqual(["'none'"]);
  expect(csp.get('base-uri'), `${where}: CSP base-uri`).toEqual(["'self'"]);
  expect(csp.get('script-src'), `${where}: CSP script-src`).not.toContain('*');
  expect(csp.get('frame-ancestors'), `${where}: CSP frame-ancestors`).toBeDefined();
  expect(res.headers.get('x-content-type-options'), `${where}: X-Content-Type-Options`).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), `${where}: Referrer-Policy`).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
  return csp;
}

function expectNoFraming(res: Response, where: string) {
  const csp = expectBaselineHeaders(res, where);
  expect(res.headers.get('x-frame-options'), `${where}: X-Frame-Options`).toBe('DENY');
  expect(csp.get('frame-ancestors'), `${where}: CSP frame-ancestors`).toEqual(["'none'"]);
  expect(res.headers.get('cache-control'), `${where}: Cache-Control`).toMatch(/\bno-store\b/);
}

/** Sign in with the helper, keeping every raw Set-Cookie line the server sent on the way. */
async function signInRecordingCookies(base: string, headers: Record<string, string> = {}): Promise<{ jar: CookieJar; setCookies: string[] }> {
  const spy = vi.spyOn(CookieJar.prototype, 'take');
  try {
    const jar = await signIn(base, 'editor', headers);
    const setCookies = spy.mock.calls.flatMap(([res]) => res.headers.getSetCookie());
    return { jar, setCookies };
  } finally {
    spy.mockRestore();
  }
}

function attributes(setCookie: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const part of setCookie.split(';').slice(1)) {
    const [k, ...v] = part.split('=');
    attrs.set(k!.trim().toLowerCase(), v.join('=').trim());
  }
  return attrs;
}

describe('security headers (SITE_URL = the server itself, http)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('public pages send CSP, nosniff and a Referrer-Policy', async () => {
    for (const p of [...PUBLIC_PAGES, '/no-such-page']) {
      const res = await fetch(server.url + p, { redirect: 'manual' });
      expect([200, 404], p).toContain(res.status);
      const csp = expectBaselineHeaders(res, p);
      // Public pages may be framed by this origin only.
      expect(csp.get('frame-ancestors'), p).toEqual(["'self'"]);
      await res.arrayBuffer();
    }
  });

  it('protocol routes (API, feeds) send nosniff too, errors included', async () => {
    for (const p of ['/api/posts', '/api/posts/no-such-post', '/feed.xml', '/api/events.ics', '/api/openapi.json']) {
      const res = await fetch(server.url + p);
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      await res.arrayBuffer();
    }
  });

  it('CMS pages forbid framing (X-Frame-Options: DENY, frame-ancestors none), signed out and signed in', async () => {
    const login = await fetch(`${server.url}/cms/login`, { redirect: 'manual' });
    expect(login.status).toBe(200);
    expectNoFraming(login, '/cms/login');
    await login.arrayBuffer();

    // The redirect to sign in is a CMS response too.
    const bounce = await fetch(`${server.url}/cms/posts`, { redirect: 'manual' });
    expect(bounce.status).toBe(303);
    expectNoFraming(bounce, '/cms/posts (signed out)');
    await bounce.arrayBuffer();

    const { jar } = await signInRecordingCookies(server.url);
    for (const p of ['/cms', '/cms/posts', '/cms/posts/new']) {
      const res = await fetch(server.url + p, { headers: { cookie: jar.header() }, redirect: 'manual' });
      expect(res.status, p).toBe(200);
      expectNoFraming(res, p);
      expect(res.headers.get('referrer-policy'), p).toBe('same-origin');
      await res.arrayBuffer();
    }
  });

  it('the session cookie set at sign-in is HttpOnly, SameSite=Lax, Path=/, and not Secure over http', async () => {
    const { setCookies } = await signInRecordingCookies(server.url);
    const session = setCookies.filter((c) => SESSION_COOKIE.test(c));
    expect(session, setCookies.join('\n')).toHaveLength(1);
    const attrs = attributes(session[0]!);
    expect(session[0]).toMatch(/^better-auth\.session_token=/);
    expect(attrs.has('httponly'), session[0]).toBe(true);
    expect(attrs.get('samesite')?.toLowerCase(), session[0]).toBe('lax');
    expect(attrs.get('path'), session[0]).toBe('/');
    // Over plain http a Secure cookie would never come back: not set here.
    expect(attrs.has('secure'), session[0]).toBe(false);
    // Every better-auth cookie is kept from scripts.
    for (const c of setCookies.filter((c) => c.startsWith('better-auth.') || c.startsWith('__Secure-better-auth.'))) {
      expect(attributes(c).has('httponly'), c).toBe(true);
    }
  });
});

/**
 * `npm start` builds first when the sources changed since the last build; here that build would
 * race the one in .next/ that the other tests use. Refuse instead (`npm run test:*` builds first).
 */
function assertBuildIsCurrent(): void {
  const stamp = path.join(root, '.next', 'gazette-source-hash');
  const built = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
  if (built !== sourceHash()) throw new Error('The build in .next/ is not current: refusing to start `npm start`, which would run next build.');
}

// Its own process: a second Next server in this process does not work (Next keeps per-process
// state: the second instance fails with "Cannot call waitUntil() on an AwaiterOnce that was
// already awaited"), and configuration and the auth instance are per process anyway.
describe('security headers (SITE_URL https://gazette.example, `npm start` as a child process)', () => {
  let server: ChildServer;
  beforeAll(async () => {
    assertBuildIsCurrent();
    server = await startChildServer({ SITE_URL: 'https://gazette.example' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the session cookie is Secure (and __Secure- prefixed), HttpOnly and SameSite=Lax', async () => {
    // The browser is on https://gazette.example (a TLS-terminating proxy in front of this server).
    const { jar, setCookies } = await signInRecordingCookies(server.url, {
      origin: 'https://gazette.example',
      'x-forwarded-host': 'gazette.example',
      'x-forwarded-proto': 'https',
    });
    const session = setCookies.filter((c) => SESSION_COOKIE.test(c));
    expect(session, setCookies.join('\n')).toHaveLength(1);
    const attrs = attributes(session[0]!);
    expect(attrs.has('secure'), session[0]).toBe(true);
    expect(session[0]).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(attrs.has('httponly'), session[0]).toBe(true);
    expect(attrs.get('samesite')?.toLowerCase(), session[0]).toBe('lax');
    for (const c of setCookies.filter((c) => /^(__Secure-)?better-auth\./.test(c))) {
      const a = attributes(c);
      expect(a.has('secure'), c).toBe(true);
      expect(a.has('httponly'), c).toBe(true);
    }
    // And the cookie works: the CMS opens with it.
    const cms = await fetch(`${server.url}/cms`, { headers: { cookie: jar.header() }, redirect: 'manual' });
    expect(cms.status).toBe(200);
    expectNoFraming(cms, '/cms (https SITE_URL)');
    // Read to the end: a streamed page left unread is cut when the server stops (an unhandled rejection).
    await cms.arrayBuffer();
  });
});

describe('the build output browsers can download (.next/static)', () => {
  function files(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, String(f))).filter((f) => fs.statSync(f).isFile());
  }

  it('contains no secret: no value of a secret-looking variable, no embedded auth secret', () => {
    const staticDir = path.join(root, '.next', 'static');
    const all = files(staticDir);
    expect(all.length, 'a production build exists').toBeGreaterThan(0);

    const secrets = new Map<string, string>([['TEST_AUTH_SECRET (tests/helpers/template-db.ts)', TEST_AUTH_SECRET]]);
    for (const name of ['BETTER_AUTH_SECRET', 'CRON_SECRET', 'DATABASE_URL']) {
      const value = process.env[name];
      if (value) secrets.set(name, value);
    }
    // Any other variable whose name says it is secret.
    for (const [name, value] of Object.entries(process.env)) {
      if (value && value.length >= 8 && /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|API_KEY|ACCESS_KEY|CREDENTIAL|DATABASE_URL|POSTGRES/i.test(name)) secrets.set(name, value);
    }
    // The generated session secret of the embedded database, if a local start made one.
    for (const f of fs.existsSync(path.join(root, '.data')) ? fs.readdirSync(path.join(root, '.data')) : []) {
      if (f.endsWith('.auth-secret')) secrets.set(`.data/${f}`, fs.readFileSync(path.join(root, '.data', f), 'utf8').trim());
    }
    // A password in a connection string counts on its own too.
    for (const [name, value] of [...secrets]) {
      try {
        const pw = new URL(value).password;
        if (pw.length >= 6) secrets.set(`${name} (password)`, decodeURIComponent(pw));
      } catch {
        // not a URL
      }
    }

    const found: string[] = [];
    for (const file of all) {
      const text = fs.readFileSync(file).toString('latin1');
      for (const [name, value] of secrets) if (text.includes(value)) found.push(`${path.relative(root, file)} contains the value of ${name}`);
    }
    console.log(`[security-headers] scanned ${all.length} files under .next/static for ${secrets.size} secret values: ${[...secrets.keys()].join(', ')}`);
    expect(found).toEqual([]);
  });

  it('contains no server-only configuration names (a sign that server code reached the browser)', () => {
    const found: string[] = [];
    for (const file of files(path.join(root, '.next', 'static'))) {
      const text = fs.readFileSync(file).toString('latin1');
      for (const name of ['BETTER_AUTH_SECRET', 'CRON_SECRET', 'DATABASE_URL', 'GAZETTE_DATA_DIR']) if (text.includes(name)) found.push(`${path.relative(root, file)}: ${name}`);
    }
    expect(found).toEqual([]);
  });
});
