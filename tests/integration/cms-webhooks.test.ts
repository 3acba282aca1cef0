// Webhook endpoints in the CMS over HTTP, as a browser without JavaScript sends the forms (issue
// 14): an admin creates one and sees its secret once (the next view does not show it); bad URLs,
// private addresses and no event types are field errors that write nothing; edit, turn off and
// on (clearing Gazette's own reason), rotate (the page says until when the old secret signs),
// delete; the delivery log shows what a publish queued and each attempt (the response as text);
// redeliver and the test event reset or add rows; editors are refused every page and action; and
// hostile input (forged ids, huge fields) never answers 500.
//
// The server allows exactly one private address, 127.0.0.2 (WEBHOOK_ALLOW_PRIVATE), where nothing
// listens: endpoints there are valid, and a delivery attempt to them fails at once on this machine
// (nothing leaves it). 127.0.0.1 and every other private address stay refused.
import * as cheerio from 'cheerio';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { signIn, submitForm, type CookieJar, type FormResult } from '../helpers/cms-client';

const RECEIVER = 'http://127.0.0.2:9/gazette-hook';

let server: TestServer;
let admin: CookieJar;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE: '127.0.0.2' });
  admin = await signIn(server.url, 'admin');
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.handle.db;
const get = (p: string, jar: CookieJar | null = admin) => fetch(server.url + p, { redirect: 'manual', headers: jar ? { cookie: jar.header() } : {} });
const said = (res: FormResult) => `${res.messages.join(' | ')} || ${res.fieldErrors.join(' | ')}`;

/** The new-endpoint form. Ticked event boxes travel as one comma-joined value here (the action joins repeated fields the same way). */
const create = (fields: Record<string, string | null>, jar?: CookieJar) =>
  submitForm(server.url, '/cms/webhooks', admin, { form: 'form[aria-label="New endpoint"]', fields, headers: jar ? { cookie: jar.header() } : undefined });

const onPage = (id: string, form: string, fields: Record<string, string | null> = {}, options: { submit?: Record<string, string>; jar?: CookieJar; query?: string } = {}) =>
  submitForm(server.url, `/cms/webhooks/${id}${options.query ?? ''}`, admin, { form: `form[aria-label="${form}"]`, fields, submit: options.submit, headers: options.jar ? { cookie: options.jar.header() } : undefined });

const endpointCount = async () => (await db().select({ n: count() }).from(webhookEndpoints))[0]!.n;
const endpointRow = async (id: string) => (await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0];
const byUrl = async (url: string) => (await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.url, url)))[0];

async function newEndpoint(url: string, events = 'post.published', extra: Record<string, string | null> = {}) {
  const res = await create({ url, description: `Receiver at ${url}`, events, ...extra });
  expect(res.outcome, said(res)).toBe('flashed');
  expect(res.fieldErrors, said(res)).toEqual([]);
  const row = await byUrl(url);
  expect(row, said(res)).toBeDefined();
  return { res, row: row! };
}

/** Next's not-found answer: the page streams, so the status is set before notFound() runs. */
async function expectNotFound(path: string) {
  const html = await (await get(path)).text();
  expect(html, path).toContain('NEXT_HTTP_ERROR_FALLBACK;404');
  expect(html, path).not.toContain('Signing secret');
}

async function publishPost(slug: string) {
  const res = await submitForm(server.url, '/cms/posts/new', editor, {
    fields: { title: `Title of ${slug}`, slug, summary: 'A summary.', body: `Body of ${slug}.`, tags: 'webhooks' },
    submit: { intent: 'publish' },
  });
  expect(res.outcome, said(res)).toBe('redirected');
}

describe('creating an endpoint', () => {
  it('is linked from the header for admins only', async () => {
    expect(await (await get('/cms')).text()).toContain('href="/cms/webhooks"');
    expect(await (await get('/cms', editor)).text()).not.toContain('href="/cms/webhooks"');
  });

  it('creates an endpoint and shows its secret once: the next view of any page does not', async () => {
    const { res, row } = await newEndpoint(`${RECEIVER}/created`, 'post.published,event.deleted');
    expect(res.messages.join(' ')).toMatch(/Created the endpoint/);
    const $ = cheerio.load(res.html);
    const shown = $('input#new-secret').attr('value');
    expect(shown).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(shown).toBe(row.secret);
    expect($('label[for=new-secret]').text()).toBe('Signing secret');
    expect(res.location ?? '').not.toContain('whsec_');
    expect(row).toMatchObject({ url: `${RECEIVER}/created`, description: `Receiver at ${RECEIVER}/created`, eventTypes: ['post.published', 'event.deleted'], enabled: true, previousSecret: null });
    // The list names it, its events and state; the link goes to its page.
    expect($(`.webhook-card a[href="/cms/webhooks/${row.id}"]`).text()).toBe(`${RECEIVER}/created`);

    // Never again: not on the list, not on its page.
    for (const page of ['/cms/webhooks', `/cms/webhooks/${row.id}`]) {
      const html = await (await get(page)).text();
      expect(html, page).not.toContain(row.secret);
      expect(html, page).not.toMatch(/value="whsec_/);
    }
    const list = cheerio.load(await (await get('/cms/webhooks')).text());
    const card = list('.webhook-card').filter((_, e) => list(e).find('h2').text() === `${RECEIVER}/created`);
    expect(card.text()).toContain('post.published');
    expect(card.text()).toContain('event.deleted');
    expect(card.text()).toMatch(/On/);
    expect(card.text()).toContain('No deliveries yet.');
  });

  it('stores the catch-all alone, and an endpoint made off stays off', async () => {
    const { row } = await newEndpoint(`${RECEIVER}/everything`, '*,post.updated', { enabled: null });
    expect(row.eventTypes).toEqual(['*']);
    expect(row.enabled).toBe(false);
    const html = await (await get('/cms/webhooks')).text();
    expect(html).toContain('every event');
    // Its deliveries are held while it is off, and its page says so.
    const queued = await onPage(row.id, 'Send a test event');
    expect(queued.messages.join(' ')).toMatch(/The endpoint is off: it waits until you turn the endpoint on/);
    expect(cheerio.load(queued.html)('main').text()).toContain('While the endpoint is off, deliveries waiting to be sent are held');
  });

  it.each([
    ['a URL that is not one', 'not a url', /http:\/\/ or https:\/\//],
    ['another scheme', 'ftp://files.example.com/hook', /http:\/\/ or https:\/\//],
    ['a javascript: URL', 'javascript:alert(1)', /http:\/\/ or https:\/\//],
    ['credentials in the URL', 'https://user:secret@127.0.0.2/hook', /no user name or password/],
    ['a blank URL', '   ', /Enter the URL/],
    ['a URL over 2,000 characters', `${RECEIVER}/${'a'.repeat(2001)}`, /limited to 2,000 characters/],
  ])('refuses %s with a field error, writing nothing', async (_name, url, message) => {
    const before = await endpointCount();
    const res = await create({ url, description: 'Kept as typed', events: 'post.published' });
    expect(res.outcome).toBe('flashed');
    expect(res.fieldErrors.join(' | ')).toMatch(message);
    expect(res.html).toContain('Kept as typed');
    expect(res.html).not.toMatch(/value="whsec_/);
    expect(await endpointCount()).toBe(before);
  });

  // The address policy (lib/webhooks/address-policy.ts) refuses these without the allowlist.
  it.each(['http://127.0.0.1/hook', 'http://10.0.0.1/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/hook'])('refuses the private address %s with a field error', async (url) => {
    const before = await endpointCount();
    const res = await create({ url, description: '', events: 'post.published' });
    expect(res.outcome).toBe('flashed');
    const $ = cheerio.load(res.html);
    expect($('#new-url-error').text()).not.toBe('');
    expect($('#new-url').attr('aria-invalid')).toBe('true');
    expect(await endpointCount()).toBe(before);
  });

  it('asks for at least one known event type', async () => {
    const before = await endpointCount();
    const none = await create({ url: `${RECEIVER}/none`, description: '', events: null });
    expect(none.fieldErrors.join(' ')).toMatch(/Choose at least one event type/);
    const unknown = await create({ url: `${RECEIVER}/none`, description: '', events: 'post.exploded' });
    expect(unknown.fieldErrors.join(' ')).toMatch(/Unknown event type “post\.exploded”/);
    expect(await endpointCount()).toBe(before);
  });
});

describe('an endpoint', () => {
  it('is edited, turned off and on; turning on clears Gazette\'s own reason and failure', async () => {
    const { row } = await newEndpoint(`${RECEIVER}/edit-me`);
    const edited = await onPage(row.id, 'Endpoint settings', { url: `${RECEIVER}/edited`, description: 'Edited', events: 'changelog.published,changelog.deleted', enabled: null });
    expect(edited.outcome, said(edited)).toBe('flashed');
    expect(edited.messages.join(' ')).toMatch(/Saved the endpoint/);
    expect(await endpointRow(row.id)).toMatchObject({ url: `${RECEIVER}/edited`, description: 'Edited', eventTypes: ['changelog.published', 'changelog.deleted'], enabled: false, secret: row.secret });

    const on = await onPage(row.id, 'Turn the endpoint on', {}, { submit: { change: 'enable' } });
    expect(on.messages.join(' ')).toMatch(/Turned on/);
    expect((await endpointRow(row.id))!.enabled).toBe(true);
    const off = await onPage(row.id, 'Turn the endpoint off', {}, { submit: { change: 'disable' } });
    expect(off.messages.join(' ')).toMatch(/Turned off/);
    expect((await endpointRow(row.id))!.enabled).toBe(false);
    expect(cheerio.load(off.html)('main').text()).toMatch(/Off/);

    // Gazette turned it off (as the delivery worker does after a 410 or a day of failures).
    const failing = new Date('2026-11-30T08:00:00Z');
    await db().update(webhookEndpoints).set({ enabled: false, disabledReason: 'The receiver answered 410 Gone.', failingSince: failing }).where(eq(webhookEndpoints.id, row.id));
    for (const page of ['/cms/webhooks', `/cms/webhooks/${row.id}`]) {
      const text = cheerio.load(await (await get(page)).text())('main').text();
      expect(text, page).toContain('Disabled by Gazette');
      expect(text, page).toContain('The receiver answered 410 Gone.');
      // The editor's clock (UTC here: no profile zone, no browser cookie).
      expect(text, page).toContain('failing since 2026-11-30 08:00:00');
    }
    const back = await onPage(row.id, 'Turn the endpoint on', {}, { submit: { change: 'enable' } });
    expect(back.outcome, said(back)).toBe('flashed');
    expect(await endpointRow(row.id)).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });

    // The same through the settings form.
    await db().update(webhookEndpoints).set({ enabled: false, disabledReason: 'Failing for more than a day.', failingSince: failing }).where(eq(webhookEndpoints.id, row.id));
    const saved = await onPage(row.id, 'Endpoint settings', { enabled: 'on' });
    expect(saved.messages.join(' ')).toMatch(/on again/);
    expect(await endpointRow(row.id)).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it('refuses an edit to a private address, keeping the saved URL', async () => {
    const { row } = await newEndpoint(`${RECEIVER}/stays`);
    const res = await onPage(row.id, 'Endpoint settings', { url: 'http://169.254.169.254/latest/meta-data/' });
    expect(cheerio.load(res.html)('#edit-url-error').text()).not.toBe('');
    expect((await endpointRow(row.id))!.url).toBe(`${RECEIVER}/stays`);
  });

  it('rotates its secret: the new one is shown once, and the page says until when the old one signs', async () => {
    const { row } = await newEndpoint(`${RECEIVER}/rotate`);
    const res = await onPage(row.id, 'Rotate the signing secret');
    expect(res.outcome, said(res)).toBe('flashed');
    const after = (await endpointRow(row.id))!;
    const $ = cheerio.load(res.html);
    expect($('input#rotated-secret').attr('value')).toBe(after.secret);
    expect(after.secret).not.toBe(row.secret);
    expect(after.previousSecret).toBe(row.secret);
    const hours = (after.previousSecretExpiresAt!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const until = after.previousSecretExpiresAt!.toISOString().slice(0, 16).replace('T', ' ');
    expect(res.messages.join(' ')).toContain(`Until ${until}`);

    const again = cheerio.load(await (await get(`/cms/webhooks/${row.id}`)).text());
    expect(again.html()).not.toContain(after.secret);
    expect(again.html()).not.toContain(row.secret);
    expect(again('main').text()).toContain(`The previous secret still signs every delivery too, until ${until}`);
  });

  it('is deleted only with the box ticked, and its deliveries go with it', async () => {
    const { row } = await newEndpoint(`${RECEIVER}/delete-me`);
    await onPage(row.id, 'Send a test event');
    const unticked = await onPage(row.id, 'Delete the endpoint', { confirm: null });
    expect(unticked.fieldErrors.join(' ')).toMatch(/Tick the box/);
    expect(await endpointRow(row.id)).toBeDefined();
    const res = await onPage(row.id, 'Delete the endpoint', { confirm: 'yes' });
    expect(res.outcome, said(res)).toBe('redirected');
    expect(res.location).toContain('/cms/webhooks?deleted=');
    expect(await endpointRow(row.id)).toBeUndefined();
    expect((await db().select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, row.id)))[0]!.n).toBe(0);
    await expectNotFound(`/cms/webhooks/${row.id}`);
    const list = cheerio.load(await (await get(res.location!)).text())('main').text();
    expect(list).toContain(`Deleted the endpoint ${RECEIVER}/delete-me`);
  });
});

describe('the delivery log', () => {
  let endpoint: { id: string };
  let deliveryId: string;

  beforeAll(async () => {
    endpoint = (await newEndpoint(`${RECEIVER}/log`, 'post.published')).row;
    await publishPost('webhook-log-post');
    const [d] = await db().select().from(webhookDeliveries).where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.eventType, 'post.published')));
    expect(d).toBeDefined();
    deliveryId = d!.id;
  });

  const card = async (id: string) => {
    const $ = cheerio.load(await (await get(`/cms/webhooks/${endpoint.id}`)).text());
    return { $, el: $('li.delivery').filter((_, e) => $(e).text().includes(id)) };
  };

  it('lists what a publish queued, with its event, change-log position, status and attempts', async () => {
    const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
    expect(d!.changePosition).toBeGreaterThan(0);
    const { el } = await card(deliveryId);
    expect(el.length).toBe(1);
    const summary = el.find('summary').text();
    expect(summary).toContain('post.published');
    expect(summary).toContain(`position ${d!.changePosition}`);
    expect(summary).toMatch(/waiting|delivered|failed/);
    expect(summary).toMatch(/\d+ attempts?/);
    expect(el.text()).toContain(`webhook-id: ${deliveryId}`);
    // The list page's last delivery names it too.
    expect(await (await get('/cms/webhooks')).text()).toContain('post.published');
  });

  it('shows each attempt: time, HTTP status, duration, the response as text, the error', async () => {
    await db()
      .insert(webhookAttempts)
      .values([
        { deliveryId, startedAt: new Date('2026-11-30T09:15:00Z'), durationMs: 123, statusCode: 500, responseExcerpt: '<script>alert("excerpt")</script> Internal error' },
        { deliveryId, startedAt: new Date('2026-11-30T09:16:00Z'), durationMs: 15000, statusCode: null, error: 'Timed out after 15 s' },
      ]);
    const { $, el } = await card(deliveryId);
    const text = el.text();
    expect(text).toContain('2026-11-30 09:15:00');
    expect(text).toContain('HTTP 500');
    expect(text).toContain('123 ms');
    expect(text).toContain('Timed out after 15 s');
    expect(text).toContain('no answer');
    // Escaped: shown as text, never run.
    expect(el.find('pre.response-excerpt').text()).toBe('<script>alert("excerpt")</script> Internal error');
    expect($.html()).not.toContain('<script>alert("excerpt")');
  });

  it('redelivers a failed delivery with the same webhook-id, and refuses one still waiting', async () => {
    await db().update(webhookDeliveries).set({ status: 'failed', completedAt: new Date() }).where(eq(webhookDeliveries.id, deliveryId));
    const tried = async () => (await db().select({ n: count() }).from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)))[0]!.n;
    const triedBefore = await tried();
    const res = await onPage(endpoint.id, `Redeliver ${deliveryId}`);
    expect(res.outcome, said(res)).toBe('flashed');
    expect(res.messages.join(' ')).toContain(`Redelivering ${deliveryId}`);
    const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
    // Pending and due now, unless the worker has already made its new attempt (to a port where
    // nothing listens): either way the same row, the same webhook-id.
    if (d!.status === 'pending' && (await tried()) === triedBefore) {
      expect(d!.completedAt).toBeNull();
      expect(d!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    } else {
      expect(await tried()).toBeGreaterThan(triedBefore);
    }

  });

  it('refuses to redeliver a delivery still waiting to be sent', async () => {
    await db().update(webhookDeliveries).set({ status: 'pending', completedAt: null }).where(eq(webhookDeliveries.id, deliveryId));
    // A page opened before the worker took it up again: another delivery's form, naming this one.
    await db().insert(webhookDeliveries).values({ id: 'msg_failedearlier', endpointId: endpoint.id, eventType: 'post.published', changePosition: 1, payload: {}, status: 'failed', attempts: 3, createdAt: new Date('2021-01-01T00:00:00Z') });
    const res = await onPage(endpoint.id, 'Redeliver msg_failedearlier', { delivery: deliveryId });
    expect(res.outcome).toBe('flashed');
    expect(res.messages.join(' ')).toMatch(/still waiting to be sent/);
  });

  it('queues a test event that appears in the log', async () => {
    const tests = async () => (await db().select({ n: count() }).from(webhookDeliveries).where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.eventType, 'webhook.test'))))[0]!.n;
    const before = await tests();
    const res = await onPage(endpoint.id, 'Send a test event');
    expect(res.outcome, said(res)).toBe('flashed');
    expect(res.messages.join(' ')).toMatch(/Queued a test event \(msg_/);
    expect(await tests()).toBe(before + 1);
    const $ = cheerio.load(res.html);
    expect($('li.delivery summary').first().text()).toMatch(/webhook\.test · test event/);
  });

  it('pages by keyset, newest first', async () => {
    for (let i = 0; i < 21; i++) await db().insert(webhookDeliveries).values({ id: `msg_paging${String(i).padStart(3, '0')}`, endpointId: endpoint.id, eventType: 'post.updated', changePosition: 1, payload: {}, status: 'delivered', attempts: 1, createdAt: new Date(Date.UTC(2020, 0, 1, 0, i)) });
    const first = cheerio.load(await (await get(`/cms/webhooks/${endpoint.id}`)).text());
    const older = first('nav[aria-label="Pages of deliveries"] a').filter((_, a) => first(a).text().startsWith('Older')).attr('href');
    expect(older).toMatch(/\?after=/);
    const seen = first('li.delivery code').filter((_, c) => first(c).text().startsWith('webhook-id: ')).map((_, c) => first(c).text().slice(12)).get();
    const second = cheerio.load(await (await get(older!)).text());
    const more = second('li.delivery code').filter((_, c) => second(c).text().startsWith('webhook-id: ')).map((_, c) => second(c).text().slice(12)).get();
    expect(seen.length).toBe(20);
    expect(more.length).toBeGreaterThan(0);
    expect(more.filter((id) => seen.includes(id))).toEqual([]);
    // The oldest of them all is last.
    expect(more.at(-1)).toBe('msg_paging000');
  });
});

describe('access and hostile input', () => {
  it('refuses editors every page and every action, showing them nothing', async () => {
    const { row } = await newEndpoint(`${RECEIVER}/admins-only`);
    await onPage(row.id, 'Send a test event');
    const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, row.id));
    await db().update(webhookDeliveries).set({ status: 'failed' }).where(eq(webhookDeliveries.id, delivery!.id));
    for (const page of ['/cms/webhooks', `/cms/webhooks/${row.id}`]) {
      // The page streams (partial prerendering): the refusal is a redirect in the page (a meta
      // refresh, see proxy.ts), with none of the page's content.
      const res = await get(page, editor);
      const body = await res.text();
      expect(body, page).toContain('/cms?denied=admin');
      expect(body, page).not.toContain(RECEIVER);
      expect(body, page).not.toContain('New endpoint');
    }
    expect(await (await get('/cms?denied=admin', editor)).text()).toContain('That page is for admins.');
    // Visitors without a session go to sign in.
    expect((await get('/cms/webhooks', null)).headers.get('location')).toMatch(/\/cms\/login/);

    const before = { count: await endpointCount(), row: await endpointRow(row.id), deliveries: await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, row.id)) };
    const attempts: FormResult[] = [
      await create({ url: `${RECEIVER}/mallory`, description: '', events: '*' }, editor),
      await onPage(row.id, 'Endpoint settings', { url: `${RECEIVER}/mallory` }, { jar: editor }),
      await onPage(row.id, 'Turn the endpoint off', {}, { submit: { change: 'disable' }, jar: editor }),
      await onPage(row.id, 'Rotate the signing secret', {}, { jar: editor }),
      await onPage(row.id, 'Send a test event', {}, { jar: editor }),
      await onPage(row.id, `Redeliver ${delivery!.id}`, {}, { jar: editor }),
      await onPage(row.id, 'Delete the endpoint', { confirm: 'yes' }, { jar: editor }),
    ];
    for (const res of attempts) {
      expect(res.messages.join(' ')).toMatch(/Only an admin can do this/);
      expect(res.html).not.toMatch(/whsec_[A-Za-z0-9+/]{8}/);
    }
    expect(await endpointCount()).toBe(before.count);
    expect(await endpointRow(row.id)).toEqual(before.row);
    expect(await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, row.id))).toEqual(before.deliveries);
  });

  it('answers forged ids and huge fields with refusals, never a 500', async () => {
    const { row } = await newEndpoint(`${RECEIVER}/hostile`);
    // A delivery that can be redelivered, so the page has a redeliver form to forge.
    await db().insert(webhookDeliveries).values({ id: 'msg_hostilebase', endpointId: row.id, eventType: 'post.published', changePosition: 1, payload: {}, status: 'delivered', attempts: 1 });
    const before = await endpointRow(row.id);
    await expectNotFound('/cms/webhooks/not-a-uuid');
    await expectNotFound('/cms/webhooks/00000000-0000-4000-8000-000000000000');
    expect((await get(`/cms/webhooks/${row.id}?after=${'x'.repeat(5000)}`)).status).toBe(200);
    expect((await get(`/cms/webhooks/${row.id}?after=${Buffer.from('["not a time","msg_x"]').toString('base64url')}`)).status).toBe(200);

    const cases: [string, FormResult, RegExp][] = [
      ['id not a uuid', await onPage(row.id, 'Rotate the signing secret', { id: 'not-a-uuid' }), /does not name an endpoint/],
      ['unknown endpoint', await onPage(row.id, 'Send a test event', { id: '00000000-0000-4000-8000-000000000000' }), /no longer exists/],
      ['forged delivery', await submitForm(server.url, `/cms/webhooks/${row.id}`, admin, { form: 'form[aria-label^="Redeliver "]', fields: { delivery: 'msg_forged' } }), /no longer exists/],
      ['malformed delivery', await submitForm(server.url, `/cms/webhooks/${row.id}`, admin, { form: 'form[aria-label^="Redeliver "]', fields: { delivery: "'; drop table webhook_deliveries; --" } }), /does not name a delivery/],
      ['huge URL', await onPage(row.id, 'Endpoint settings', { url: `https://127.0.0.2/${'u'.repeat(300_000)}` }), /limited to 2,000 characters/],
      ['huge description', await create({ url: `${RECEIVER}/huge`, description: 'd'.repeat(600_000), events: '*' }), /limited to 500 characters/],
      ['huge events', await create({ url: `${RECEIVER}/huge`, description: '', events: 'post.published,'.repeat(20_000) }), /Too many event types/],
      ['a NUL in the description', await create({ url: `${RECEIVER}/nul`, description: 'a\u0000b', events: '*' }), /control characters/],
      ['an unknown field', await create({ url: `${RECEIVER}/extra`, description: '', events: '*', secret: 'whsec_mine' }), /does not know/],
      ['enabled not a checkbox value', await create({ url: `${RECEIVER}/odd`, description: '', events: '*', enabled: 'yes' }), /Tick the box/],
      ['an unknown toggle', await onPage(row.id, 'Turn the endpoint off', {}, { submit: { change: 'explode' } }), /Unknown change/],
    ];
    for (const [name, res, message] of cases) {
      expect(res.status, name).toBeLessThan(500);
      expect(said(res), name).toMatch(message);
    }
    // The forged delivery of another endpoint is not touched either.
    const other = (await newEndpoint(`${RECEIVER}/other`)).row;
    await onPage(other.id, 'Send a test event');
    const [theirs] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, other.id));
    await db().update(webhookDeliveries).set({ status: 'failed' }).where(eq(webhookDeliveries.id, theirs!.id));
    const cross = await submitForm(server.url, `/cms/webhooks/${row.id}`, admin, { form: 'form[aria-label^="Redeliver "]', fields: { delivery: theirs!.id } });
    expect(cross.messages.join(' ')).toMatch(/no longer exists/);
    expect((await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, theirs!.id)))[0]!.status).toBe('failed');
    expect(await endpointRow(row.id)).toEqual(before);
  });
});
