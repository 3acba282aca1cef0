// The database goes away under a running server (PostgreSQL behind a relay the test stops):
// cached public content keeps being served, uncached requests get 503 with Retry-After, the
// CMS says it cannot save and keeps the editor's text, and everything recovers without a
// restart when the database returns.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { createPgTestDatabase, type PgTestDatabase } from '../helpers/pg-test-db';
import { TEST_ACCOUNTS } from '../helpers/template-db';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn('[db-faults] skipped: set TEST_DATABASE_URL to a PostgreSQL database this test may create databases on (see README, test tiers)');

describe.skipIf(!url || !chromiumAvailable())('database outage', () => {
  let proxy: TcpProxy;
  let server: ChildServer;
  let browser: Browser;
  let db: PgTestDatabase | undefined;

  beforeAll(async () => {
    const base = new URL(url!);
    db = await createPgTestDatabase('faults');
    proxy = await startTcpProxy({ host: base.hostname, port: Number(base.port || 5432) });
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startChildServer({ DATABASE_URL: viaProxy.toString() });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await proxy?.close();
    await db?.drop();
  });

  it('serves cached content, answers 503 for the rest, keeps the editor\'s text, and recovers', async () => {
    const get = (p: string) => fetch(server.url + p);
    // Warm what readers will ask for during the outage.
    expect((await get('/api/posts/etags-explained')).status).toBe(200);
    expect((await get('/feed.xml')).status).toBe(200);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/cms/login`);
    await page.fill('#email', TEST_ACCOUNTS.editor.email);
    await page.fill('#password', TEST_ACCOUNTS.editor.password);
    await Promise.all([page.waitForURL(/\/cms$/), page.click('button[type=submit]')]);
    await page.goto(`${server.url}/cms/posts/new`);
    await page.fill('#title', 'Written during an outage');
    await page.fill('#slug', 'written-during-an-outage');
    await page.fill('#body', 'Every word of this must survive.');

    await proxy.stop();
    try {
      expect((await get('/api/posts/etags-explained')).status).toBe(200);
      expect((await get('/feed.xml')).status).toBe(200);
      const uncached = await get('/api/posts/http-caching-checklist');
      expect(uncached.status).toBe(503);
      expect(uncached.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(uncached.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(uncached.headers.get('cache-control')).toBe('no-store');
      expect((await get('/api/health')).status).toBe(503);

      await page.locator('main:visible button[value=save]').click();
      await expect.poll(() => page.locator('main:visible [role=status]').first().textContent(), { timeout: 20_000 }).toMatch(/database/i);
      expect(await page.locator('main:visible #body').inputValue()).toBe('Every word of this must survive.');
    } finally {
      await proxy.start();
    }

    await expect.poll(async () => (await get('/api/health')).status, { timeout: 20_000 }).toBe(200);
    expect((await get('/api/posts/http-caching-checklist')).status).toBe(200);
    await Promise.all([page.waitForURL(/saved=/), page.locator('main:visible button[value=save]').click()]);
    await context.close();
  });
});
