// Changelog entries and events through their Server Actions over HTTP, and what readers and
// calendar apps see right after.
import ICAL from 'ical.js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogEntries, events, revisions } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { signIn, submitForm, type CookieJar } from '../helpers/cms-client';

const CRON_SECRET = 'cron-secret-for-tests-0123456789';
let server: TestServer;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer({ CRON_SECRET });
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
});
const get = (p: string, headers: Record<string, string> = {}) => fetch(server.url + p, { headers, redirect: 'manual' });

describe('changelog entries', () => {
  it('publishing shows in the JSON Feed and RSS at once, with its category and version', async () => {
    await get('/api/changelog.json');
    const res = await submitForm(server.url, '/cms/changelog/new', editor, {
      fields: { title: 'Faster feeds', body: '- Feeds render *twice* as fast.', category: 'changed', productVersion: '9.9.0' },
      submit: { intent: 'publish' },
    });
    expect(res.outcome, [...res.messages, ...res.fieldErrors].join(' | ')).toBe('redirected');
    const feed = (await (await get('/api/changelog.json')).json()) as { items: { title: string; _gazette: { category: string; version: string } }[] };
    const item = feed.items.find((i) => i.title.includes('Faster feeds'));
    expect(item?._gazette).toEqual({ category: 'changed', version: '9.9.0' });
    expect(await (await get('/changelog.xml')).text()).toContain('Faster feeds');
  });

  it('shows on the dashboard beside events and posts: the newest of every type, linked to its form', async () => {
    const [entry] = await server.handle.db.select().from(changelogEntries).where(eq(changelogEntries.title, 'Faster feeds'));
    const html = await (await get('/cms', { cookie: editor.header() })).text();
    for (const title of ['Posts', 'Changelog', 'Events']) expect(html).toMatch(new RegExp(`<h2[^>]*><a href="/cms/[a-z]+">${title}</a></h2>`));
    expect(html).toContain(`href="/cms/changelog/${entry!.id}"`);
    expect(html).toMatch(/href="\/cms\/events\/[0-9a-f-]{36}"/);
    expect(html).toMatch(/href="\/cms\/posts\/[0-9a-f-]{36}"/);
  });

  it('refuses an unknown category and writes nothing', async () => {
    const before = (await server.handle.db.select().from(changelogEntries)).length;
    const res = await submitForm(server.url, '/cms/changelog/new', editor, { fields: { title: 'Bad', body: 'x', category: 'improved', productVersion: '' }, submit: { intent: 'publish' } });
    expect(res.outcome).toBe('flashed');
    expect(res.fieldErrors.length + res.messages.length).toBeGreaterThan(0);
    expect((await server.handle.db.select().from(changelogEntries)).length).toBe(before);
  });
});

describe('events', () => {
  const vevent = async (uid: string) => {
    const comp = new ICAL.Component(ICAL.parse(await (await get('/api/events.ics')).text()));
    return comp.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === uid);
  };

  it('keeps the UID, raises SEQUENCE on a time change, and cancels on delete — in the calendar at once', async () => {
    await get('/api/events.ics');
    const res = await submitForm(server.url, '/cms/events/new', editor, {
      fields: {
        title: 'Release party',
        description: 'Cake; speeches, and a demo',
        location: 'Kreuzberg, Berlin',
        url: '',
        timeZone: 'Europe/Berlin',
        start: '2027-03-27T20:00',
        end: '2027-03-28T06:00',
        status: 'confirmed',
      },
      submit: { intent: 'publish' },
    });
    expect(res.outcome, [...res.messages, ...res.fieldErrors].join(' | ')).toBe('redirected');
    const [row] = await server.handle.db.select().from(events).where(eq(events.title, 'Release party'));
    expect(row!.sequence).toBe(0);
    let v = await vevent(row!.uid);
    expect(v?.getFirstPropertyValue('sequence')).toBe(0);
    // Berlin switches to summer time that night: 20:00 CET = 19:00Z, 06:00 CEST = 04:00Z.
    expect((v!.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2027-03-27T19:00:00.000Z');
    expect((v!.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString()).toBe('2027-03-28T04:00:00.000Z');

    // Saving a published event stages the change: calendars keep the published copy...
    const moved = await submitForm(server.url, `/cms/events/${row!.id}`, editor, { fields: { start: '2027-03-27T21:00' } });
    expect(moved.outcome, [...moved.messages, ...moved.fieldErrors].join(' | ')).toBe('redirected');
    v = await vevent(row!.uid);
    expect(v?.getFirstPropertyValue('sequence')).toBe(0);
    expect((v!.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2027-03-27T19:00:00.000Z');
    // ...until the update is published: then SEQUENCE grows and the new time is there at once.
    const published = await submitForm(server.url, `/cms/events/${row!.id}`, editor, { form: '.staged-banner form:has(button[value="publish"])', submit: { intent: 'publish' } });
    expect(published.outcome, [...published.messages, ...published.fieldErrors].join(' | ')).toBe('redirected');
    expect(published.location).toContain('update=1');
    v = await vevent(row!.uid);
    expect(v?.getFirstPropertyValue('sequence')).toBe(1);
    expect((v!.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2027-03-27T20:00:00.000Z');

    const del = await submitForm(server.url, `/cms/events/${row!.id}`, editor, { form: 'form.danger-zone', fields: { confirm: 'yes' } });
    expect(del.outcome).toBe('redirected');
    v = await vevent(row!.uid);
    expect(v?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(v?.getFirstPropertyValue('sequence'))).toBeGreaterThanOrEqual(2);
  });

  it('refuses an end before the start and an unknown time zone, writing nothing', async () => {
    const before = (await server.handle.db.select().from(events)).length;
    for (const fields of [
      { timeZone: 'Europe/Berlin', start: '2027-05-02T10:00', end: '2027-05-02T09:00' },
      { timeZone: 'Mars/Olympus_Mons', start: '2027-05-02T10:00', end: '2027-05-02T11:00' },
    ]) {
      const res = await submitForm(server.url, '/cms/events/new', editor, {
        fields: { title: 'Broken', description: '', location: '', url: '', status: 'confirmed', ...fields },
        submit: { intent: 'publish' },
      });
      expect(res.outcome).toBe('flashed');
      expect(res.fieldErrors.length).toBeGreaterThan(0);
    }
    expect((await server.handle.db.select().from(events)).length).toBe(before);
  });
});

describe('event publication (the same model as posts)', () => {
  const uids = async () => {
    const comp = new ICAL.Component(ICAL.parse(await (await get('/api/events.ics')).text()));
    return comp.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')));
  };
  const said = (r: { messages: string[]; fieldErrors: string[] }) => [...r.messages, ...r.fieldErrors].join(' | ');

  it('is scheduled, goes live through the cron route (which requires the secret), and leaves the calendar when unpublished', async () => {
    await get('/api/events.ics'); // cached: each change below must invalidate it
    const at = new Date(Date.now() + 3 * 24 * 3600_000);
    at.setUTCSeconds(0, 0);
    const res = await submitForm(server.url, '/cms/events/new', editor, {
      fields: { title: 'Scheduled meetup', description: 'Talks.', location: 'Hamburg', url: '', timeZone: 'Europe/Berlin', start: '2031-09-01T18:00', end: '2031-09-01T21:00', status: 'confirmed', publishAt: at.toISOString().slice(0, 16) },
      submit: { intent: 'schedule' },
    });
    expect(res.outcome, said(res)).toBe('redirected');
    expect(res.location).toMatch(/\?saved=schedule/);
    let [row] = await server.handle.db.select().from(events).where(eq(events.title, 'Scheduled meetup'));
    expect(row!.publicationStatus).toBe('scheduled');
    expect(row!.publishedAt?.toISOString()).toBe(at.toISOString());
    // Not public before its time, and the scheduler leaves it alone.
    expect(await uids()).not.toContain(row!.uid);
    expect((await get(`/api/events/${row!.id}.ics`)).status).toBe(404);
    const early = await get('/api/cron/publish', { authorization: `Bearer ${CRON_SECRET}` });
    expect(await early.json()).toEqual({ published: 0 });
    expect(await uids()).not.toContain(row!.uid);

    // Its time comes (moved into the past rather than waited for).
    await server.handle.db.update(events).set({ publishedAt: new Date(Date.now() - 1000) }).where(eq(events.id, row!.id));
    expect((await get('/api/cron/publish')).status).toBe(401);
    expect((await get('/api/cron/publish', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect(await uids()).not.toContain(row!.uid);
    const run = await get('/api/cron/publish', { authorization: `Bearer ${CRON_SECRET}` });
    expect(run.status).toBe(200);
    expect(await run.json()).toEqual({ published: 1 });
    [row] = await server.handle.db.select().from(events).where(eq(events.id, row!.id));
    expect(row!.publicationStatus).toBe('published');
    expect(row!.version).toBe(2);
    const [rev] = await server.handle.db.select().from(revisions).where(and(eq(revisions.entityType, 'event'), eq(revisions.entityId, row!.id), eq(revisions.entityVersion, 2)));
    expect(rev?.note).toBe('published on schedule');
    expect(await uids()).toContain(row!.uid);
    expect((await get(`/api/events/${row!.id}.ics`)).status).toBe(200);

    // Unpublished: gone from the calendar (not sent as cancelled: it is a draft again).
    const off = await submitForm(server.url, `/cms/events/${row!.id}`, editor, { submit: { intent: 'unpublish' } });
    expect(off.outcome, said(off)).toBe('redirected');
    expect(off.location).toMatch(/\?saved=unpublish/);
    [row] = await server.handle.db.select().from(events).where(eq(events.id, row!.id));
    expect(row!.publicationStatus).toBe('draft');
    expect(row!.publishedAt).toBeNull();
    expect(await uids()).not.toContain(row!.uid);
    expect((await get(`/api/events/${row!.id}.ics`)).status).toBe(404);
  });

  it('refuses to schedule without a time in the future, writing nothing', async () => {
    const before = (await server.handle.db.select().from(events)).length;
    for (const publishAt of ['', '2020-01-01T00:00', 'soon', '2031-02-30T10:00']) {
      const res = await submitForm(server.url, '/cms/events/new', editor, {
        fields: { title: 'Never scheduled', timeZone: 'UTC', start: '2031-09-02T10:00', end: '2031-09-02T11:00', publishAt },
        submit: { intent: 'schedule' },
      });
      expect(res.outcome, publishAt).toBe('flashed');
      expect(res.fieldErrors.join(' '), publishAt).toMatch(/time in the future|date and time/i);
    }
    expect((await server.handle.db.select().from(events)).length).toBe(before);
  });
});
