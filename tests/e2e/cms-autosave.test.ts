// An editor who never loses work, in Chromium (issue 12): autosave offered back after a reload
// and in another browser (a picked tag suggestion too; one typed against an older version says
// so and meets the conflict), the leave warning on a menu link, closing the tab, Sign out and
// Back, Ctrl+S, only the pressed button pending (item form, staged banner, bulk confirmation,
// editor accounts), times in the browser's zone (New York, Tokyo) with the offset of each time,
// a fresh editor's own byline preselected, and the form still saving with JavaScript off.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Dialog, Locator, Page } from 'playwright-core';
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

  const autosaved = (page: Page) => expect.poll(() => page.locator('main:visible .autosave-status').textContent(), { timeout: 15_000 }).toMatch(/Changes autosaved at/);

  /** In the page shown: after a client-side navigation the router keeps the previous page, hidden, in the document. */
  const shown = (page: Page, selector: string) => page.locator(`main:visible ${selector}`);

  /** What the server holds as this browser's autosave of a form. */
  const storedAutosave = async (page: Page, type: string, item: string) =>
    ((await (await page.request.get(`${server.url}/cms/autosave?type=${type}&item=${item}`)).json()) as { autosave: { fields: Record<string, string> } | null }).autosave;

  /** Hold every Server Action's answer long enough to look at the buttons. */
  const holdActions = (page: Page) =>
    page.route('**/cms/**', async (route) => {
      if (route.request().method() === 'POST' && route.request().headers()['next-action']) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });

  /** React has hydrated this element (a click before that would be a plain form post, without pending labels). */
  const hydrated = (locator: Locator) => expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps')))).toBe(true);

  /** A new changelog entry's form, filled in (valid as it stands). */
  async function fillChangelog(page: Page, title: string, category: string, version: string) {
    await openForm(page, '/cms/changelog/new');
    await shown(page, '#title').fill(title);
    await shown(page, '#body').fill('- Something.');
    await shown(page, '#category').selectOption(category);
    await shown(page, '#productVersion').fill(version);
  }

  /** A zone's UTC offset now, as the CMS writes it ("UTC-05:00"). */
  const offsetNow = (zone: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')!.value.replace('GMT', 'UTC');

  it('offers an autosave back after a reload and in a second browser, with what changed', async () => {
    const { page } = await signedIn();
    // A fresh editor (no author profile yet): the first post form already names them as author.
    await openForm(page, '/cms/posts/new');
    expect(await page.locator('#authorId').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Eddie Editor');
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

  it('autosaves a picked tag suggestion, as typing would', async () => {
    const { page } = await signedIn('other');
    await openForm(page, '/cms/posts/new');
    await page.fill('#title', 'Picked tag');
    const tags = page.locator('#tags');
    await expect.poll(() => tags.getAttribute('role')).toBe('combobox');
    await tags.focus();
    await page.keyboard.type('cach');
    const option = page.locator(`#${await tags.getAttribute('aria-controls')} [role=option]`, { hasText: /^caching/ });
    await option.waitFor();
    await option.click();
    expect(await tags.inputValue()).toBe('caching, ');
    // Only the pick wrote "caching": typing left "cach".
    await expect.poll(async () => (await storedAutosave(page, 'post', 'new'))?.fields.tags, { timeout: 15_000 }).toBe('caching, ');
    page.on('dialog', (d: Dialog) => void d.accept());
    await page.reload();
    const offer = page.locator('.autosave-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('caching,');
    await offer.getByRole('button', { name: 'Discard' }).click();
  });

  it('asks before Sign out and before Back with unsaved changes, and stays when told to', async () => {
    const { page } = await signedIn();
    await fillChangelog(page, 'Back check', 'changed', '3.0.0');
    // Saved: the app router moves to the item's page in this same document (no beforeunload on Back).
    await Promise.all([page.waitForURL(/\/cms\/changelog\/[0-9a-f-]{36}\?saved=created/), page.keyboard.press('Control+S')]);
    const itemUrl = page.url();
    await shown(page, 'form[data-autosave=on]').waitFor();
    await shown(page, '#title').fill('Back check, unsaved');

    const dialogs: Dialog[] = [];
    let answer: 'accept' | 'dismiss' = 'dismiss';
    page.on('dialog', (d) => {
      dialogs.push(d);
      void d[answer]();
    });
    // Back: asked; staying keeps the page, its address and the text.
    await page.evaluate(() => history.back());
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]!.type()).toBe('confirm');
    expect(dialogs[0]!.message()).toMatch(/unsaved changes/);
    await expect.poll(() => page.url()).toBe(itemUrl);
    expect(await shown(page, '#title').inputValue()).toBe('Back check, unsaved');
    // Sign out: asked; staying keeps the session and the text.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => dialogs.length).toBe(2);
    expect(dialogs[1]!.message()).toMatch(/unsaved changes/);
    expect(page.url()).toBe(itemUrl);
    expect(await shown(page, '#title').inputValue()).toBe('Back check, unsaved');
    // Back again, leaving this time: the previous page (the new-entry form), asked once.
    answer = 'accept';
    await page.evaluate(() => history.back());
    await page.waitForURL(/\/cms\/changelog\/new$/);
    await expect.poll(() => shown(page, 'h1').textContent()).toBe('New changelog entry');
    expect(dialogs).toHaveLength(3);
    // Signing out from a form with changes, leaving: signed out.
    await shown(page, 'form[data-autosave=on]').waitFor();
    await shown(page, '#title').fill('Leaving anyway');
    await Promise.all([page.waitForURL(/\/cms\/login/), page.getByRole('button', { name: 'Sign out' }).click()]);
    expect(dialogs).toHaveLength(4);
  });

  it('says an autosave was typed against an older version, and saving it restored is a conflict', async () => {
    const mine = await signedIn();
    await fillChangelog(mine.page, 'Versioned note', 'added', '1.0.0');
    await Promise.all([mine.page.waitForURL(/saved=created/), mine.page.keyboard.press('Control+S')]);
    const itemUrl = mine.page.url().split('?')[0]!;
    await shown(mine.page, 'form[data-autosave=on]').waitFor();
    await shown(mine.page, '#title').fill('My edit of version 1');
    await autosaved(mine.page);

    // Someone else saves meanwhile: version 2.
    const theirs = await signedIn('admin');
    await openForm(theirs.page, new URL(itemUrl).pathname);
    await shown(theirs.page, '#title').fill('Their version 2');
    await Promise.all([theirs.page.waitForURL(/saved=save/), shown(theirs.page, 'button[value=save]').click()]);

    mine.page.on('dialog', (d: Dialog) => void d.accept());
    await mine.page.reload();
    const offer = shown(mine.page, '.autosave-offer');
    await offer.waitFor();
    expect(await offer.locator('.autosave-stale').textContent()).toMatch(/saved against version 1; the changelog entry is now at version 2\. Review the differences/);
    expect(await shown(mine.page, '#title').inputValue()).toBe('Their version 2');
    await offer.getByRole('button', { name: 'Restore them' }).click();
    expect(await shown(mine.page, '#title').inputValue()).toBe('My edit of version 1');
    expect(await shown(mine.page, 'form.cms-form input[name=version]').inputValue()).toBe('1');
    await shown(mine.page, 'button[value=save]').click();
    await expect.poll(() => shown(mine.page, '[role=status]').first().textContent()).toMatch(/Ada Admin changed this changelog entry at .* \(version 2\) after you opened it/);
    // Nothing overwritten; the editor's text is still in the form.
    expect(await shown(mine.page, '#title').inputValue()).toBe('My edit of version 1');
    await theirs.page.reload();
    expect(await shown(theirs.page, '#title').inputValue()).toBe('Their version 2');
  });

  it('shows pending on the pressed button of the staged banner, the bulk confirmation and an editor account', async () => {
    const { page } = await signedIn();
    await fillChangelog(page, 'Pending everywhere', 'fixed', '4.0.0');
    await Promise.all([page.waitForURL(/saved=publish/), shown(page, 'button[value=publish]').click()]);
    await shown(page, 'form[data-autosave=on]').waitFor();
    await shown(page, '#title').fill('Pending everywhere, staged');
    await Promise.all([page.waitForURL(/saved=staged/), shown(page, 'form.cms-form button[value=save]').click()]);
    const banner = shown(page, '.staged-banner');
    await banner.waitFor();

    await holdActions(page);
    await banner.locator('button[value=publish]').click();
    await expect.poll(() => banner.locator('button[value=publish]').textContent()).toBe('Publishing…');
    expect(await banner.locator('button[value=schedule]').textContent()).toBe('Schedule update');
    expect(await banner.locator('button[value=discard]').textContent()).toBe('Discard changes');
    await banner.waitFor({ state: 'detached' });

    // The bulk confirmation's one button.
    const id = /\/cms\/changelog\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const version = await shown(page, 'form.cms-form input[name=version]').inputValue();
    await page.goto(`${server.url}/cms/changelog/bulk?intent=unpublish&item=${id}.${version}`);
    const yes = page.getByRole('button', { name: 'Yes, unpublish 1 changelog entry' });
    await hydrated(yes);
    await yes.click();
    await expect.poll(() => shown(page, 'form button[value=unpublish]').textContent()).toBe('Unpublishing…');
    await page.waitForURL(/\/cms\/changelog$/);

    // An editor account's buttons (a new account, so no one else's is touched).
    const admin = await signedIn('admin');
    await admin.page.goto(`${server.url}/cms/editors`);
    await admin.page.fill('#new-name', 'Pat Pending');
    await admin.page.fill('#new-email', 'pat.pending@test.gazette');
    await admin.page.fill('#new-password', 'pending-password-123');
    await admin.page.getByRole('button', { name: 'Create account' }).click();
    await admin.page.getByText('Created editor pat.pending@test.gazette.').waitFor();
    await admin.page.goto(`${server.url}/cms/editors`);
    const account = admin.page.getByRole('form', { name: 'Change pat.pending@test.gazette' });
    const deactivate = account.getByRole('button', { name: 'Deactivate' });
    await hydrated(deactivate);
    await holdActions(admin.page);
    await deactivate.click();
    await expect.poll(() => account.locator('button[value=deactivate]').textContent()).toBe('Deactivating…');
    expect(await account.locator('button[value=role]').textContent()).toBe('Change role');
    await account.getByText('is deactivated and signed out everywhere').waitFor();
  });

  it("shows and reads times in the browser's zone, naming it (New York, then Tokyo)", async () => {
    const ny = await signedIn('editor', { timezoneId: 'America/New_York' });
    await openForm(ny.page, '/cms/posts/new');
    const label = shown(ny.page, 'label[for=publishAt]');
    // Empty, the field names today's offset; a July time, summer time's, whatever the date today.
    await expect.poll(() => label.textContent()).toBe(`Publish at (America/New_York (${offsetNow('America/New_York')}))`);
    await shown(ny.page, '#title').fill('New York schedule');
    await shown(ny.page, '#body').fill('Scheduled from New York.');
    await shown(ny.page, '#publishAt').fill('2031-07-01T10:00');
    await expect.poll(() => label.textContent()).toBe('Publish at (America/New_York (UTC-04:00))');
    await Promise.all([ny.page.waitForURL(/saved=schedule/), shown(ny.page, 'button[value=schedule]').click()]);
    const editUrl = ny.page.url().split('?')[0]!;
    await expect.poll(() => shown(ny.page, '#publishAt').inputValue()).toBe('2031-07-01T10:00');
    expect(await label.textContent()).toBe('Publish at (America/New_York (UTC-04:00))');
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
