// Staged edits and restore confirmation in Chromium, with JavaScript on and off: an edit of a
// published post stays out of the public API, the feeds and the page until "Publish update";
// restoring asks on a confirmation page that shows the diff, and for a published post stages.
// Screenshots (1280 and 390 px, neither scrolling sideways) go to test-results/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { shootAtWidths } from '../helpers/screens';
import { TEST_ACCOUNTS } from '../helpers/template-db';

describe.skipIf(!chromiumAvailable())('staged edits in Chromium', () => {
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

  async function signedIn(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/cms/login`);
    await page.fill('#email', TEST_ACCOUNTS.editor.email);
    await page.fill('#password', TEST_ACCOUNTS.editor.password);
    await Promise.all([page.waitForURL(/\/cms$/), page.click('button[type=submit]')]);
    return { context, page };
  }

  const publicJson = async (slug: string) => (await fetch(`${server.url}/api/posts/${slug}`)).json() as Promise<{ title: string; body?: string }>;
  const publicText = async (p: string) => (await fetch(`${server.url}${p}`)).text();

  for (const js of [true, false]) {
    const mode = js ? 'js' : 'nojs';
    it(`keeps a staged edit from the public until "Publish update", and restores only after confirming (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const { context, page } = await signedIn(js);
      const main = (sel: string) => page.locator(`main:visible ${sel}`);
      const slug = `staged-browser-${mode}`;
      await page.goto(`${server.url}/cms/posts/new`);
      await page.fill('#title', `Published title ${mode}`);
      await page.fill('#slug', slug);
      await page.fill('#body', 'The published body.');
      await Promise.all([page.waitForURL(/saved=publish/), main('button[value=publish]').click()]);
      await main('h1:has-text("Edit post")').waitFor();
      const editUrl = page.url().replace(/\?.*$/, '');
      expect((await publicJson(slug)).title).toBe(`Published title ${mode}`);

      // Save on a published post: staged.
      await main('#title').fill(`Staged title ${mode}`);
      await main('#body').fill('The staged body.');
      await Promise.all([page.waitForURL(/saved=staged/), main('button[value=save]').click()]);
      await expect.poll(() => main('.staged-banner').textContent()).toMatch(/has unpublished changes \(saved by Eddie Editor at .*\); the public sees the published version/);
      expect(await main('#title').inputValue()).toBe(`Staged title ${mode}`);
      await shootAtWidths(page, `staged-banner-${mode}`);

      // The public sees the published version: API, feeds, the page.
      expect((await publicJson(slug)).title).toBe(`Published title ${mode}`);
      for (const feed of ['/feed.xml', '/feed.json', '/atom.xml']) {
        const text = await publicText(feed);
        expect(text, feed).toContain(`Published title ${mode}`);
        expect(text, feed).not.toContain(`Staged title ${mode}`);
      }
      const reader = await context.newPage();
      await reader.goto(`${server.url}/posts/${slug}`);
      expect(await reader.locator('h1').first().textContent()).toBe(`Published title ${mode}`);

      // Preview shows the staged version.
      await reader.goto(`${editUrl}/preview`);
      expect(await reader.locator('main').textContent()).toContain('The staged body.');

      // The diff of the staged changes against the published version.
      await main('a:has-text("Compare the changes")').click();
      await page.waitForURL(/from=current&to=staged/);
      await expect.poll(() => main('.snapshot-diff').textContent()).toContain('+ Staged title');
      await shootAtWidths(page, `staged-diff-${mode}`);
      await page.goto(editUrl);

      await Promise.all([page.waitForURL(/saved=publish/), main('.staged-banner button[value=publish]').click()]);
      await expect.poll(() => main('.staged-banner').count()).toBe(0);
      expect((await publicJson(slug)).title).toBe(`Staged title ${mode}`);
      expect(await publicText('/feed.xml')).toContain(`Staged title ${mode}`);
      await reader.goto(`${server.url}/posts/${slug}`);
      expect(await reader.locator('h1').first().textContent()).toBe(`Staged title ${mode}`);

      // Restore version 1: the revision page only links to the confirmation, which shows the diff.
      await page.goto(`${editUrl}/revisions`);
      expect(await main('table').textContent()).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
      await main('tr:has(td:text-is("1")) a:has-text("View and restore")').click();
      await main('a:has-text("Restore version 1")').click();
      await page.waitForURL(/\/restore$/);
      expect(await main('h1').textContent()).toContain('Restore version 1');
      expect(await main('.snapshot-diff').textContent()).toContain('+ Published title');
      expect((await publicJson(slug)).title).toBe(`Staged title ${mode}`);
      await shootAtWidths(page, `restore-confirm-${mode}`);
      await Promise.all([page.waitForURL(/saved=restore-staged/), main('button:has-text("Yes, restore version 1")').click()]);
      // Staged, not live: the form shows version 1, the public keeps the published update.
      await expect.poll(() => main('#title').inputValue()).toBe(`Published title ${mode}`);
      expect(await main('.staged-banner').count()).toBe(1);
      expect((await publicJson(slug)).title).toBe(`Staged title ${mode}`);
      await context.close();
    });
  }
});
