// Media from the editor's side in Chromium (issue 13): uploading in the library (picked files,
// a progress bar and a result per file, a refused file said), inserting an image into a post's
// body at the cursor from the picker dialog (keyboard: Escape closes it, focus comes back),
// uploading inside the picker, choosing a cover, publishing, and the public page showing both
// images without horizontal overflow at 1280 and 390 px; and the upload form with JavaScript off.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { smallPng } from '../helpers/media';
import { shootAtWidths } from '../helpers/screens';
import { TEST_ACCOUNTS } from '../helpers/template-db';

describe.skipIf(!chromiumAvailable())('media in the CMS, in Chromium', () => {
  let server: ChildServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startChildServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/cms`);
    await page.fill('#email', TEST_ACCOUNTS.editor.email);
    await page.fill('#password', TEST_ACCOUNTS.editor.password);
    await Promise.all([page.waitForURL(/\/cms$/), page.click('button[type=submit]')]);
    return page;
  }

  const png = async (name: string, rgb: [number, number, number], width = 1600, height = 900) => ({ name, mimeType: 'image/png', buffer: await smallPng(width, height, rgb) });

  it('uploads picked files with a progress bar and a result each, inserts one into a body at the cursor, sets a cover, and the public page shows both', async () => {
    const page = await signedIn();

    // The library: the Media link in the nav, then files picked.
    await page.goto(`${server.url}/cms`);
    await Promise.all([page.waitForURL(/\/cms\/media$/), page.getByRole('navigation', { name: 'CMS' }).getByRole('link', { name: 'Media' }).click()]);
    // Hydrated: dropping is offered, and the no-JavaScript Upload button is gone.
    await page.locator('#upload-hint', { hasText: 'drop files onto this area' }).waitFor();
    expect(await page.getByRole('button', { name: 'Upload' }).count()).toBe(0);
    await page.fill('#upload-alt', 'A harbour at sunset');
    await page.setInputFiles('#upload-files', [await png('harbour.png', [200, 90, 30]), { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') }]);
    const done = page.locator('.upload-row', { hasText: 'harbour.png' });
    await expect.poll(() => done.locator('.upload-state').textContent(), { timeout: 20_000 }).toMatch(/^Uploaded/);
    expect(await done.locator('progress').isVisible()).toBe(true);
    expect(await done.locator('progress').evaluate((p: HTMLProgressElement) => p.value)).toBe(1);
    const refused = page.locator('.upload-row', { hasText: 'notes.txt' });
    await expect.poll(() => refused.locator('.upload-state').textContent(), { timeout: 20_000 }).toMatch(/^Refused: ./);
    // The grid refreshes with the new image.
    await page.locator('.media-card', { hasText: 'harbour.png' }).waitFor();
    expect(await page.locator('.media-card', { hasText: 'harbour.png' }).textContent()).toContain('A harbour at sunset');
    await shootAtWidths(page, 'cms-media-library');

    // Its page.
    await page.locator('.media-card a', { hasText: 'harbour.png' }).click();
    await page.waitForURL(/\/cms\/media\/[0-9a-f-]{36}$/);
    const markdown = await page.inputValue('#media-markdown');
    expect(markdown).toMatch(/^!\[A harbour at sunset\]\(\/media\/[0-9a-f]{64}\/harbour\.png\)$/);
    const harbourUrl = markdown.slice(markdown.indexOf('(') + 1, -1);
    expect(await page.locator('.media-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await shootAtWidths(page, 'cms-media-item-uploaded');

    // A post: the image inserted where the cursor is.
    await page.goto(`${server.url}/cms/posts/new`);
    await page.locator('form[data-autosave=on]').waitFor();
    await page.fill('#title', 'Harbour evening');
    await page.fill('#body', 'Before the image. After the image.');
    await page.evaluate(() => {
      const body = document.querySelector<HTMLTextAreaElement>('#body')!;
      body.focus();
      body.setSelectionRange('Before the image. '.length, 'Before the image. '.length);
    });
    const insert = page.getByRole('button', { name: 'Insert image…' });
    // Escape closes the picker and gives focus back to its button.
    await insert.click();
    const dialog = page.getByRole('dialog', { name: 'Insert an image' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('media-picker-q');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Insert image…');

    await insert.click();
    await dialog.waitFor();
    // Upload inside the picker too: it joins the grid, with its progress.
    await page.setInputFiles('#media-picker-files', [await png('cover-photo.png', [30, 60, 200])]);
    await expect.poll(() => dialog.locator('.upload-row .upload-state').first().textContent(), { timeout: 20_000 }).toMatch(/^Uploaded/);
    await dialog.getByRole('button', { name: /^Choose cover-photo\.png/ }).waitFor();
    await shootAtWidths(page, 'cms-media-picker');
    await page.fill('#media-picker-q', 'harb');
    await dialog.getByRole('button', { name: /^Choose harbour\.png/ }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.inputValue('#body')).toBe(`Before the image. ${markdown}After the image.`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('body');

    // An image file dropped onto the text is uploaded and inserted where the cursor is.
    await page.evaluate(() => {
      const body = document.querySelector<HTMLTextAreaElement>('#body')!;
      body.setSelectionRange(body.value.length, body.value.length);
    });
    const dropped = (await smallPng(640, 360, [90, 200, 90])).toString('base64');
    const transfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      return data;
    }, dropped);
    await page.dispatchEvent('#body', 'drop', { dataTransfer: transfer });
    await expect.poll(() => page.inputValue('#body'), { timeout: 20_000 }).toMatch(/After the image\.!\[\]\(\/media\/[0-9a-f]{64}\/dropped\.png\)$/);
    expect(await page.inputValue('#body')).toContain(`Before the image. ${markdown}After the image.`);

    // The cover: chosen in the same picker, with alt text for this post.
    await page.getByRole('button', { name: 'Choose cover…' }).click();
    const coverDialog = page.getByRole('dialog', { name: 'Choose a cover image' });
    await coverDialog.getByRole('button', { name: /^Choose cover-photo\.png/ }).click();
    await coverDialog.waitFor({ state: 'detached' });
    await page.locator('.cover-current', { hasText: 'cover-photo.png' }).waitFor();
    await page.fill('#coverAlt', 'Blue water, seen from the pier');
    await shootAtWidths(page, 'cms-post-with-images');

    await Promise.all([page.waitForURL(/\/cms\/posts\/[0-9a-f-]{36}(\?.*)?$/), page.getByRole('button', { name: 'Publish now' }).click()]);
    expect(await page.locator('main [role=status]').first().textContent()).toMatch(/ublished/);
    // The saved post's form shows its cover (the new-post page may linger hidden: Next keeps it for Back).
    await page.locator('.cover-current:visible', { hasText: 'cover-photo.png' }).waitFor();

    // The public page: the body's image and the cover, loaded, never wider than the page.
    await page.goto(`${server.url}/posts/harbour-evening`);
    const inBody = page.locator(`img[src$="${harbourUrl}"]`);
    await inBody.waitFor();
    expect(await inBody.getAttribute('alt')).toBe('A harbour at sunset');
    const cover = page.locator('img[alt="Blue water, seen from the pier"]');
    await cover.waitFor();
    for (const img of [inBody, cover]) {
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    }
    await page.setViewportSize({ width: 390, height: 900 });
    for (const img of [inBody, cover]) {
      const box = await img.evaluate((i) => i.getBoundingClientRect().right);
      expect(box).toBeLessThanOrEqual(390);
    }
    await shootAtWidths(page, 'post-with-images');
  });

  it('uploads with JavaScript off through the plain form, and shows what happened', async () => {
    const page = await signedIn({ javaScriptEnabled: false });
    await page.goto(`${server.url}/cms/media`);
    expect(await page.locator('form[aria-label="Upload images"] button[type=submit]').isVisible()).toBe(true);
    await page.setInputFiles('#upload-files', [await png('no-script.png', [10, 160, 90], 400, 300), { name: 'readme.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }]);
    await Promise.all([page.waitForURL(/\/cms\/media\?added=1/), page.getByRole('button', { name: 'Upload' }).click()]);
    const said = await page.locator('main [role=status]').first().textContent();
    expect(said).toContain('Uploaded 1 image.');
    expect(said).toContain('readme.txt');
    await page.locator('.media-card', { hasText: 'no-script.png' }).waitFor();
    await shootAtWidths(page, 'cms-media-no-js');

    // A post's cover, without JavaScript: a plain id field, pointing at the library.
    await page.goto(`${server.url}/cms/posts/new`);
    const coverId = page.locator('input#coverMediaId[name=coverMediaId]');
    expect(await coverId.isVisible()).toBe(true);
    expect(await page.locator('#coverMediaId-hint a').getAttribute('href')).toBe('/cms/media');
    expect(await page.getByRole('button', { name: 'Insert image…' }).count()).toBe(0);
  });
});
