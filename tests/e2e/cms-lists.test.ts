// The posts list over 10,000 posts in Chromium: search, sort and keyset pages through the URL,
// and a bulk action through its one confirmation, with JavaScript on and off. Screenshots at
// 1280 and 390 px go to test-results/screenshots/.
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { seedSyntheticPosts } from '@/db/seed';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { shootAtWidths } from '../helpers/screens';
import { copyTemplate, TEST_ACCOUNTS } from '../helpers/template-db';

const POSTS = 10_000;

describe.skipIf(!chromiumAvailable())('the CMS lists in Chromium, over 10,000 posts', () => {
  let server: ChildServer;
  let browser: Browser;
  let cleanup: () => void;
  beforeAll(async () => {
    // The test database plus the benchmark's 10,000 posts (500 a batch), before the server opens it.
    const copy = copyTemplate();
    cleanup = copy.cleanup;
    const handle = await openDatabase({ driver: 'pglite', dataDir: copy.dataDir });
    try {
      await seedSyntheticPosts(handle.db, POSTS);
    } finally {
      await handle.close();
    }
    server = await startChildServer({ GAZETTE_DATA_DIR: copy.dataDir });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    cleanup?.();
  });

  async function signedIn(javaScriptEnabled: boolean, width = 1280): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/cms/login`);
    await page.fill('#email', TEST_ACCOUNTS.editor.email);
    await page.fill('#password', TEST_ACCOUNTS.editor.password);
    await Promise.all([page.waitForURL(/\/cms$/), page.click('button[type=submit]')]);
    return page;
  }

  const titles = (page: Page) => page.locator('.cms-table tbody tr td:nth-child(2) > a').allTextContents();

  it('searches, sorts and pages through the list, the query in the URL', async () => {
    const page = await signedIn(true);
    await page.goto(`${server.url}/cms/posts`);
    expect(await page.locator('.list-summary').textContent()).toMatch(/^More than 1,000 posts; showing 50\./);
    expect(await titles(page)).toHaveLength(50);
    await shootAtWidths(page, 'cms-list', [1280]);

    // A search: one post, found by the number in its title.
    await page.fill('input[name=q]', '4242');
    await Promise.all([page.waitForURL(/q=4242/), page.press('input[name=q]', 'Enter')]);
    expect(await titles(page)).toEqual(['Synthetic post number 4242']);
    expect(await page.locator('.list-summary').textContent()).toMatch(/^1 post match “4242”/);

    // Title A–Z, then three pages on and two back: each page new, and back where it was.
    await page.fill('input[name=q]', 'synthetic');
    await page.selectOption('select[name=sort]', 'title');
    await page.selectOption('select[name=dir]', 'asc');
    await Promise.all([page.waitForURL(/sort=title/), page.click('.list-search button[type=submit]')]);
    const pages: string[][] = [await titles(page)];
    // Each link's own URL is awaited (every next page's URL has an after= cursor).
    const follow = async (rel: 'next' | 'prev') => {
      const href = (await page.locator(`a[rel=${rel}]`).getAttribute('href'))!;
      await Promise.all([page.waitForURL(new URL(href, server.url).toString()), page.click(`a[rel=${rel}]`)]);
    };
    for (let i = 0; i < 3; i++) {
      await follow('next');
      pages.push(await titles(page));
    }
    const seen = pages.flat();
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
    expect(seen).toEqual([...seen].sort());
    await follow('prev');
    expect(page.url()).toMatch(/before=/);
    expect(await titles(page)).toEqual(pages[2]);
    await page.goBack();
    expect(await titles(page)).toEqual(pages[3]);
    await page.context().close();

    const narrow = await signedIn(true, 390);
    await narrow.goto(`${server.url}/cms/posts?q=synthetic&sort=title&dir=asc&size=10`);
    await shootAtWidths(narrow, 'cms-list', [390]);
    await narrow.context().close();
  });

  for (const js of [true, false]) {
    it(`unpublishes two posts in one bulk action through its confirmation (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const [a, b] = js ? [101, 102] : [201, 202];
      const api = (n: number) => `${server.url}/api/posts/synthetic-post-${String(n).padStart(6, '0')}`;
      // Public (and now in the cache) before.
      for (const n of [a, b]) expect((await fetch(api(n))).status).toBe(200);
      const page = await signedIn(js);
      await page.goto(`${server.url}/cms/posts?q=${encodeURIComponent(`"number ${a}" or "number ${b}"`)}&sort=title&dir=asc`);
      expect(await titles(page)).toEqual([`Synthetic post number ${a}`, `Synthetic post number ${b}`]);
      await page.check(`input[aria-label="Select “Synthetic post number ${a}”"]`);
      await page.check(`input[aria-label="Select “Synthetic post number ${b}”"]`);
      await Promise.all([page.waitForURL(/\/cms\/posts\/bulk\?/), page.click('button[name=intent][value=unpublish]')]);
      expect(await page.locator('h1').textContent()).toBe('Unpublish 2 posts?');
      expect(await page.locator('main li').allTextContents()).toEqual([expect.stringContaining(`number ${a}`), expect.stringContaining(`number ${b}`)]);
      await shootAtWidths(page, `cms-bulk-confirm-${js ? 'js' : 'nojs'}`);
      await page.setViewportSize({ width: 390, height: 900 });
      await Promise.all([page.waitForURL(/\/cms\/posts\?q=/), page.click('button:has-text("Yes, unpublish 2 posts")')]);
      await expect.poll(() => page.locator('main [role=status]').first().textContent()).toMatch(/^2 posts unpublished/);
      expect(await page.locator('.cms-table tbody .badge-draft').count()).toBe(2);
      await shootAtWidths(page, `cms-bulk-done-${js ? 'js' : 'nojs'}`, [390]);
      // The public API no longer has them (the cached copies were dropped).
      for (const n of [a, b]) expect((await fetch(api(n))).status).toBe(404);
      await page.context().close();
    });
  }
});
