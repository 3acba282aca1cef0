// Staged edits of published items, for every content type, over HTTP as a browser without
// JavaScript sends the forms: the public (API, feeds, calendar, pages) keeps the published
// version until the editor publishes the update or its scheduled time comes; preview shows the
// staged version; discard; stale forms; restore asks first, stages for a published item and
// writes a draft directly; revisions show seconds and editors and diff any two versions, the body
// or description included; bulk actions name the items whose staged edits go live. Table-driven
// over the content types (KINDS).
import * as cheerio from 'cheerio';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogEntries, events, posts, revisions, stagedEdits } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { signIn, submitForm, type CookieJar, type FormResult } from '../helpers/cms-client';

const CRON_SECRET = 'cron-secret-for-tests-0123456789';
let server: TestServer;
let editor: CookieJar;
let admin: CookieJar;
beforeAll(async () => {
  server = await startTestServer({ CRON_SECRET });
  [editor, admin] = [await signIn(server.url, 'editor'), await signIn(server.url, 'admin')];
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.handle.db;
const get = (p: string, headers: Record<string, string> = {}) => fetch(server.url + p, { headers, redirect: 'manual' });
const text = async (p: string) => (await get(p)).text();
const cms = async (p: string, jar = editor) => (await get(p, { cookie: jar.header() })).text();
const said = (r: FormResult) => [...r.messages, ...r.fieldErrors].join(' | ');
const cron = () => get('/api/cron/publish', { authorization: `Bearer ${CRON_SECRET}` });
// The item's own form (the banner's forms come first on the page).
const FORM = 'form.cms-form';
const BANNER = (intent: string) => `.staged-banner form:has(button[value="${intent}"])`;

interface Kind {
  name: 'post' | 'changelog' | 'event';
  segment: string;
  /** The create form's fields, with the title given. */
  fields: (title: string, n: number) => Record<string, string>;
  /** The long text field's name in the form. */
  textField: string;
  /** Where the public reads a published item (all warmed first, so a stale cache would show). */
  publicUrls: (id: string, n: number) => string[];
  row: (id: string) => Promise<{ title: string; version: number } | undefined>;
}

const month = (n: number) => String(((n - 1) % 12) + 1).padStart(2, '0');

const KINDS: Kind[] = [
  {
    name: 'post',
    segment: 'posts',
    fields: (title, n) => ({ title, slug: `staged-post-${n}`, summary: 'A summary.', body: 'First line.\nSecond line.', tags: 'staging' }),
    textField: 'body',
    publicUrls: (_id, n) => [`/api/posts/staged-post-${n}`, '/api/posts', '/feed.xml', '/feed.json', '/atom.xml', '/api/posts?tag=staging', `/posts/staged-post-${n}`, '/'],
    row: async (id) => (await db().select().from(posts).where(eq(posts.id, id)))[0],
  },
  {
    name: 'changelog',
    segment: 'changelog',
    fields: (title) => ({ title, body: 'First line.\nSecond line.', category: 'added', productVersion: '1.2.3' }),
    textField: 'body',
    publicUrls: () => ['/api/changelog.json', '/changelog.xml', '/changelog'],
    row: async (id) => (await db().select().from(changelogEntries).where(eq(changelogEntries.id, id)))[0],
  },
  {
    name: 'event',
    segment: 'events',
    fields: (title, n) => ({ title, description: 'First line.\nSecond line.', location: 'Berlin', url: '', timeZone: 'Europe/Berlin', start: `2031-${month(n)}-10T18:00`, end: `2031-${month(n)}-10T20:00`, status: 'confirmed' }),
    textField: 'description',
    publicUrls: (id) => ['/api/events', '/api/events.ics', `/api/events/${id}.ics`, '/events'],
    row: async (id) => (await db().select().from(events).where(eq(events.id, id)))[0],
  },
];

async function create(kind: Kind, title: string, n: number, intent = 'publish'): Promise<string> {
  const res = await submitForm(server.url, `/cms/${kind.segment}/new`, editor, { fields: kind.fields(title, n), submit: { intent } });
  expect(res.outcome, said(res)).toBe('redirected');
  const id = /\/cms\/[^/]+\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1];
  expect(id).toBeTruthy();
  return id!;
}

async function staged(kind: Kind, id: string) {
  return (await db().select().from(stagedEdits).where(and(eq(stagedEdits.entityType, kind.name), eq(stagedEdits.entityId, id))))[0];
}

async function everywhere(kind: Kind, id: string, n: number, check: (body: string, url: string) => void) {
  for (const url of kind.publicUrls(id, n)) check(await text(url), url);
}

describe.each(KINDS)('staged edits of a published $name', (kind) => {
  const n = KINDS.indexOf(kind) + 1;

  it('stay invisible to the API, feeds, calendar and pages until "Publish update", then show on the next GET', async () => {
    const id = await create(kind, `Live ${kind.name} title`, n);
    await everywhere(kind, id, n, (body, url) => expect(body, url).toContain(`Live ${kind.name} title`));
    const before = (await kind.row(id))!;

    const res = await submitForm(server.url, `/cms/${kind.segment}/${id}`, editor, { form: FORM, fields: { title: `Staged ${kind.name} title`, [kind.textField]: 'First line.\nA staged second line.' }, submit: { intent: 'save' } });
    expect(res.outcome, said(res)).toBe('redirected');
    expect(res.location).toContain('?saved=staged');
    // The public row is untouched: same title, same version.
    expect(await kind.row(id)).toMatchObject({ title: before.title, version: before.version });
    const edit = await staged(kind, id);
    expect(edit?.baseVersion).toBe(before.version);
    expect(edit?.editorName).toBe('Eddie Editor');
    await everywhere(kind, id, n, (body, url) => {
      expect(body, url).toContain(`Live ${kind.name} title`);
      expect(body, url).not.toContain(`Staged ${kind.name} title`);
    });

    // The editor sees the staged values and the banner saying what the public sees.
    const page = await cms(`/cms/${kind.segment}/${id}${res.location!.slice(res.location!.indexOf('?'))}`);
    expect(page).toContain(`value="Staged ${kind.name} title"`);
    expect(page).toMatch(/has unpublished changes \(saved by Eddie Editor at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(page).toContain('the public sees the published version');
    expect(page).toContain('Saved as unpublished changes');
    if (kind.name !== 'event') {
      const preview = await cms(`/cms/${kind.segment}/${id}/preview`);
      expect(preview).toContain('A staged second line.');
      expect(preview).toContain('unpublished changes');
    }
    // The diff link: published → staged, line by line.
    const diff = await cms(`/cms/${kind.segment}/${id}/revisions?from=current&to=staged`);
    expect(diff).toMatch(/− (<!-- -->)?Second line\./);
    expect(diff).toMatch(/\+ (<!-- -->)?A staged second line\./);

    const pub = await submitForm(server.url, `/cms/${kind.segment}/${id}`, editor, { form: BANNER('publish'), submit: { intent: 'publish' } });
    expect(pub.outcome, said(pub)).toBe('redirected');
    expect(await staged(kind, id)).toBeUndefined();
    const after = (await kind.row(id))!;
    expect(after.title).toBe(`Staged ${kind.name} title`);
    expect(after.version).toBeGreaterThan(before.version);
    await everywhere(kind, id, n, (body, url) => {
      expect(body, url).toContain(`Staged ${kind.name} title`);
      expect(body, url).not.toContain(`Live ${kind.name} title`);
    });
    const revs = await db().select().from(revisions).where(and(eq(revisions.entityType, kind.name), eq(revisions.entityId, id)));
    expect(revs.map((r) => r.note)).toEqual(expect.arrayContaining(['staged', 'published the staged changes']));
  });

  it('are discarded only with the confirmation, leaving the published version', async () => {
    const id = await create(kind, `Keep ${kind.name}`, n + 3);
    const res = await submitForm(server.url, `/cms/${kind.segment}/${id}`, editor, { form: FORM, fields: { title: `Throwaway ${kind.name}` }, submit: { intent: 'save' } });
    expect(res.outcome, said(res)).toBe('redirected');
    const refused = await submitForm(server.url, `/cms/${kind.segment}/${id}`, editor, { form: BANNER('discard'), fields: { confirm: null }, submit: { intent: 'discard' } });
    expect(refused.fieldErrors.join(' ')).toMatch(/confirm discarding/);
    expect(await staged(kind, id)).toBeDefined();
    const gone = await submitForm(server.url, `/cms/${kind.segment}/${id}`, editor, { form: BANNER('discard'), fields: { confirm: 'yes' }, submit: { intent: 'discard' } });
    expect(gone.outcome, said(gone)).toBe('redirected');
    expect(await staged(kind, id)).toBeUndefined();
    expect((await kind.row(id))!.title).toBe(`Keep ${kind.name}`);
    const page = await cms(`/cms/${kind.segment}/${id}`);
    expect(page).toContain(`value="Keep ${kind.name}"`);
    expect(page).not.toContain('staged-banner');
    // Editing goes on from there (the form's version follows the discard's revision).
    const again = await submitForm(server.url, `/cms/${kind.segment}/${id}`, editor, { form: FORM, fields: { title: `Keep ${kind.name} 2` }, submit: { intent: 'publish' } });
    expect(again.outcome, said(again)).toBe('redirected');
    expect((await kind.row(id))!.title).toBe(`Keep ${kind.name} 2`);
  });

  it('go live through the cron route when the update is scheduled', async () => {
    const id = await create(kind, `Before schedule ${kind.name}`, n + 6);
    await everywhere(kind, id, n + 6, () => undefined);
    const at = new Date(Date.now() + 2 * 24 * 3600_000);
    at.setUTCSeconds(0, 0);
    const res = await submitForm(server.url, `/cms/${kind.segment}/${id}`, editor, {
      form: FORM,
      fields: { title: `After schedule ${kind.name}`, publishAt: at.toISOString().slice(0, 16) },
      submit: { intent: 'schedule' },
    });
    expect(res.outcome, said(res)).toBe('redirected');
    expect((await staged(kind, id))?.publishAt?.toISOString()).toBe(at.toISOString());
    const page = await cms(`/cms/${kind.segment}/${id}${res.location!.slice(res.location!.indexOf('?'))}`);
    // The message names the time and how soon the scheduler (npm start's, once a minute) picks it up.
    expect(page).toContain(`Update scheduled: it goes live at ${at.toISOString().slice(0, 16).replace('T', ' ')}`);
    expect(page).toMatch(/once a minute/);
    expect(await (await cron()).json()).toEqual({ published: 0 });
    await everywhere(kind, id, n + 6, (body, url) => expect(body, url).not.toContain(`After schedule ${kind.name}`));

    // Its time comes (moved into the past rather than waited for).
    await db().update(stagedEdits).set({ publishAt: new Date(Date.now() - 1000) }).where(eq(stagedEdits.entityId, id));
    expect(await (await cron()).json()).toEqual({ published: 1 });
    expect(await staged(kind, id)).toBeUndefined();
    await everywhere(kind, id, n + 6, (body, url) => expect(body, url).toContain(`After schedule ${kind.name}`));
    const [last] = await db().select().from(revisions).where(and(eq(revisions.entityType, kind.name), eq(revisions.entityId, id))).orderBy(revisions.entityVersion).then((r) => r.slice(-1));
    expect(last).toMatchObject({ editorName: 'Scheduler', note: 'published the update scheduled by Eddie Editor' });
    expect(await (await cron()).json()).toEqual({ published: 0 });
  });

  it('refuse a stale form (another editor staged or published meanwhile) and overwrite nothing', async () => {
    const id = await create(kind, `Contested ${kind.name}`, n + 9);
    const opened = (await kind.row(id))!.version;
    const first = await submitForm(server.url, `/cms/${kind.segment}/${id}`, admin, { form: FORM, fields: { title: `Ada's staged ${kind.name}` }, submit: { intent: 'save' } });
    expect(first.outcome, said(first)).toBe('redirected');
    for (const intent of ['save', 'publish']) {
      const stale = await submitForm(server.url, `/cms/${kind.segment}/${id}`, editor, { form: FORM, fields: { title: `Eddie's ${kind.name}`, version: String(opened) }, submit: { intent } });
      expect(stale.outcome).toBe('flashed');
      expect(stale.messages.join(' ')).toMatch(/Ada Admin changed this .* after you opened it/);
      expect(stale.html).toContain(`Eddie&#x27;s ${kind.name}`);
    }
    expect((await staged(kind, id))?.snapshot).toMatchObject({ title: `Ada's staged ${kind.name}` });
    expect((await kind.row(id))!.title).toBe(`Contested ${kind.name}`);
    // The banner's buttons carry the version too.
    const stalePublish = await submitForm(server.url, `/cms/${kind.segment}/${id}`, editor, { form: BANNER('publish'), fields: { version: String(opened) }, submit: { intent: 'publish' } });
    expect(stalePublish.messages.join(' ')).toMatch(/after you opened it/);
    expect((await kind.row(id))!.title).toBe(`Contested ${kind.name}`);
  });
});

describe('staging checks what publishing would', () => {
  it('gives one of two concurrent staged saves a conflict, keeping the winner\'s edit', async () => {
    const id = await create(KINDS[0]!, 'Raced', 40);
    const [a, b] = await Promise.all([
      submitForm(server.url, `/cms/posts/${id}`, editor, { form: FORM, fields: { title: 'Staged by Eddie' }, submit: { intent: 'save' } }),
      submitForm(server.url, `/cms/posts/${id}`, admin, { form: FORM, fields: { title: 'Staged by Ada' }, submit: { intent: 'save' } }),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(['flashed', 'redirected']);
    const [winner, loser] = a.outcome === 'redirected' ? [a, b] : [b, a];
    expect(said(loser)).toMatch(/changed this post .* after you opened it|at the same moment/);
    expect((await staged(KINDS[0]!, id))?.snapshot).toMatchObject({ title: winner === a ? 'Staged by Eddie' : 'Staged by Ada' });
    expect(await kind0Row(id)).toMatchObject({ title: 'Raced' });
  });

  it('schedules and unschedules the update from the banner, in the editor\'s clock, refusing a past or malformed time', async () => {
    const id = await create(KINDS[1]!, 'Banner schedule', 43);
    await submitForm(server.url, `/cms/changelog/${id}`, editor, { form: FORM, fields: { title: 'Banner schedule, staged' }, submit: { intent: 'save' } });
    for (const publishAt of ['2001-01-01T09:00', '2031-01-15', 'soon']) {
      const bad = await submitForm(server.url, `/cms/changelog/${id}`, editor, { form: BANNER('schedule'), fields: { publishAt }, submit: { intent: 'schedule' } });
      expect(bad.outcome, publishAt).toBe('flashed');
      expect(bad.fieldErrors.join(' '), publishAt).toMatch(/future|like 2027-01-15T09:00/);
      expect((await staged(KINDS[1]!, id))?.publishAt, publishAt).toBeNull();
    }
    // The test editor has no zone of their own: the clock is UTC.
    const ok = await submitForm(server.url, `/cms/changelog/${id}`, editor, { form: BANNER('schedule'), fields: { publishAt: '2031-01-15T09:00' }, submit: { intent: 'schedule' } });
    expect(ok.outcome, said(ok)).toBe('redirected');
    expect((await staged(KINDS[1]!, id))?.publishAt?.toISOString()).toBe('2031-01-15T09:00:00.000Z');
    const page = await cms(`/cms/changelog/${id}`);
    expect(page).toContain('The update is scheduled to go live at 2031-01-15 09:00 UTC.');
    const off = await submitForm(server.url, `/cms/changelog/${id}`, editor, { form: BANNER('unschedule'), submit: { intent: 'unschedule' } });
    expect(off.outcome, said(off)).toBe('redirected');
    expect((await staged(KINDS[1]!, id))?.publishAt).toBeNull();
    expect(await KINDS[1]!.row(id)).toMatchObject({ title: 'Banner schedule' });
  });

  it('refuses a staged slug another post holds, at the field, writing nothing', async () => {
    await create(KINDS[0]!, 'Holder', 41);
    const id = await create(KINDS[0]!, 'Wants the slug', 42);
    const res = await submitForm(server.url, `/cms/posts/${id}`, editor, { form: FORM, fields: { slug: 'staged-post-41' }, submit: { intent: 'save' } });
    expect(res.outcome).toBe('flashed');
    expect(res.fieldErrors.join(' ')).toMatch(/slug/i);
    expect(await staged(KINDS[0]!, id)).toBeUndefined();
  });
});

describe('unpublishing and deleting a published item with staged edits', () => {
  it('unpublish folds the staged edits into the draft; delete drops them', async () => {
    const kind = KINDS[0]!;
    const id = await create(kind, 'Fold me', 20);
    await submitForm(server.url, `/cms/posts/${id}`, editor, { form: FORM, fields: { title: 'Folded title' }, submit: { intent: 'save' } });
    const un = await submitForm(server.url, `/cms/posts/${id}`, editor, { form: FORM, submit: { intent: 'unpublish' } });
    expect(un.outcome, said(un)).toBe('redirected');
    expect(await kind.row(id)).toMatchObject({ title: 'Folded title', status: 'draft' });
    expect(await staged(kind, id)).toBeUndefined();
    expect((await get('/api/posts/staged-post-20')).status).toBe(404);

    const id2 = await create(kind, 'Drop me', 21);
    await submitForm(server.url, `/cms/posts/${id2}`, editor, { form: FORM, fields: { title: 'Never public' }, submit: { intent: 'save' } });
    const page = await cms(`/cms/posts/${id2}`);
    expect(page).toContain('its unpublished changes are dropped too');
    const del = await submitForm(server.url, `/cms/posts/${id2}`, editor, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
    expect(del.outcome, said(del)).toBe('redirected');
    expect(await staged(kind, id2)).toBeUndefined();
    expect((await get('/api/posts/staged-post-21')).status).toBe(410);
  });
});

describe('bulk actions on items with staged edits', () => {
  const head = async (id: string) => Math.max(...(await db().select({ v: revisions.entityVersion }).from(revisions).where(eq(revisions.entityId, id))).map((r) => r.v));
  const confirmPath = async (intent: string, ids: string[]) => {
    const qs = new URLSearchParams({ intent });
    for (const id of ids) qs.append('item', `${id}.${await head(id)}`);
    return `/cms/posts/bulk?${qs}`;
  };

  it('name the items whose unpublished changes go live, on the confirmation and in the report', async () => {
    const kind = KINDS[0]!;
    const withStaged = await create(kind, 'Bulk live one', 70);
    const plain = await create(kind, 'Bulk live two', 71);
    const staging = await submitForm(server.url, `/cms/posts/${withStaged}`, editor, { form: FORM, fields: { title: 'Bulk staged title' }, submit: { intent: 'save' } });
    expect(staging.outcome, said(staging)).toBe('redirected');

    const path = await confirmPath('publish', [withStaged, plain]);
    const $ = cheerio.load(await cms(path));
    const items = $('main li').map((_, li) => $(li).text()).get();
    expect(items.find((t) => t.includes('Bulk live one'))).toContain('its unpublished changes go live');
    expect(items.find((t) => t.includes('Bulk live two'))).not.toContain('unpublished changes');
    expect($('main [role=note]').text()).toBe('These have unpublished changes, which go live too: “Bulk live one”.');

    const res = await submitForm(server.url, path, editor, { submit: { intent: 'publish' } });
    expect(said(res)).toContain('2 posts published. Their unpublished changes went live too: “Bulk live one”.');
    expect(await kind.row(withStaged)).toMatchObject({ title: 'Bulk staged title' });
    expect(await staged(kind, withStaged)).toBeUndefined();
    expect(await kind.row(plain)).toMatchObject({ title: 'Bulk live two' });
  });
});

const revsOf = (kind: Kind, id: string) => db().select().from(revisions).where(and(eq(revisions.entityType, kind.name), eq(revisions.entityId, id))).orderBy(revisions.entityVersion);

describe.each(KINDS)('restoring a revision of a $name', (kind) => {
  const n = 50 + KINDS.indexOf(kind);
  const base = (id: string) => `/cms/${kind.segment}/${id}`;

  it('asks on a confirmation page showing the diff; a published item gets it staged, the public keeps the live version', async () => {
    const id = await create(kind, `Old ${kind.name} headline`, n);
    const edited = await submitForm(server.url, base(id), editor, { form: FORM, fields: { title: `New ${kind.name} headline`, [kind.textField]: 'Rewritten text.' }, submit: { intent: 'publish' } });
    expect(edited.outcome, said(edited)).toBe('redirected');
    const [v1] = await revsOf(kind, id);

    // The revision page has no restore button that writes: only a link to the confirmation.
    const revPage = await cms(`${base(id)}/revisions/${v1!.id}`);
    expect(revPage).toContain(`${base(id)}/revisions/${v1!.id}/restore`);
    const confirm = await cms(`${base(id)}/revisions/${v1!.id}/restore`);
    expect(confirm).toContain('Restore version 1');
    expect(confirm).toContain('as unpublished changes');
    expect(confirm).toMatch(new RegExp(`− (<!-- -->)?New ${kind.name} headline`));
    expect(confirm).toMatch(new RegExp(`\\+ (<!-- -->)?Old ${kind.name} headline`));
    expect(confirm).toMatch(/− (<!-- -->)?Rewritten text\./);
    expect(confirm).toMatch(/\+ (<!-- -->)?Second line\./);

    // Without the confirmation the action refuses and writes nothing.
    const unasked = await submitForm(server.url, `${base(id)}/revisions/${v1!.id}/restore`, editor, { fields: { confirm: null } });
    expect(said(unasked)).toMatch(/confirmation page/);
    expect(await staged(kind, id)).toBeUndefined();

    const res = await submitForm(server.url, `${base(id)}/revisions/${v1!.id}/restore`, editor, {});
    expect(res.outcome, said(res)).toBe('redirected');
    expect(res.location).toContain('saved=restore-staged');
    expect(await kind.row(id)).toMatchObject({ title: `New ${kind.name} headline` });
    expect((await staged(kind, id))?.snapshot).toMatchObject({ title: `Old ${kind.name} headline` });
    await everywhere(kind, id, n, (body, url) => {
      expect(body, url).toContain(`New ${kind.name} headline`);
      expect(body, url).not.toContain(`Old ${kind.name} headline`);
    });
  });

  it('writes a draft directly, after the confirmation', async () => {
    const id = await create(kind, `Draft ${kind.name} one`, n + 5, 'save');
    const edited = await submitForm(server.url, base(id), editor, { form: FORM, fields: { title: `Draft ${kind.name} two` }, submit: { intent: 'save' } });
    expect(edited.outcome, said(edited)).toBe('redirected');
    const [v1] = await revsOf(kind, id);
    const confirm = await cms(`${base(id)}/revisions/${v1!.id}/restore`);
    expect(confirm).toContain('Restore version 1');
    expect(confirm).not.toContain('as unpublished changes');
    const res = await submitForm(server.url, `${base(id)}/revisions/${v1!.id}/restore`, editor, {});
    expect(res.outcome, said(res)).toBe('redirected');
    expect(await kind.row(id)).toMatchObject({ title: `Draft ${kind.name} one`, version: 3 });
    expect(await staged(kind, id)).toBeUndefined();
  });
});

describe('restoring a revision of a published post', () => {
  it('stages its former slug: the old URL keeps redirecting to the live one', async () => {
    const id = await create(KINDS[0]!, 'Old headline', 30);
    const renamed = await submitForm(server.url, `/cms/posts/${id}`, editor, { form: FORM, fields: { title: 'New headline', slug: 'staged-post-31', body: 'Rewritten body.' }, submit: { intent: 'publish' } });
    expect(renamed.outcome, said(renamed)).toBe('redirected');
    const [v1] = await revsOf(KINDS[0]!, id);
    const res = await submitForm(server.url, `/cms/posts/${id}/revisions/${v1!.id}/restore`, editor, {});
    expect(res.outcome, said(res)).toBe('redirected');
    expect(await kind0Row(id)).toMatchObject({ slug: 'staged-post-31', title: 'New headline' });
    expect((await staged(KINDS[0]!, id))?.snapshot).toMatchObject({ slug: 'staged-post-30', title: 'Old headline' });
    // The old slug still redirects to the live one; the live one shows the live title.
    const old = await get('/api/posts/staged-post-30');
    expect(old.status).toBe(308);
    expect(await text('/api/posts/staged-post-31')).toContain('New headline');
  });
});

const kind0Row = async (id: string) => (await db().select().from(posts).where(eq(posts.id, id)))[0];

describe.each(KINDS)('revisions of a $name', (kind) => {
  it('show the editor and the time to the second, and diff any two versions, the long text included', async () => {
    const base = `/cms/${kind.segment}`;
    const id = await create(kind, `Versioned ${kind.name}`, 60 + KINDS.indexOf(kind), 'save');
    const byAda = await submitForm(server.url, `${base}/${id}`, admin, { form: FORM, fields: { [kind.textField]: 'First line.\nChanged by Ada.' }, submit: { intent: 'save' } });
    expect(byAda.outcome, said(byAda)).toBe('redirected');
    const byEddie = await submitForm(server.url, `${base}/${id}`, editor, { form: FORM, fields: { title: `Versioned ${kind.name}, renamed` }, submit: { intent: 'save' } });
    expect(byEddie.outcome, said(byEddie)).toBe('redirected');
    const revs = await revsOf(kind, id);
    expect(revs).toHaveLength(3);
    const list = await cms(`${base}/${id}/revisions`);
    expect(list).toContain('Eddie Editor');
    expect(list).toContain('Ada Admin');
    expect(list.match(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g)?.length).toBeGreaterThanOrEqual(3);
    // The picker is a plain GET form with two choices per version.
    expect(list).toMatch(/<form[^>]*method="get"/);
    expect(list.match(/name="from"/g)?.length).toBe(4);
    // One version's own page: who saved it, to the second.
    expect(await cms(`${base}/${id}/revisions/${revs[1]!.id}`)).toMatch(/Saved by Ada Admin at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);

    // Version 1 against version 3: the title and the long text, line by line.
    const diff = await cms(`${base}/${id}/revisions?from=${revs[0]!.id}&to=${revs[2]!.id}`);
    expect(diff).toMatch(/− (<!-- -->)?Second line\./);
    expect(diff).toMatch(/\+ (<!-- -->)?Changed by Ada\./);
    expect(diff).toMatch(new RegExp(`\\+ (<!-- -->)?Versioned ${kind.name}, renamed`));
    // Version 2 against 3: only the title changed.
    const narrow = await cms(`${base}/${id}/revisions?from=${revs[1]!.id}&to=${revs[2]!.id}`);
    expect(narrow).toContain('Unchanged:');
    expect(narrow).not.toMatch(/[−+] (<!-- -->)?Changed by Ada\./);
    // Nonsense choices are a message, not an error page.
    const bad = await get(`${base}/${id}/revisions?from=nope&to=${revs[2]!.id}`, { cookie: editor.header() });
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain('choose another');
  });
});
