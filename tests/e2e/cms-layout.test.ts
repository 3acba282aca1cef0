// Every CMS screen in Chromium at a phone's width (390 px) and a laptop's (1280 px): no
// horizontal page scroll, one header (the CMS's own, not the public site's), a skip link as the
// first Tab stop that lands on the content, the first form field a few Tab presses after it.
// A screenshot of each screen at both widths goes to test-results/screenshots/ (gitignored):
// every page an editor or admin reaches, preview and one revision of every type that has them.
// And the Tags field's suggestions, by keyboard only.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { expectNoHorizontalOverflow, SCREENSHOTS as shots, shootAtWidths } from '../helpers/screens';
import { TEST_ACCOUNTS } from '../helpers/template-db';

const WIDTHS = [390, 1280] as const;
/** Tab presses after the skip link before the first field of a form (skip link → content → field). */
const FIRST_FIELD_WITHIN = 4;

describe.skipIf(!chromiumAvailable())('the CMS layout in Chromium', () => {
  let server: ChildServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const ids: Record<string, string> = {};
  const saved: string[] = [];

  beforeAll(async () => {
    // The webhook screens' endpoint is on 127.0.0.1, where nothing listens on port 9: its test
    // event's attempts fail on this machine and the log shows them.
    server = await startChildServer({ WEBHOOK_ALLOW_PRIVATE: '127.0.0.1' });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${server.url}/cms/login`);
    await page.fill('#email', TEST_ACCOUNTS.admin.email);
    await page.fill('#password', TEST_ACCOUNTS.admin.password);
    await Promise.all([page.waitForURL(/\/cms$/), page.click('button[type=submit]')]);
    // One item of each type, for its edit form and revisions; long words and a URL on purpose.
    for (const [segment, fill] of [
      ['posts', async () => {
        await page.fill('#title', 'A post with a verylongwordthatwouldneverwrapanywhereonaphonescreenatall');
        await page.fill('#slug', 'layout-post');
        await page.fill('#body', 'See https://example.com/a/very/long/path/that/goes/on/and/on/without/any/break/at/all');
        await page.fill('#tags', 'http, caching, layout-testing');
      }],
      ['changelog', async () => {
        await page.fill('#title', 'A changelog entry for the layout test');
        await page.selectOption('#category', { index: 1 });
      }],
      ['events', async () => {
        await page.fill('#title', 'An event for the layout test');
        await page.fill('#start', '2031-05-01T10:00');
        await page.fill('#end', '2031-05-01T11:00');
        if (!(await page.inputValue('#timeZone'))) await page.fill('#timeZone', 'Europe/Berlin');
      }],
    ] as const) {
      await page.goto(`${server.url}/cms/${segment}/new`);
      await fill();
      await page.locator('button[value=save]').click();
      await page.waitForURL(new RegExp(`/cms/${segment}/[0-9a-f-]{36}`), { timeout: 20_000 }).catch(async () => {
        throw new Error(`saving a ${segment} item failed: ${(await page.locator('.field-error, .notice').allTextContents()).join(' | ')}`);
      });
      const id = /\/cms\/[^/]+\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      ids[segment] = id;
      // A type with a preview links to it from the edit page.
      if ((await page.locator(`main a[href="/cms/${segment}/${id}/preview"]`).count()) > 0) ids[`${segment}-preview`] = `/cms/${segment}/${id}/preview`;
      // A second version, so one revision's page has a diff to show (a long word again).
      await page.goto(`${server.url}/cms/${segment}/${id}`);
      await page.fill('#title', 'Revised: anotherverylongwordthatwouldneverwrapanywhereonaphonescreenatall');
      await Promise.all([page.waitForURL(/saved=save/, { timeout: 20_000 }), page.locator('button[value=save]').click()]);
      await page.goto(`${server.url}/cms/${segment}/${id}/revisions`);
      const first = await page.locator('main tr:has(td:text-is("1")) a[href*="/revisions/"]').first().getAttribute('href');
      ids[`${segment}-revision`] = first!;
    }
    // One of the demo images, for the media item screen.
    await page.goto(`${server.url}/cms/media`);
    ids.media = /\/cms\/media\/([0-9a-f-]{36})/.exec((await page.locator('a[href^="/cms/media/"]').first().getAttribute('href')) ?? '')![1]!;
    // A webhook endpoint with a long URL and a delivery in its log, for the webhook screens.
    await page.goto(`${server.url}/cms/webhooks`);
    await page.fill('#new-url', 'http://127.0.0.1:9/a/very/long/webhook/path/that/goes/on/and/on/without/any/break/at/all/anywhere');
    await page.check('input[name=events][value="*"]');
    await page.locator('button', { hasText: 'Create endpoint' }).click();
    const endpointLink = page.locator('.webhook-card h2 a').first();
    await endpointLink.waitFor({ timeout: 20_000 });
    ids.webhook = /\/cms\/webhooks\/([0-9a-f-]{36})/.exec((await endpointLink.getAttribute('href')) ?? '')![1]!;
    await page.goto(`${server.url}/cms/webhooks/${ids.webhook}`);
    await page.locator('button', { hasText: 'Send test event' }).click();
    await page.locator('li.delivery').first().waitFor({ timeout: 20_000 });
  });
  afterAll(async () => {
    console.log(`[screenshots]\n${saved.join('\n')}`);
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  /** openDetails: every <details> of the page opened first, so its forms are measured too. */
  type Screen = { name: string; path: string; signedOut?: boolean; form?: string; openDetails?: boolean };
  const screens = (): Screen[] => [
    { name: 'login', path: '/cms/login', signedOut: true, form: '#email' },
    { name: 'dashboard', path: '/cms' },
    ...['posts', 'changelog', 'events'].flatMap((s) => [
      { name: `${s}-list`, path: `/cms/${s}` },
      { name: `${s}-new`, path: `/cms/${s}/new`, form: '#title' },
      { name: `${s}-edit`, path: `/cms/${s}/${ids[s]}`, form: '#title' },
      { name: `${s}-revisions`, path: `/cms/${s}/${ids[s]}/revisions` },
      { name: `${s}-revision`, path: ids[`${s}-revision`]! },
      ...(ids[`${s}-preview`] ? [{ name: `${s}-preview`, path: ids[`${s}-preview`]! }] : []),
    ]),
    { name: 'editors', path: '/cms/editors' },
    { name: 'authors', path: '/cms/authors', openDetails: true },
    { name: 'tags', path: '/cms/tags' },
    { name: 'profile', path: '/cms/profile', form: '#name' },
    { name: 'media', path: '/cms/media' },
    { name: 'media-item', path: `/cms/media/${ids.media}` },
    { name: 'webhooks', path: '/cms/webhooks' },
    { name: 'webhook-endpoint', path: `/cms/webhooks/${ids.webhook}` },
    // The lists' search, filters and pager with a query, and the bulk confirmation page.
    { name: 'posts-search', path: '/cms/posts?q=http&status=published&sort=title&dir=asc' },
    { name: 'posts-bulk-confirm', path: `/cms/posts/bulk?intent=unpublish&item=${ids.posts}.2` },
  ];

  for (const width of WIDTHS) {
    it(`fits every CMS screen at ${width} px, with one header and a working skip link`, async () => {
      const report: string[] = [];
      for (const screen of screens()) {
        const ctx = screen.signedOut ? await browser.newContext({ viewport: { width, height: 900 } }) : context;
        const p = screen.signedOut ? await ctx.newPage() : page;
        await p.setViewportSize({ width, height: 900 });
        await p.goto(server.url + screen.path);
        // Not redirected (to sign-in, or elsewhere): the same path; a query string may be normalised.
        expect(new URL(p.url()).pathname, screen.name).toBe(screen.path.split('?')[0]);

        if (screen.openDetails) await p.evaluate(() => document.querySelectorAll('main details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
        await expectNoHorizontalOverflow(p, screen.name);
        expect(await p.locator('header').count(), screen.name).toBe(1);
        expect(await p.locator('.site-header').count(), screen.name).toBe(0);
        expect(await p.locator('header .brand').textContent()).toBe('Gazette CMS');

        // The first Tab stop is the skip link; following it moves focus to the content.
        await p.locator('body').focus();
        await p.keyboard.press('Tab');
        expect(await p.evaluate(() => document.activeElement?.textContent), screen.name).toBe('Skip to content');
        const file = path.join(shots, `cms-${screen.name}-${width}.png`);
        await p.keyboard.press('Enter');
        expect(await p.evaluate(() => document.activeElement?.id), screen.name).toBe('content');
        expect(await p.evaluate(() => Boolean(document.activeElement?.querySelector('main')))).toBe(true);

        if (screen.form) {
          let presses = 0;
          while (presses < 10 && !(await p.evaluate((sel) => document.activeElement === document.querySelector(sel), screen.form))) {
            await p.keyboard.press('Tab');
            presses++;
          }
          report.push(`${screen.name}: first field after the skip link in ${presses} Tab press(es)`);
          expect(presses, `${screen.name}: Tab presses from the skip link to ${screen.form}`).toBeLessThanOrEqual(FIRST_FIELD_WITHIN);
        }
        await p.evaluate(() => window.scrollTo(0, 0));
        await p.screenshot({ path: file, fullPage: true });
        saved.push(path.relative(process.cwd(), file));
        if (screen.signedOut) await ctx.close();
      }
      console.log(`[tab order at ${width} px]\n${report.join('\n')}`);
    });
  }

  it('keeps the public header on public pages, and no CMS header there', async () => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`${server.url}/`);
    expect(await page.locator('.site-header').count()).toBe(1);
    expect(await page.locator('.cms-header').count()).toBe(0);
    await expectNoHorizontalOverflow(page, 'home');
  });

  it("shows the author's bio in a box under a post, fitting a phone", async () => {
    await page.goto(`${server.url}/`);
    const href = await page.locator('main a[href^="/posts/"]').first().getAttribute('href');
    await page.goto(server.url + href);
    // The demo authors have bios.
    expect(await page.locator('.author-box h2').textContent()).toMatch(/^About \S/);
    expect((await page.locator('.author-box p').textContent())?.length).toBeGreaterThan(0);
    saved.push(...(await shootAtWidths(page, 'post-author-box', WIDTHS)).map((f) => path.relative(process.cwd(), f)));
  });

  it('suggests existing tags in the Tags field, usable by keyboard alone', async () => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(`${server.url}/cms/posts/new`);
    const tagsField = page.locator('#tags');
    // The combobox roles arrive with hydration (without JavaScript it is a plain text field).
    await expect.poll(() => tagsField.getAttribute('role')).toBe('combobox');
    await tagsField.focus();
    expect(await tagsField.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.type('http, cach');
    const listbox = page.locator(`#${await tagsField.getAttribute('aria-controls')}`);
    await expect.poll(() => listbox.isVisible()).toBe(true);
    expect(await tagsField.getAttribute('aria-expanded')).toBe('true');
    // Already entered tags are not offered again.
    const offered = await listbox.locator('[role=option]').allTextContents();
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatch(/^caching/);
    await page.keyboard.press('ArrowDown');
    const active = await tagsField.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    expect(await page.locator(`[id="${active}"]`).getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: path.join(shots, 'cms-tag-suggestions-390.png'), fullPage: false });
    saved.push(path.relative(process.cwd(), path.join(shots, 'cms-tag-suggestions-390.png')));
    // Enter takes the suggestion; it does not submit the form.
    await page.keyboard.press('Enter');
    expect(await tagsField.inputValue()).toBe('http, caching, ');
    expect(new URL(page.url()).pathname).toBe('/cms/posts/new');
    expect(await tagsField.getAttribute('aria-expanded')).toBe('false');
    // Escape closes the list without changing what was typed.
    await page.keyboard.type('lay');
    await expect.poll(() => listbox.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await listbox.isVisible()).toBe(false);
    expect(await tagsField.inputValue()).toBe('http, caching, lay');
    // Down opens the list again.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => listbox.isVisible()).toBe(true);
    expect(await listbox.locator('[role=option]').allTextContents()).toEqual(['layout-testing']);
  });
});
