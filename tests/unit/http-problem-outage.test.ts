import { describe, expect, it, vi } from 'vitest';

vi.mock('@/db/health', () => ({ checkDatabase: vi.fn(async () => ({ ok: true, driver: 'pglite', latencyMs: 1 })) }));

const { checkDatabase } = await import('@/db/health');
const { isDatabaseOutage } = await import('@/db/outage');
const { problem, toResponse, HttpError } = await import('@/lib/http/problem');
const { failureAnswer } = await import('@/lib/http/public-route');
const { failureOf, ActionRefusal } = await import('@/lib/cms/refusals');

describe('the problem builder', () => {
  it('builds the whole answer: status, problem+json, cache policy, headers and body', () => {
    const answer = problem(405, 'POST is not supported here.', { headers: { allow: 'GET, HEAD' } });
    expect(answer.status).toBe(405);
    expect(answer.headers).toMatchObject({ 'content-type': 'application/problem+json', allow: 'GET, HEAD' });
    expect(answer.headers['cache-control']).toMatch(/^public, max-age=30/);
    expect(JSON.parse(answer.body)).toEqual({ type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: 'POST is not supported here.' });
  });

  it('never stores a 5xx, says nosniff when asked, and leaves the body off a HEAD response', async () => {
    const answer = problem(500, undefined, { nosniff: true });
    expect(answer.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect(JSON.parse(answer.body)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    expect(await toResponse(answer, 'HEAD').text()).toBe('');
    expect((await toResponse(answer).json()) as unknown).toMatchObject({ status: 500 });
  });

  it('titles every refusal Gazette sends by its RFC 9110 reason phrase, never "Error"', () => {
    const titles = [400, 401, 403, 404, 405, 406, 410, 413, 415, 416, 422, 500, 503].map((status) => (JSON.parse(problem(status).body) as { title: string }).title);
    expect(titles).toEqual([
      'Bad Request', 'Unauthorized', 'Forbidden', 'Not Found', 'Method Not Allowed', 'Not Acceptable', 'Gone',
      'Content Too Large', 'Unsupported Media Type', 'Range Not Satisfiable', 'Unprocessable Content', 'Internal Server Error', 'Service Unavailable',
    ]);
  });

  it('turns an HttpError into the same answer, with its extensions', () => {
    const err = new HttpError(400, 'Invalid query parameter: limit.', { 'invalid-params': [{ name: 'limit', reason: 'too big' }] });
    expect(JSON.parse(err.answer().body)).toMatchObject({ status: 400, 'invalid-params': [{ name: 'limit' }] });
  });
});

describe('isDatabaseOutage', () => {
  it('recognises driver outages and a closed embedded database without asking the database', async () => {
    expect(await isDatabaseOutage(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(await isDatabaseOutage(new Error('Failed query', { cause: new Error('PGlite is closed') }))).toBe(true);
    expect(await isDatabaseOutage(new Error('Database not open'))).toBe(true);
    expect(checkDatabase).not.toHaveBeenCalled();
  });

  it('asks the database (bounded select 1) when the error alone does not tell', async () => {
    expect(await isDatabaseOutage(new Error('opaque digest 123'))).toBe(false);
    vi.mocked(checkDatabase).mockResolvedValueOnce({ ok: false });
    expect(await isDatabaseOutage(new Error('opaque digest 123'))).toBe(true);
    expect(checkDatabase).toHaveBeenCalledWith(1000);
  });
});

describe('failures outside the public routes use the one outage test', () => {
  const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => {});

  it('answers an outage with 503 and Retry-After, anything else with a 500 that carries nothing internal', async () => {
    const log = quiet();
    const down = await failureAnswer(new Error('Failed query', { cause: new Error('PGlite is closed') }), isDatabaseOutage, { detail: 'Uploads are unavailable.', retryAfter: 60 });
    expect(down.status).toBe(503);
    expect(down.headers).toMatchObject({ 'retry-after': '60', 'cache-control': 'no-store', 'content-type': 'application/problem+json' });
    expect(JSON.parse(down.body)).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Uploads are unavailable.' });
    const bug = await failureAnswer(new TypeError('secret internals at foo.ts:12'), isDatabaseOutage);
    expect(bug.status).toBe(500);
    expect(bug.body).not.toMatch(/secret|foo\.ts|TypeError/);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('classifies a CMS failure: a refusal, an outage (a closed embedded database too), or a bug', async () => {
    const log = quiet();
    expect(await failureOf(new ActionRefusal('conflict', 'Changed by someone else.'), 'test')).toMatchObject({ kind: 'refused', status: 'conflict' });
    expect(await failureOf(new Error('x', { cause: new Error('PGlite is closed') }), 'test')).toEqual({ kind: 'outage' });
    expect(await failureOf(new Error('x', { cause: { code: '23505', constraint: 'posts_slug_unique' } }), 'test')).toMatchObject({ kind: 'refused', fieldErrors: { slug: 'Another post already uses this slug.' } });
    expect(await failureOf(new Error('boom'), 'test')).toEqual({ kind: 'unexpected' });
    log.mockRestore();
  });
});
