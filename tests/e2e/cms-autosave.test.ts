// An editor who never loses work, in Chromium (issue 12): autosave offered back after a reload
// and in another browser, the leave warning on a menu link and on closing the tab, Ctrl+S,
// only the pressed button pending, times in the browser's zone (New York, Tokyo) with the zone
// named, and the form still saving with JavaScript off.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { SCREENSHOTS, shootAtWidths } from '../helpers/screens';
import { TEST_ACCOUNTS } from '../helpers/template-db';

describe.skipIf(!chromiumAvailable())('editor safety in Chromium', () => {
  let server: ChildServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startChildServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(who: keyof typeof TEST_ACCOUNTS = 'editor', options: { javaScriptEnabled?: boolean; timezoneId?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/cms`);
    await page.fill('#email', TEST_ACCOUNTS[who].email);
    await page.fill('#password', TEST_ACCOUNTS[who].password);
    await Promise.all([page.waitForURL(/\/cms$/), page.click('button[type=submit]')]);
    return { context, page };
  }

  /** Open a CMS form and wait until its script watches it (typing before that is not seen). */
  async function openForm(page: Page, pathname: string) {
    await page.goto(server.url + pathname);
    await page.locator('form[data-autosave=on]').waitFor();
  }

  const autosaved = (page: Page) => expect.poll(() => page.locator('.autosave-status').textContent(), { timeout: 15_000 }).toMatch(/Changes autosaved at/);

  it('offers an autosave back after a reload and in a second browser, with what changed', async () => {
    const { page } = await signedIn();
    // The editor's author profile exists before the form is first drawn (the post type's author
    // options are read before a first visit makes it: see the report of issue 12).
    await page.goto(`${server.url}/cms/profile`);
    await openForm(page, '/cms/posts/new');
    await page.fill('#title', 'Never lost');
    await page.fill('#body', 'First paragraph.\n\nSecond paragraph.');
    await autosaved(page);
    // Reloading with unsaved changes asks first (beforeunload); leave anyway.
    const asked: string[] = [];
    page.on('dialog', (d: Dialog) => {
      asked.push(d.type());
      void d.accept();
    });
    await page.reload();
    expect(asked).toContain('beforeunload');
    const offer = page.locator('.autosave-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/Unsaved changes from \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    // What changed, in the form's order; unchanged fields (the author) are not listed.
    expect(await offer.locator('.autosave-field').allTextContents()).toEqual(['Title', 'Slug', 'Body (Markdown)']);
    expect(await offer.locator('.diff').textContent()).toContain('+ Second paragraph.');
    await shootAtWidths(page, 'autosave-offer');
    expect(await page.inputValue('#title')).toBe('');
    await offer.getByRole('button', { name: 'Restore them' }).click();
    expect(await page.inputValue('#title')).toBe('Never lost');
    expect(await page.inputValue('#body')).toBe('First paragraph.\n\nSecond paragraph.');
    // The slug follows the restored title as if it had been typed.
    expect(await page.inputValue('#slug')).toBe('never-lost');

    // Another browser, same editor: offered too. Discarding forgets it everywhere.
    const second = await signedIn();
    await openForm(second.page, '/cms/posts/new');
    const there = second.page.locator('.autosave-offer');
    await there.waitFor();
    await there.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => there.count()).toBe(0);
    const third = await second.context.newPage();
    await openForm(third, '/cms/posts/new');
    await third.waitForTimeout(1500);
    expect(await third.locator('.autosave-offer').count()).toBe(0);
  });

  it('warns before leaving by a menu link or closing the tab; Ctrl+S saves', async () => {
    const { context, page } = await signedIn();
    await openForm(page, '/cms/changelog/new');
    await page.fill('#title', 'Leave check');
    await page.fill('#body', '- Something changed.');
    await page.selectOption('#category', 'changed');
    await page.fill('#productVersion', '2.0.0');
    await page.fill('#title', 'Leave check, edited');

    // A menu link: the question comes; staying keeps everything.
    let dialog: Dialog | undefined;
    page.once('dialog', (d) => {
      dialog = d;
      void d.dismiss();
    });
    await page.locator('.cms-nav a[href="/cms"]').click();
    await expect.poll(() => dialog?.type()).toBe('confirm');
    expect(dialog!.message()).toMatch(/unsaved changes/);
    expect(new URL(page.url()).pathname).toBe('/cms/changelog/new');
    expect(await page.inputValue('#title')).toBe('Leave check, edited');

    // Ctrl+S saves as "Save" would, no browser dialog; then nothing is unsaved and links just go.
    await Promise.all([page.waitForURL(/\/cms\/changelog\/[0-9a-f-]{36}\?saved=created/), page.keyboard.press('Control+S')]);
    await expect.poll(() => page.locator('main:visible [role=status]').first().textContent()).toMatch(/./);
    expect(await page.inputValue('#title')).toBe('Leave check, edited');
    const unasked = (d: Dialog) => {
      throw new Error(`asked ${d.type()} after saving`);
    };
    page.on('dialog', unasked);
    await Promise.all([page.waitForURL(/\/cms$/), page.locator('.cms-nav a[href="/cms"]').click()]);
    page.off('dialog', unasked);

    // Closing the tab with changes: the browser's beforeunload question.
    const tab = await context.newPage();
    await openForm(tab, '/cms/changelog/new');
    await tab.fill('#title', 'Closing');
    await tab.click('#title');
    const closing = new Promise<Dialog>((resolve) => tab.once('dialog', resolve));
    await tab.close({ runBeforeUnload: true });
    const beforeUnload = await closing;
    expect(beforeUnload.type()).toBe('beforeunload');
    await beforeUnload.accept();
  });

  it('shows the pending label on the pressed button only', async () => {
    const { page } = await signedIn();
    await openForm(page, '/cms/posts/new');
    await page.fill('#title', 'Pending check');
    await page.fill('#body', 'Body.');
    // Hold the Server Action's answer long enough to look at the buttons.
    await page.route('**/cms/posts/new', async (route) => {
      if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const publish = page.locator('button[value=publish]');
    await publish.click();
    await expect.poll(() => publish.textContent()).toBe('Publishing…');
    expect(await page.locator('button[value=save]').textContent()).toBe('Save draft');
    expect(await page.locator('button[value=schedule]').textContent()).toBe('Schedule');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pending-publish.png') });
    await page.waitForURL(/saved=publish/);
  });

  it("shows and reads times in the browser's zone, naming it (New York, then Tokyo)", async () => {
    const ny = await signedIn('editor', { timezoneId: 'America/New_York' });
    await openForm(ny.page, '/cms/posts/new');
    const label = ny.page.locator('label[for=publishAt]');
    await expect.poll(() => label.textContent()).toMatch(/^Publish at \(America\/New_York \(UTC-0[45]:00\)\)$/);
    await ny.page.fill('#title', 'New York schedule');
    await ny.page.fill('#body', 'Scheduled from New York.');
    await ny.page.fill('#publishAt', '2031-07-01T10:00');
    await Promise.all([ny.page.waitForURL(/saved=schedule/), ny.page.locator('button[value=schedule]').click()]);
    const editUrl = ny.page.url().split('?')[0]!;
    await expect.poll(() => ny.page.inputValue('#publishAt')).toBe('2031-07-01T10:00');
    await ny.page.screenshot({ path: path.join(SCREENSHOTS, 'timezone-new-york.png'), fullPage: true });
    // The list names the zone next to its times.
    await ny.page.goto(`${server.url}/cms/posts`);
    expect(await ny.page.locator('main').textContent()).toContain('America/New_York');

    // The same instant (14:00 UTC) in Tokyo is 23:00 there.
    const tokyo = await signedIn('other', { timezoneId: 'Asia/Tokyo' });
    await tokyo.page.goto(editUrl);
    await expect.poll(() => tokyo.page.locator('label[for=publishAt]').textContent()).toContain('Asia/Tokyo (UTC+09:00)');
    await expect.poll(() => tokyo.page.inputValue('#publishAt')).toBe('2031-07-01T23:00');
    await tokyo.page.screenshot({ path: path.join(SCREENSHOTS, 'timezone-tokyo.png'), fullPage: true });

    // The profile names the detected zone as the default choice.
    await tokyo.page.goto(`${server.url}/cms/profile`);
    await expect.poll(() => tokyo.page.locator('#timeZone option[value=""]').textContent()).toBe("Use my browser's zone (detected: Asia/Tokyo)");
    await shootAtWidths(tokyo.page, 'profile');
  });

  it('saves with JavaScript off (no autosave, no leave warning needed)', async () => {
    const { page } = await signedIn('other', { javaScriptEnabled: false });
    await page.goto(`${server.url}/cms/events/new`);
    await page.fill('#title', 'No-JS event');
    await page.fill('#timeZone', 'Europe/Berlin');
    await page.fill('#start', '2031-09-01T18:00');
    await page.fill('#end', '2031-09-01T20:00');
    expect(await page.locator('input[name=publishAtZone]').getAttribute('value')).toBe('UTC');
    await Promise.all([page.waitForURL(/\/cms\/events\/[0-9a-f-]{36}\?saved=created/), page.locator('button[value=save]').click()]);
    expect(await page.inputValue('#title')).toBe('No-JS event');
    // The profile page works without JavaScript too.
    await page.goto(`${server.url}/cms/profile`);
    await page.fill('#name', 'Olga Without Script');
    await Promise.all([page.waitForURL(/saved=1/), page.locator('button:has-text("Save profile")').click()]);
    expect(await page.inputValue('#name')).toBe('Olga Without Script');
  });
});
