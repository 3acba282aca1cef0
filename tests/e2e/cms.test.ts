// An editor in Chromium, with JavaScript on and off: sign in, write, publish, see it public;
// two editors at once get a conflict. Screenshots of the main screens go to test-results/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { shootAtWidths } from '../helpers/screens';
import { TEST_ACCOUNTS } from '../helpers/template-db';


describe.skipIf(!chromiumAvailable())('the CMS in Chromium', () => {
  let server: ChildServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startChildServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(javaScriptEnabled: boolean, who: keyof typeof TEST_ACCOUNTS = 'editor'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/cms`);
    expect(page.url()).toContain('/cms/login');
    await page.fill('#email', TEST_ACCOUNTS[who].email);
    await page.fill('#password', TEST_ACCOUNTS[who].password);
    await Promise.all([page.waitForURL(/\/cms$/), page.click('button[type=submit]')]);
    return { context, page };
  }

  for (const js of [true, false]) {
    const mode = js ? 'js' : 'nojs';
    it(`signs in, writes, previews and publishes a post, then sees it public (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const { context, page } = await signedIn(js);
      await shootAtWidths(page, `dashboard-${mode}`, [1280]);
      await page.goto(`${server.url}/cms/posts/new`);
      const slug = `browser-post-${mode}`;
      await page.fill('#title', `Browser post ${mode}`);
      await page.fill('#slug', slug);
      await page.fill('#summary', 'Written in a real browser.');
      await page.fill('#body', '## Hello\n\nA *post* from Chromium.\n\n- one\n- two');
      await page.fill('#tags', 'http');

      // A mistake first (one the browser's own validation does not catch): the error shows at
      // the field and nothing typed is lost.
      await page.fill('#tags', 'http, Not OK');
      await page.locator('button[value=publish]').click();
      await expect.poll(() => page.locator('.field-error').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/Tags use/)]));
      expect(await page.inputValue('#body')).toContain('A *post* from Chromium.');
      expect(await page.inputValue('#title')).toBe(`Browser post ${mode}`);
      await shootAtWidths(page, `post-error-${mode}`, [1280]);

      await page.fill('#tags', 'http');
      await page.locator('button:has-text("Preview")').click();
      await expect.poll(() => page.locator('.preview em').count()).toBe(1);
      expect(await page.inputValue('#title')).toBe(`Browser post ${mode}`);

      await Promise.all([page.waitForURL(/saved=publish/), page.locator('button[value=publish]').click()]);
      // Next keeps the previous page mounted but hidden (instant back navigation): look only at
      // what is visible.
      await expect.poll(() => page.locator('main:visible [role=status]').first().textContent()).toMatch(/Published/);
      await shootAtWidths(page, `post-editor-${mode}`, [1280]);

      const pub = await context.newPage();
      const res = await pub.goto(`${server.url}/posts/${slug}`);
      expect(res?.status()).toBe(200);
      expect(await pub.locator('h1').textContent()).toBe(`Browser post ${mode}`);
      const feed = await (await fetch(`${server.url}/feed.xml`)).text();
      expect(feed).toContain(`Browser post ${mode}`);
      await context.close();
    });
  }

  it('shows the second of two editors a conflict and keeps their text', async () => {
    const a = await signedIn(true, 'editor');
    const b = await signedIn(true, 'admin');
    const inA = (sel: string) => a.page.locator(`main:visible ${sel}`);
    const inB = (sel: string) => b.page.locator(`main:visible ${sel}`);
    await a.page.goto(`${server.url}/cms/posts/new`);
    await inA('#title').fill('Shared post');
    await inA('#slug').fill('shared-post');
    await Promise.all([a.page.waitForURL(/saved=/), inA('button[value=save]').click()]);
    await a.page.locator('main:visible h1:has-text("Edit post")').waitFor();
    const editUrl = a.page.url().replace(/\?.*$/, '');
    await b.page.goto(editUrl);
    await inA('#title').fill('Shared post — by Eddie');
    await inA('button[value=save]').click();
    await expect.poll(async () => (await inA('.meta').allTextContents()).join(' ')).toMatch(/version 2/);
    await inB('#body').fill('Text Ada typed and must not lose.');
    await inB('button[value=save]').click();
    await expect.poll(() => inB('[role=status]').first().textContent()).toMatch(/Eddie Editor changed this post/);
    expect(await inB('#body').inputValue()).toBe('Text Ada typed and must not lose.');
    await shootAtWidths(b.page, 'conflict', [1280]);
    await a.context.close();
    await b.context.close();
  });
});
