// A newcomer opens Gazette in a real browser and sees the demo posts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPosts } from '@/db/seed/content';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';

if (!chromiumAvailable()) console.warn('[e2e] skipped: /usr/bin/chromium is missing (apt-get install -y chromium)');

describe.skipIf(!chromiumAvailable())('the home page in Chromium', () => {
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

  const newest = seedPosts
    .filter((p) => p.status === 'published' && p.publishedAt)
    .sort((a, b) => (b.publishedAt! < a.publishedAt! ? -1 : 1))[0]!;

  for (const javaScriptEnabled of [true, false]) {
    it(`shows the latest demo posts with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const response = await page.goto(server.url + '/');
      expect(response?.status()).toBe(200);
      await expect.poll(() => page.locator('[data-testid="post-list"] li').count()).toBe(20);
      // Visible, not merely present: streamed content stays hidden without JavaScript.
      expect(await page.locator('[data-testid="post-list"] li').first().isVisible()).toBe(true);
      expect(await page.locator('h2').first().textContent()).toBe(newest.title);
      expect(await page.title()).toBe('Gazette');
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
