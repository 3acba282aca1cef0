// GET /api/changes against the production server (SPEC §8): the first sync from no cursor is the
// published content, then each change through the CMS appears with its kind; paging, the type
// filter (deletions kept), cursors checked strictly, immutable full pages and a revalidated head
// page, every HTTP rule of SPEC §3, and retention: pruneChangeLog and the 410 after it.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryCount } from '@/db/client';
import { changes, posts } from '@/db/schema';
import { encodeChangesCursor, SYNC_TYPES, type ChangeRecordDoc, type ChangesPageDoc } from '@/lib/api/changes';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { signIn, submitForm, type CookieJar } from '../helpers/cms-client';
import { changesPath, expectMirrorMatches, newMirror, readApiState, syncMirror } from './changes-helpers';

// The engine's modules guard against client bundles with `server-only`, which only resolves inside Next.
vi.mock('server-only', () => ({}));
type Engine = { pruneChangeLog: typeof import('@/lib/cms/change-log').pruneChangeLog; contentTypes: typeof import('@/lib/cms/registry').contentTypes; invalidateEverywhere: typeof import('@/lib/cache/invalidate').invalidateEverywhere };
let engine: Engine;

let server: TestServer;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer();
  // After the server: they load next/cache, which needs the request storage Next sets up.
  engine = {
    ...(await import('@/lib/cms/change-log')),
    ...(await import('@/lib/cms/registry')),
    ...(await import('@/lib/cache/invalidate')),
  };
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.handle.db;
const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers, redirect: 'manual' });
async function page(path: string, headers: Record<string, string> = {}) {
  const res = await get(path, headers);
  expect(res.status, path).toBe(200);
  return { res, body: (await res.json()) as ChangesPageDoc };
}
async function expectProblem(res: Response, status: number, param?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { status: number; detail: string; 'invalid-params'?: { name: string }[]; restart?: string };
  expect(body.status).toBe(status);
  if (param) expect(body['invalid-params']?.map((p) => p.name)).toContain(param);
  return body;
}
/** Follow the log from a cursor to the head; the records read. */
async function recordsAfter(cursor: string, type?: string): Promise<ChangeRecordDoc[]> {
  const out: ChangeRecordDoc[] = [];
  let next: string | null = cursor;
  while (next) {
    const { body } = await page(changesPath({ type, cursor: next }));
    out.push(...body.data);
    next = body.has_more ? body.next_cursor : null;
  }
  return out;
}
async function headCursor(type?: string): Promise<string> {
  const mirror = newMirror(type);
  await syncMirror(server.url, mirror, 500);
  return mirror.cursor!;
}
const said = (r: { messages: string[]; fieldErrors: string[] }) => [...r.messages, ...r.fieldErrors].join(' | ');
async function createPost(slug: string, intent = 'publish') {
  const res = await submitForm(server.url, '/cms/posts/new', editor, {
    fields: { title: `Title of ${slug}`, slug, summary: 'A summary.', body: `Body of ${slug}.`, tags: 'sync-tests' },
    submit: { intent },
  });
  expect(res.outcome, said(res)).toBe('redirected');
  return (await db().select().from(posts).where(eq(posts.slug, slug)))[0]!;
}
async function postForm(id: string, options: Parameters<typeof submitForm>[3]) {
  const res = await submitForm(server.url, `/cms/posts/${id}`, editor, options);
  expect(res.outcome, said(res)).toBe('redirected');
}

describe('the first sync', () => {
  it('knows exactly the registry\'s content types', () => {
    expect(engine.contentTypes().map((t) => t.name).sort()).toEqual([...SYNC_TYPES].sort());
  });

  it('is every published item of the demo content, as the read API serves it, in position order', async () => {
    const mirror = newMirror();
    const { pages, records } = await syncMirror(server.url, mirror);
    expect(pages).toBe(1);
    const api = await readApiState(server.url);
    expect(records).toBe(mirror.items.size);
    expectMirrorMatches(mirror.items, api);
    // 42 posts of which some are drafts, 17 changelog entries, 14 events: the snapshot has every published one.
    const count = async (table: string) => {
      const res = (await db().execute(sql.raw(`select count(*)::int as n from ${table} where deleted_at is null and ${table === 'events' ? 'publication_status' : 'status'} = 'published'`))) as unknown as { rows: { n: number }[] };
      return Number(res.rows[0]!.n);
    };
    const kinds = (t: string) => [...mirror.items.keys()].filter((k) => k.startsWith(`${t}:`)).length;
    expect(kinds('post')).toBe(await count('posts'));
    expect(kinds('changelog')).toBe(await count('changelog_entries'));
    expect(kinds('event')).toBe(await count('events'));
  });

  it('pages with small limits to the same result, each full page immutable with Link and next_cursor', async () => {
    const whole = newMirror();
    await syncMirror(server.url, whole, 500);
    for (const limit of [1, 7, 50]) {
      const mirror = newMirror();
      const { pages } = await syncMirror(server.url, mirror, limit);
      expect(pages).toBe(Math.ceil(whole.items.size / limit));
      expect(mirror.items).toEqual(whole.items);
      expect(mirror.cursor).toBe(whole.cursor);
    }
  });

  it('records carry the record shape: upserts with the document, at in ISO 8601', async () => {
    const { body } = await page('/api/changes?limit=3');
    expect(body.apiVersion).toBe(1);
    expect(body.data).toHaveLength(3);
    for (const r of body.data) {
      expect(r).toMatchObject({ position: expect.any(Number), type: expect.stringMatching(/^(post|changelog|event)$/), id: expect.any(String), change: 'published', op: 'upsert' });
      expect(new Date(r.at).toISOString()).toBe(r.at);
      expect(r.op === 'upsert' && r.document).toBeTruthy();
    }
    expect(body.links.self).toBe(`${server.url}/api/changes?limit=3`);
  });
});

describe('HTTP (SPEC §3)', () => {
  it('a head page: the list policy, ETag (no Last-Modified: it may change twice in a second), Vary, CORS; 304 on GET and HEAD', async () => {
    const cursor = await headCursor();
    const path = changesPath({ cursor });
    const { res, body } = await page(path);
    expect(body).toMatchObject({ data: [], has_more: false, next_cursor: cursor, links: { next: null } });
    expect(res.headers.get('cache-control')).toBe('public, max-age=30, s-maxage=60, stale-while-revalidate=3600, stale-if-error=86400');
    expect(res.headers.get('etag')).toMatch(/^W\/"/);
    expect(res.headers.get('last-modified')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Accept/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const etag = res.headers.get('etag')!;
    const notModified = await get(path, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('cache-control')).toBe(res.headers.get('cache-control'));
    const head = await fetch(server.url + path, { method: 'HEAD', headers: { 'if-none-match': etag } });
    expect(head.status).toBe(304);
    const headOk = await fetch(server.url + path, { method: 'HEAD' });
    expect(headOk.status).toBe(200);
    expect(headOk.headers.get('etag')).toBe(etag);
    expect(await headOk.text()).toBe('');
    // The first page of a first sync is a head page too: its H moves with every change.
    const first = await get('/api/changes?limit=2');
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=30/);
  });

  it('a full page: immutable, with an ETag that answers 304', async () => {
    const { body: next } = await page('/api/changes?limit=2');
    const full = await get(changesPath({ limit: 2, cursor: next.next_cursor }));
    expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await get(changesPath({ limit: 2, cursor: next.next_cursor }), { 'if-none-match': full.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('OPTIONS, CORS preflight, 405 with Allow, 406', async () => {
    const options = await fetch(`${server.url}/api/changes`, { method: 'OPTIONS', headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET' } });
    expect(options.status).toBe(204);
    expect(options.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    const post = await fetch(`${server.url}/api/changes`, { method: 'POST' });
    await expectProblem(post, 405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    await expectProblem(await get('/api/changes', { accept: 'text/html' }), 406);
  });

  it('400 names the parameter: limit out of range, unknown type or parameter, repeated', async () => {
    for (const [query, param] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['type=page', 'type'],
      ['types=post', 'types'],
      ['after=5', 'after'],
      ['limit=1&limit=2', 'limit'],
    ] as const) {
      await expectProblem(await get(`/api/changes?${query}`), 400, param);
    }
    expect((await get('/api/changes?limit=500')).status).toBe(200);
  });

  it('400 for a cursor it did not issue: malformed, forged JSON, past the head, another type', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const [headRow] = await db().select({ p: sql<string>`max(${changes.position})` }).from(changes);
    const head = Number(headRow!.p);
    const bad = [
      'not a cursor',
      'AAAA',
      b64({ v: 1 }),
      b64({ v: 2, p: 1 }),
      b64({ v: 1, p: -1 }),
      b64({ v: 1, p: 1.5 }),
      b64({ v: 1, p: '1' }),
      b64({ v: 1, p: 1, x: 1 }),
      b64({ v: 1, p: 5, h: 4 }),
      b64({ p: 1, v: 1 }), // not the canonical spelling
      `${encodeChangesCursor({ v: 1, p: 1 })}=`,
      encodeChangesCursor({ v: 1, p: head + 1000 }),
      encodeChangesCursor({ v: 1, p: 0, h: head + 1000 }),
      'x'.repeat(300),
    ];
    for (const cursor of bad) await expectProblem(await get(`/api/changes?cursor=${encodeURIComponent(cursor)}`), 400, 'cursor');
    // A cursor is bound to its type filter, both ways.
    const typed = encodeChangesCursor({ v: 1, p: 1, t: 'post' });
    await expectProblem(await get(`/api/changes?cursor=${typed}`), 400, 'cursor');
    await expectProblem(await get(`/api/changes?type=event&cursor=${typed}`), 400, 'cursor');
    await expectProblem(await get(`/api/changes?type=post&cursor=${encodeChangesCursor({ v: 1, p: 1 })}`), 400, 'cursor');
    expect((await get(`/api/changes?type=post&cursor=${typed}`)).status).toBe(200);
  });
});

describe('changes through the CMS', () => {
  it('publish, update, rename, unpublish, republish and delete each appear once, with the right kind', async () => {
    const cursor = await headCursor();
    const typedCursor = await headCursor('post');
    const eventCursor = await headCursor('event');
    const post = await createPost('sync-lifecycle');
    await postForm(post.id, { fields: { title: 'Renamed title' }, submit: { intent: 'publish' } });
    await postForm(post.id, { fields: { slug: 'sync-lifecycle-renamed' }, submit: { intent: 'publish' } });
    await postForm(post.id, { submit: { intent: 'unpublish' } });
    await postForm(post.id, { submit: { intent: 'publish' } });
    await postForm(post.id, { form: 'form.danger-zone', fields: { confirm: 'yes' } });

    const records = await recordsAfter(cursor);
    const mine = records.filter((r) => r.id === post.id);
    expect(mine.map((r) => [r.change, r.op, r.slug, r.previousSlug ?? null])).toEqual([
      ['published', 'upsert', 'sync-lifecycle', null],
      ['updated', 'upsert', 'sync-lifecycle', null],
      ['updated', 'upsert', 'sync-lifecycle-renamed', 'sync-lifecycle'],
      ['unpublished', 'delete', 'sync-lifecycle-renamed', null],
      ['published', 'upsert', 'sync-lifecycle-renamed', null],
      ['deleted', 'delete', 'sync-lifecycle-renamed', null],
    ]);
    const docs = mine.map((r) => (r.op === 'upsert' ? (r.document as { title: string; slug: string }) : null));
    expect(docs[1]).toMatchObject({ title: 'Renamed title', slug: 'sync-lifecycle' });
    expect(docs[2]).toMatchObject({ slug: 'sync-lifecycle-renamed', links: { self: `${server.url}/api/posts/sync-lifecycle-renamed` } });
    expect(mine[3]).not.toHaveProperty('document');
    // The type filter keeps this post's deletion and unpublishing, and nothing of other types.
    const typed = await recordsAfter(typedCursor, 'post');
    expect(typed.filter((r) => r.id === post.id).map((r) => r.change)).toEqual(mine.map((r) => r.change));
    expect(typed.every((r) => r.type === 'post')).toBe(true);
    // A filtered client at its head moves with the log, even when nothing of its type changed.
    const { body: eventsHead } = await page(changesPath({ type: 'event', cursor: eventCursor }));
    expect(eventsHead.data).toEqual([]);
    const lastPosition = mine.at(-1)!.position;
    const decoded = JSON.parse(Buffer.from(eventsHead.next_cursor, 'base64url').toString()) as { p: number; t: string };
    expect(decoded).toEqual({ v: 1, p: lastPosition, t: 'event' });
  });

  it('a deletion in the snapshot is no item: a new first sync leaves deleted and unpublished items out', async () => {
    const kept = await createPost('sync-kept');
    const dropped = await createPost('sync-dropped');
    await postForm(dropped.id, { submit: { intent: 'unpublish' } });
    const mirror = newMirror('post');
    await syncMirror(server.url, mirror, 10);
    expect(mirror.items.has(`post:${kept.id}`)).toBe(true);
    expect(mirror.items.has(`post:${dropped.id}`)).toBe(false);
    expectMirrorMatches(mirror.items, await readApiState(server.url), ['post']);
  });

  it('a change invalidates the head page at once, and a full page never changes', async () => {
    const cursor = await headCursor();
    const before = await page(changesPath({ cursor }));
    const post = await createPost('sync-invalidates');
    const after = await page(changesPath({ cursor }));
    expect(after.res.headers.get('etag')).not.toBe(before.res.headers.get('etag'));
    expect(after.body.data.map((r) => r.id)).toEqual([post.id]);
    // One record after the cursor: with limit=1 the page is full (more follows once another comes).
    const second = await createPost('sync-invalidates-2');
    const full = await page(changesPath({ limit: 1, cursor }));
    expect(full.body.has_more).toBe(true);
    await postForm(second.id, { fields: { title: 'Changed again' }, submit: { intent: 'publish' } });
    const same = await page(changesPath({ limit: 1, cursor }));
    expect(same.res.headers.get('etag')).toBe(full.res.headers.get('etag'));
    expect(same.body).toEqual(full.body);
  });

  it('the warm head page and its 304 run no database query', async () => {
    const cursor = await headCursor();
    const path = changesPath({ cursor });
    const cold = await get(path);
    await get('/api/changes?limit=5');
    const etag = cold.headers.get('etag')!;
    const before = queryCount();
    const warm = await get(path);
    const notModified = await get(path, { 'if-none-match': etag });
    const first = await get('/api/changes?limit=5');
    expect([warm.status, notModified.status, first.status]).toEqual([200, 304, 200]);
    expect(queryCount() - before).toBe(0);
  });
});

describe('the OpenAPI document', () => {
  type Doc = { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: object }> }> } }>; components: object; webhooks?: Record<string, unknown> };
  it('describes /api/changes with every status, real pages and problems conform, and has one webhook per event type', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as Doc;
    const responses = doc.paths['/api/changes']!.get.responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '304', '400', '405', '406', '410', '503']);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    const validate = (status: number, type: string, body: unknown) => {
      const schema = responses[String(status)]!.content![type]!.schema;
      const check = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
      expect(check(body) ? [] : check.errors, `${status}`).toEqual([]);
    };
    // The pages of a first sync: every document type.
    let cursor: string | null = null;
    for (;;) {
      const { body } = await page(changesPath({ limit: 200, cursor }));
      validate(200, 'application/json', body);
      if (!body.has_more) break;
      cursor = body.next_cursor;
    }
    // The whole log from its start: every kind of record.
    const { body: all } = await page(changesPath({ limit: 500, cursor: encodeChangesCursor({ v: 1, p: 0 }) }));
    expect(new Set(all.data.map((r) => r.change))).toEqual(new Set(['published', 'updated', 'unpublished', 'deleted']));
    validate(200, 'application/json', all);
    validate(400, 'application/problem+json', await (await get('/api/changes?limit=0')).json());
    expect(Object.keys(doc.webhooks ?? {}).sort()).toEqual([...SYNC_TYPES.flatMap((t) => ['deleted', 'published', 'unpublished', 'updated'].map((k) => `${t}.${k}`)), 'webhook.test'].sort());
  });
});

describe('retention', () => {
  it('prunes what no sync needs, keeps every page it can still serve, and answers 410 to older cursors', async () => {
    const oldHead = await headCursor();
    const oldSnapshot = (await page('/api/changes?limit=1')).body.next_cursor;
    const a = await createPost('sync-prune-a');
    await postForm(a.id, { fields: { title: 'A, updated' }, submit: { intent: 'publish' } });
    const b = await createPost('sync-prune-b');
    await postForm(b.id, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
    const horizonCursor = await headCursor();
    const c = await createPost('sync-prune-c');
    const log = await recordsAfter(oldHead);
    const [aPublished, aUpdated, bPublished, bDeleted, cPublished] = log.slice(-5);
    expect([aPublished, aUpdated, bPublished, bDeleted, cPublished].map((r) => `${r!.slug}:${r!.change}`)).toEqual([
      'sync-prune-a:published',
      'sync-prune-a:updated',
      'sync-prune-b:published',
      'sync-prune-b:deleted',
      'sync-prune-c:published',
    ]);
    // What a partner at the horizon reads, before pruning.
    const fromHorizon = await page(changesPath({ cursor: horizonCursor }));
    const firstSyncBefore = newMirror();
    await syncMirror(server.url, firstSyncBefore, 20);

    // Everything up to B's deletion is older than the retention period (90 days by default).
    await db().execute(sql`update ${changes} set at = at - interval '100 days' where position <= ${bDeleted!.position}`);
    const pruned = await engine.pruneChangeLog(db(), new Date());
    expect(pruned.horizon).toBe(bDeleted!.position);
    expect(pruned.deleted).toBeGreaterThanOrEqual(3);
    await engine.invalidateEverywhere(pruned.tags);
    const left = new Set((await db().select({ p: changes.position }).from(changes)).map((r) => r.p));
    expect([aPublished, aUpdated, bPublished, bDeleted, cPublished].map((r) => left.has(r!.position))).toEqual([false, true, false, false, true]);
    // Every published item keeps its latest upsert.
    const mirror = newMirror();
    await syncMirror(server.url, mirror, 20);
    expect(mirror.items).toEqual(firstSyncBefore.items);
    expectMirrorMatches(mirror.items, await readApiState(server.url));
    expect(mirror.items.has(`post:${a.id}`) && mirror.items.has(`post:${c.id}`) && !mirror.items.has(`post:${b.id}`)).toBe(true);

    // A cursor at the horizon reads what it read before; older ones (log or snapshot) are gone.
    const again = await page(changesPath({ cursor: horizonCursor }));
    expect(again.body).toEqual(fromHorizon.body);
    for (const cursor of [oldHead, oldSnapshot]) {
      const gone = await expectProblem(await get(changesPath({ cursor })), 410);
      expect(gone.detail).toMatch(/without a cursor/);
      expect(gone.restart).toBe(`${server.url}/api/changes`);
    }
    const typedGone = await expectProblem(await get(changesPath({ type: 'post', cursor: encodeChangesCursor({ v: 1, p: 1, t: 'post' }) })), 410);
    expect(typedGone.restart).toBe(`${server.url}/api/changes?type=post`);
    // Nothing new to prune: the horizon stays, nothing is deleted.
    expect(await engine.pruneChangeLog(db(), new Date())).toEqual({ horizon: pruned.horizon, deleted: 0, tags: [] });
  });

  it('keeps the head where it was when pruning deletes the last record of the log', async () => {
    const post = await createPost('sync-prune-last');
    await postForm(post.id, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
    const head = await headCursor();
    const { p } = JSON.parse(Buffer.from(head, 'base64url').toString()) as { p: number };
    await db().execute(sql`update ${changes} set at = at - interval '100 days'`);
    const pruned = await engine.pruneChangeLog(db(), new Date());
    await engine.invalidateEverywhere(pruned.tags);
    expect(pruned.horizon).toBe(p);
    const [last] = await db().select({ p: sql<string>`max(${changes.position})` }).from(changes);
    expect(Number(last!.p)).toBeLessThan(p);
    // A partner at the head stays there; a new first sync ends there, and its cursor works.
    const { body } = await page(changesPath({ cursor: head }));
    expect(body).toMatchObject({ data: [], has_more: false, next_cursor: head });
    const mirror = newMirror();
    await syncMirror(server.url, mirror, 100);
    expect(mirror.cursor).toBe(head);
    expectMirrorMatches(mirror.items, await readApiState(server.url));
  });
});
