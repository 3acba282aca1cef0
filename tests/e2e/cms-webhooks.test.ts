// Webhook endpoints in Chromium (issue 14): with JavaScript, an admin creates an endpoint from the
// header's Webhooks link and sees its secret in place with a Copy button that fills the
// clipboard, never again after a reload; sends a test event and rotates the secret on its page,
// which update in place. With JavaScript off the same work goes through plain forms (the secret
// selectable as text, no Copy button), deliveries open as <details>, delete asks for a ticked box.
// Every screen fits 390 px without sideways scrolling.
//
// The server may reach 127.0.0.1 (WEBHOOK_ALLOW_PRIVATE) where this test's receiver listens, so
// the test events it sends stay on this machine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { shootAtWidths } from '../helpers/screens';
import { TEST_ACCOUNTS } from '../helpers/template-db';

describe.skipIf(!chromiumAvailable())('webhooks in the CMS, in Chromium', () => {
  let server: ChildServer;
  let browser: Browser;
  let receiver: http.Server;
  let hookUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gazette-hook`;
    server = await startChildServer({ WEBHOOK_ALLOW_PRIVATE: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  async function signedIn(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    contexts.push(context);
    if (options.javaScriptEnabled !== false) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(`${server.url}/cms`);
    await page.fill('#email', TEST_ACCOUNTS.admin.email);
    await page.fill('#password', TEST_ACCOUNTS.admin.password);
    await Promise.all([page.waitForURL(/\/cms$/), page.click('button[type=submit]')]);
    return page;
  }

  /** React has taken over the page (the Copy button, and forms answering in place, need it). */
  const hydrated = (page: Page) => page.waitForFunction(() => 'next' in window && document.readyState === 'complete');

  it('creates an endpoint with JavaScript: the secret in place with a Copy button, never again after a reload', async () => {
    const page = await signedIn();
    await Promise.all([page.waitForURL(/\/cms\/webhooks$/), page.getByRole('navigation', { name: 'CMS' }).getByRole('link', { name: 'Webhooks' }).click()]);
    await hydrated(page);
    // Answered in place: no page load (a form posted without JavaScript would load the next page).
    let loads = 0;
    page.on('load', () => loads++);
    const url = `${hookUrl}/with-a-rather/long/path/that/must/wrap/on/a/phone/screen/without/any/sideways/scrolling`;
    await page.getByLabel('URL').fill(url);
    await page.getByLabel('Description').fill('The partner mirror');
    await page.getByRole('checkbox', { name: 'post.published' }).check();
    await page.getByRole('checkbox', { name: 'event.deleted' }).check();
    await page.getByRole('button', { name: 'Create endpoint' }).click();

    const secretField = page.locator('input#new-secret');
    await secretField.waitFor({ timeout: 20_000 });
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(page.url()).not.toContain('whsec_');
    expect(loads).toBe(0);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Signing secret copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // The list shows the new endpoint (rendered again after the action), the form is empty again.
    const card = page.locator('.webhook-card', { hasText: url });
    await card.waitFor();
    expect(await card.textContent()).toContain('post.published');
    expect(await page.getByLabel('URL').inputValue()).toBe('');
    await shootAtWidths(page, 'cms-webhooks-created');

    await page.reload();
    expect(await page.locator('input#new-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    // Its page: a test event and a rotation, each answered in place.
    await Promise.all([page.waitForURL(/\/cms\/webhooks\/[0-9a-f-]{36}$/), card.getByRole('link').click()]);
    await hydrated(page);
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText(/Queued a test event/).waitFor();
    const testDelivery = page.locator('li.delivery', { hasText: 'webhook.test' });
    await testDelivery.first().waitFor();
    await testDelivery.first().locator('summary').click();
    await testDelivery.first().getByText(/webhook-id: msg_/).waitFor();

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = page.locator('input#rotated-secret');
    await rotated.waitFor({ timeout: 20_000 });
    expect(await rotated.inputValue()).toMatch(/^whsec_/);
    expect(await rotated.inputValue()).not.toBe(secret);
    await page.getByText(/The previous secret still signs every delivery too, until \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
    await shootAtWidths(page, 'cms-webhook-endpoint-rotated');
    await page.reload();
    expect(await page.locator('input#rotated-secret').count()).toBe(0);
  });

  it('works with JavaScript off: create, see the secret once as text, turn off, test event, log, delete', async () => {
    const page = await signedIn({ javaScriptEnabled: false });
    await page.goto(`${server.url}/cms/webhooks`);
    const url = `${hookUrl}/no-script`;
    await page.getByLabel('URL').fill(url);
    await page.getByRole('checkbox', { name: 'Every event' }).check();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Create endpoint' }).click()]);
    const secretField = page.locator('input#new-secret');
    await secretField.waitFor();
    expect(await secretField.inputValue()).toMatch(/^whsec_/);
    expect(await page.getByRole('button', { name: 'Copy' }).count()).toBe(0);
    expect(page.url()).toBe(`${server.url}/cms/webhooks`);
    await page.reload();
    expect(await page.locator('input#new-secret').count()).toBe(0);

    // A refusal keeps what was typed.
    await page.getByLabel('URL').fill(`${hookUrl}/no-events`);
    await page.getByLabel('Description').fill('Typed text stays');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Create endpoint' }).click()]);
    expect(await page.locator('#new-events-error').textContent()).toMatch(/Choose at least one event type/);
    expect(await page.getByLabel('Description').inputValue()).toBe('Typed text stays');

    await Promise.all([page.waitForURL(/\/cms\/webhooks\/[0-9a-f-]{36}$/), page.locator('.webhook-card', { hasText: url }).getByRole('link').click()]);
    const endpointPage = page.url();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Turn off' }).click()]);
    await page.getByText(/Turned off/).waitFor();
    expect(await page.getByRole('button', { name: 'Turn on' }).count()).toBe(1);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Send test event' }).click()]);
    await page.getByText(/Queued a test event/).waitFor();
    const delivery = page.locator('li.delivery', { hasText: 'webhook.test' }).first();
    await delivery.locator('summary').click();
    await delivery.getByText(/webhook-id: msg_/).waitFor();
    await shootAtWidths(page, 'cms-webhook-endpoint-no-js');

    await page.getByRole('checkbox', { name: /Yes, delete this endpoint/ }).check();
    await Promise.all([page.waitForURL(/\/cms\/webhooks\?deleted=/), page.getByRole('button', { name: 'Delete endpoint' }).click()]);
    await page.getByText(`Deleted the endpoint ${url}`).waitFor();
    expect(page.url()).not.toBe(endpointPage);
    await shootAtWidths(page, 'cms-webhooks-no-js');
  });
});
