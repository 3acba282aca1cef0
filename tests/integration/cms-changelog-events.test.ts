// Changelog entries and events through their Server Actions over HTTP, and what readers and
// calendar apps see right after.
import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogEntries, events } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { signIn, submitForm, type CookieJar } from '../helpers/cms-client';

let server: TestServer;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer();
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
});
const get = (p: string) => fetch(server.url + p);

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

    const moved = await submitForm(server.url, `/cms/events/${row!.id}`, editor, { fields: { start: '2027-03-27T21:00' } });
    expect(moved.outcome, [...moved.messages, ...moved.fieldErrors].join(' | ')).toBe('redirected');
    v = await vevent(row!.uid);
    expect(v?.getFirstPropertyValue('sequence')).toBe(1);

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
