// Plain `next start` of this build answers the requests that used to give 500s there exactly as
// our own server does (SPEC §6: every rule of §3 holds under `next start`). Each was a 500
// before proxy.ts ran the request guard and Next was patched (patches/next+*.patch).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '@/db/data-dir-lock';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { CookieJar, signIn, submitForm } from '../helpers/cms-client';

let server: ChildServer;
let buildId: string;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Send the request target byte for byte (fetch would normalise it). */
function request(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: target, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false, timeout: 20_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')));
    req.on('error', reject);
    req.end(body);
  });
}

function expectProblem(answer: Answer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body) as Record<string, unknown>;
  expect(problem).toMatchObject({ type: 'about:blank', status });
  expect(typeof problem.title).toBe('string');
  expect(answer.body).not.toContain(buildId);
}

const SESSION_COOKIE = 'better-auth.session_token=not-a-real-session';
const ACTION_ID = 'deadbeef'.repeat(5);

beforeAll(async () => {
  buildId = fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', '.next', 'BUILD_ID'), 'utf8').trim();
  server = await startChildServer({}, { via: 'next start' });
});

afterAll(async () => {
  await server?.stop();
});

describe('next start: the embedded database', () => {
  it('is opened by the next start process itself, and no other process can open it meanwhile', async () => {
    const lockFile = path.join(path.dirname(server.dataDir), `${path.basename(server.dataDir)}.lock`);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: server.child.pid });
    expect(() => lockDataDir(server.dataDir)).toThrow(DataDirLockedError);
  });
});

describe('next start: hostile requests get 4xx answers, never 500', () => {
  it.each(['/api/posts/%ff%fe', '/posts/%E0%A4%A', '/api/events/%.ics'])(
    'answers 400 problem+json for malformed percent-encoding in a dynamic segment (%s)',
    async (target) => {
      for (const method of ['GET', 'HEAD']) {
        const answer = await request(method, target);
        expect(answer.status).toBe(400);
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        if (method === 'GET') expectProblem(answer, 400);
        else expect(answer.body).toBe('');
      }
    },
  );

  it.each(['/api/posts', '/feed.xml', '/', '/cms/login'])('answers TRACE with 405, Allow and a problem document (%s)', async (target) => {
    const answer = await request('TRACE', target);
    expectProblem(answer, 405);
    expect(answer.headers.allow).toMatch(/\bGET\b/);
  });

  it('answers other unsupported methods with 405 and the Allow of the resource', async () => {
    const api = await request('PROPFIND', '/api/posts');
    expectProblem(api, 405);
    expect(api.headers.allow).toBe('GET, HEAD, OPTIONS');
    const page = await request('OPTIONS', '/posts/etags-explained');
    expectProblem(page, 405);
    expect(page.headers.allow).toBe('GET, HEAD');
  });

  it('answers OPTIONS * with 204 and the methods the server supports', async () => {
    const answer = await request('OPTIONS', '*');
    expect(answer.status).toBe(204);
    expect(answer.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
    expect(answer.body).toBe('');
  });

  it('answers a request target that is not a path (GET *, absolute-form) with 400, not a redirect to the named host', async () => {
    expectProblem(await request('GET', '*'), 400);
    expectProblem(await request('GET', 'http://evil.example/api/posts'), 400);
  });

  it('answers a multipart/form-data POST without a boundary with 400 problem+json', async () => {
    expectProblem(await request('POST', '/cms/login', { 'content-type': 'multipart/form-data' }, 'garbage'), 400);
    const page = await request('POST', '/posts/etags-explained', { 'content-type': 'multipart/form-data' }, 'garbage');
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
  });

  it.each([
    ['with a session cookie', '/cms/posts', { cookie: SESSION_COOKIE }],
    ['without a cookie', '/cms/login', {}],
  ] as const)('refuses a cross-origin Server Action POST %s with 403 problem+json and no build id', async (_label, target, extra) => {
    const fetchAction = await request(
      'POST',
      target,
      { origin: 'https://evil.example', 'next-action': ACTION_ID, 'content-type': 'text/plain;charset=UTF-8', ...extra },
      '["$@1"]',
    );
    expectProblem(fetchAction, 403);
    const formAction = await request(
      'POST',
      target,
      { origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=X', ...extra },
      '--X\r\nContent-Disposition: form-data; name="$ACTION_ID_abc"\r\n\r\n\r\n--X--\r\n',
    );
    expectProblem(formAction, 403);
  });
});

describe('next start: protocol routes ignore the React router headers', () => {
  it.each(['/api/posts', '/feed.xml'])('answers RSC: 1 on %s with the normal response, not a 307 to ?_rsc', async (target) => {
    const plain = await request('GET', target);
    const withRsc = await request('GET', target, { rsc: '1', 'next-router-state-tree': '%5B%22%22%5D', 'next-router-prefetch': '1' });
    expect(plain.status).toBe(200);
    expect(withRsc.status).toBe(200);
    expect(withRsc.headers.location).toBeUndefined();
    expect(withRsc.headers['content-type']).toBe(plain.headers['content-type']);
    expect(withRsc.headers.etag).toBe(plain.headers.etag);
    expect(withRsc.body).toBe(plain.body);
  });
});

describe('next start: page statuses on the wire', () => {
  // The proxy's gate (lib/site/page-gate.ts) decides them under plain `next start` too, where a
  // page's own notFound() would arrive after a 200 shell (vercel/next.js#98518).
  it('answers 404 for an unknown post, 308 for a former slug and 410 for a deleted post, HEAD alike', async () => {
    for (const method of ['GET', 'HEAD']) {
      const missing = await request(method, '/posts/no-such-post');
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
      const moved = await request(method, '/posts/etags-demystified');
      expect(moved.status).toBe(308);
      expect(moved.headers.location).toBe('/posts/etags-explained');
      expect((await request(method, '/tags/no-such-tag')).status).toBe(404);
      expect((await request(method, '/authors/no-such-author')).status).toBe(404);
    }
    const editor = await signIn(server.url, 'editor');
    const created = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title: 'Soon deleted', slug: 'soon-deleted', summary: 'A summary.', body: 'Body.', tags: '' },
      submit: { intent: 'publish' },
    });
    expect(created.outcome, created.messages.join(' | ') + created.fieldErrors.join(' | ')).toBe('redirected');
    expect((await request('GET', '/posts/soon-deleted')).status).toBe(200);
    const editPath = new URL(created.location!, server.url).pathname;
    const deleted = await submitForm(server.url, editPath, editor, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
    expect(deleted.outcome).toBe('redirected');
    const gone = await request('GET', '/posts/soon-deleted');
    expect(gone.status).toBe(410);
    expect(gone.body).toContain('was removed');
    expect((await request('HEAD', '/posts/soon-deleted')).status).toBe(410);
  });
});

// LIMITS.address in lib/auth/rate-limit.ts (a server-only module tests cannot import).
const ADDRESS_LIMIT = 30;

describe('next start: the client address for sign-in limits', () => {
  it('ignores a client-sent x-gazette-client-ip: forged addresses still count as one', async () => {
    // ADDRESS_LIMIT failures from one socket, each claiming another address and another
    // account (so the per-account limit never applies): the next attempt is refused all the same.
    const jar = new CookieJar();
    const attempt = (i: number) =>
      submitForm(server.url, '/cms/login', jar, {
        fields: { email: `nobody-${i}@test.gazette`, password: 'wrong-password-0' },
        headers: { 'x-gazette-client-ip': `203.0.113.${i}` },
      });
    for (let i = 0; i < ADDRESS_LIMIT; i++) await attempt(i);
    const refused = await attempt(ADDRESS_LIMIT);
    expect(refused.messages.join(' ')).toMatch(/Too many failed sign-ins/);
  }, 180_000);
});
