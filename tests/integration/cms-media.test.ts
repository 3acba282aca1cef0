// The media library over HTTP, as a browser without JavaScript uses it (issue 13): the library
// lists newest first, searches file names and alt text and pages by keyset; alt text saves (and
// a refused one changes nothing); an image in use, as a post's cover, in a post's Markdown or in
// a staged edit, is not deleted and its page says who uses it; an unused one goes with its files;
// without a session the pages send to sign-in and the actions change nothing.
import * as cheerio from 'cheerio';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, mediaFiles, posts } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { ingestImage, type MediaItem } from '@/lib/media/ingest';
import { mediaSummary } from '@/lib/media/documents';
import { getMediaStore, type MediaStore } from '@/lib/media/store';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { CookieJar, signIn, submitForm } from '../helpers/cms-client';
import { smallPng } from '../helpers/media';

let server: TestServer;
let editor: CookieJar;
let store: MediaStore;
const items: Record<string, MediaItem> = {};

const db = () => server.handle.db;
const get = (p: string, jar: CookieJar | null = editor) => fetch(server.url + p, { redirect: 'manual', headers: jar ? { cookie: jar.header() } : {} });

async function add(fileName: string, alt: string, rgb: [number, number, number]): Promise<MediaItem> {
  const { item } = await ingestImage(db(), store, { bytes: await smallPng(80, 60, rgb), fileName, editorId: null, alt }, getConfig().media);
  return item;
}

async function cardNames(query = ''): Promise<string[]> {
  const res = await get(`/cms/media${query}`);
  expect(res.status).toBe(200);
  const $ = cheerio.load(await res.text());
  return $('.media-card strong').map((_, e) => $(e).text()).get();
}

beforeAll(async () => {
  server = await startTestServer();
  store = await getMediaStore();
  editor = await signIn(server.url, 'editor');
  // Oldest first, so the library shows them in the reverse order.
  items.harbour = await add('harbour-sunset.png', 'Boats at dusk', [200, 90, 30]);
  items.forest = await add('forest.png', 'Tall pines in fog', [20, 120, 40]);
  items.city = await add('city-lights.png', '', [30, 30, 90]);
  items.unused = await add('unused.png', 'Nobody needs this', [120, 120, 120]);
});
afterAll(async () => {
  await server?.close();
});

describe('the library', () => {
  it('lists every image newest first with its name, size and alt text', async () => {
    // The newest four (the template may hold demo images, older than these).
    expect((await cardNames()).slice(0, 4)).toEqual(['unused.png', 'city-lights.png', 'forest.png', 'harbour-sunset.png']);
    const $ = cheerio.load(await (await get('/cms/media')).text());
    const card = $('.media-card').filter((_, e) => $(e).find('strong').text() === 'forest.png');
    expect(card.find('a').attr('href')).toBe(`/cms/media/${items.forest!.id}`);
    expect(card.find('img').attr('src')).toMatch(/^\/media\/[0-9a-f]{64}\/forest-\d+\.webp$/);
    expect(card.text()).toContain('80×60');
    expect(card.text()).toContain('Tall pines in fog');
    expect($('.media-card').filter((_, e) => $(e).find('strong').text() === 'city-lights.png').text()).toContain('No alt text');
    // The no-JavaScript upload form posts to the upload route.
    const form = $('form[aria-label="Upload images"]');
    expect(form.attr('action')).toBe('/cms/media/upload');
    expect(form.attr('enctype')).toBe('multipart/form-data');
    expect(form.find('input[type=file][name=file][multiple]').length).toBe(1);
  });

  it('searches file names (words inside them too) and alt text, by prefix', async () => {
    expect(await cardNames('?q=sunset')).toEqual(['harbour-sunset.png']);
    expect(await cardNames('?q=harb')).toEqual(['harbour-sunset.png']);
    expect(await cardNames('?q=pines')).toEqual(['forest.png']);
    expect(await cardNames('?q=fog+tall')).toEqual(['forest.png']);
    expect(await cardNames('?q=nothing-like-this')).toEqual([]);
    expect(await (await get('/cms/media?q=%25')).text()).toContain('No image matches');
  });

  it('shows what a plain upload did, from the redirect query', async () => {
    const refused = JSON.stringify([{ name: 'notes.txt', detail: 'This is not an image.' }]);
    const $ = cheerio.load(await (await get(`/cms/media?added=2&existing=1&refused=${encodeURIComponent(refused)}`)).text());
    const said = $('main [role=status]').text();
    expect(said).toContain('Uploaded 2 images.');
    expect(said).toContain('1 file was already in the library.');
    expect(said).toContain('notes.txt: This is not an image.');
  });

  it('pages through the library by keyset, newest first, with search kept', async () => {
    // Rows only (listing reads no file): 30 more, in a known order.
    const base = Date.parse('2020-01-01T00:00:00Z');
    const rows = Array.from({ length: 30 }, (_, i) => ({ i, hash: (i + 1).toString(16).padStart(64, 'a') }));
    const inserted = await db()
      .insert(media)
      .values(rows.map(({ i, hash }) => ({ sourceHash: hash, fileName: `bulk-${String(i).padStart(2, '0')}.png`, alt: '', format: 'png', width: 10, height: 10, bytes: 100, createdAt: new Date(base + i * 1000) })))
      .returning({ id: media.id, sourceHash: media.sourceHash });
    await db().insert(mediaFiles).values(inserted.map((r) => ({ mediaId: r.id, hash: r.sourceHash, format: 'png', width: 10, height: 10, bytes: 100, original: true })));
    try {
      const first = await get('/cms/media?q=bulk');
      const $ = cheerio.load(await first.text());
      const names = $('.media-card strong').map((_, e) => $(e).text()).get();
      expect(names).toHaveLength(24);
      expect(names[0]).toBe('bulk-29.png');
      const older = $('a').filter((_, e) => $(e).text().startsWith('Older images')).attr('href');
      expect(older).toMatch(/^\/cms\/media\?q=bulk&after=/);
      const $2 = cheerio.load(await (await get(older!)).text());
      expect($2('.media-card strong').map((_, e) => $2(e).text()).get()).toEqual(['bulk-05.png', 'bulk-04.png', 'bulk-03.png', 'bulk-02.png', 'bulk-01.png', 'bulk-00.png']);
      expect($2('a').filter((_, e) => $2(e).text().startsWith('Older images')).length).toBe(0);
      // A cursor someone typed is ignored, not an error.
      expect((await get('/cms/media?after=not-a-cursor')).status).toBe(200);
    } finally {
      await db().delete(media).where(inArray(media.id, inserted.map((r) => r.id)));
    }
  });
});

describe("an image's page", () => {
  it('shows the preview, the files, the URL and Markdown to copy', async () => {
    const res = await get(`/cms/media/${items.forest!.id}`);
    expect(res.status).toBe(200);
    const $ = cheerio.load(await res.text());
    const summary = mediaSummary(items.forest!);
    expect($('h1').text()).toBe('forest.png');
    // A WebP variant is shown; it links to the original.
    expect($('img.media-preview').attr('src')).toMatch(/^\/media\/[0-9a-f]{64}\/forest-\d+\.webp$/);
    expect($('img.media-preview').parent('a').attr('href')).toBe(summary.url);
    expect($('img.media-preview').attr('alt')).toBe('Tall pines in fog');
    expect($('#media-url').attr('value')).toBe(summary.url);
    expect($('#media-markdown').attr('value')).toBe('![Tall pines in fog](' + summary.url + ')');
    expect($('#media-id').attr('value')).toBe(items.forest!.id);
    expect($('table.cms-table tbody tr').length).toBe(items.forest!.files.length);
    expect($('main').text()).toContain('Nothing uses this image.');
  });

  it('says "not found" for an unknown or malformed id', async () => {
    // The page streams (partial prerendering), so its status is set before notFound() runs.
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const res = await get(`/cms/media/${id}`);
      const html = await res.text();
      // Next's not-found fallback, which the browser shows in place of the page.
      expect(html, id).toContain('NEXT_HTTP_ERROR_FALLBACK;404');
      const $ = cheerio.load(html);
      expect($('meta[name=robots]').attr('content')).toContain('noindex');
      expect($('main').text()).not.toContain('Used by');
    }
  });

  it('saves the alt text, and refuses a line break without changing anything', async () => {
    const alt = (id: string) => db().select({ alt: media.alt }).from(media).where(eq(media.id, id)).then((r) => r[0]?.alt);
    const saved = await submitForm(server.url, `/cms/media/${items.city!.id}`, editor, { form: 'form[aria-label="Alt text"]', fields: { alt: '  Night skyline with lights  ' } });
    expect(saved.outcome).toBe('flashed');
    expect(saved.messages.join(' ')).toContain('Saved the alt text.');
    expect(await alt(items.city!.id)).toBe('Night skyline with lights');
    expect(await cardNames('?q=skyline')).toEqual(['city-lights.png']);

    const refused = await submitForm(server.url, `/cms/media/${items.city!.id}`, editor, { form: 'form[aria-label="Alt text"]', fields: { alt: 'Two\nlines' } });
    expect(refused.outcome).toBe('flashed');
    expect(refused.fieldErrors.join(' ')).toContain('cannot contain control characters or line breaks');
    // What was typed comes back in the field.
    expect(cheerio.load(refused.html)('#alt').text()).toBe('Two\nlines');
    expect(await alt(items.city!.id)).toBe('Night skyline with lights');
  });
});

/**
 * The post form without the cover field's inputs, so these tests run whether or not the post type
 * takes them yet (lib/cms/types/post.ts gains coverMediaId and coverAlt in a parallel change).
 */
const NO_COVER_FIELDS = { coverMediaId: null, coverAlt: null };

describe('deleting', () => {
  const deleteForm = (item: MediaItem) => `form[aria-label="Delete ${item.fileName}"]`;
  const exists = (id: string) => db().select({ id: media.id }).from(media).where(eq(media.id, id)).then((r) => r.length === 1);

  it('is refused while a post uses the image (cover, Markdown or a staged edit), naming the posts', async () => {
    // Markdown: a published post's body.
    const forestMd = mediaSummary(items.forest!).markdown;
    const created = await submitForm(server.url, '/cms/posts/new', editor, {
      // The cover field's inputs are left out: the cover is set on the row below.
      fields: { title: 'Walk in the woods', slug: 'walk-in-the-woods', summary: 'Pines.', body: `Look:\n\n${forestMd}\n`, tags: '', ...NO_COVER_FIELDS },
      submit: { intent: 'publish' },
    });
    expect(created.outcome, created.messages.join(' | ') + created.fieldErrors.join(' | ')).toBe('redirected');
    // Cover: set on the row (the post form's cover field is tested in the browser).
    const [walk] = await db().select({ id: posts.id }).from(posts).where(eq(posts.slug, 'walk-in-the-woods'));
    await db().update(posts).set({ coverMediaId: items.harbour!.id }).where(eq(posts.id, walk!.id));
    // A staged edit of the published post names the city image.
    const cityMd = mediaSummary(items.city!).markdown;
    const staged = await submitForm(server.url, `/cms/posts/${walk!.id}`, editor, { fields: { body: `Look:\n\n${forestMd}\n\nAnd ${cityMd}`, ...NO_COVER_FIELDS }, submit: { intent: 'save' } });
    expect(['redirected', 'flashed']).toContain(staged.outcome);

    const cases: [MediaItem, string][] = [
      [items.harbour!, 'cover image'],
      [items.forest!, 'in the text'],
      [items.city!, 'in an unpublished edit'],
    ];
    for (const [item, how] of cases) {
      const page = cheerio.load(await (await get(`/cms/media/${item.id}`)).text());
      const uses = page('.media-uses li');
      expect(uses.text(), item.fileName).toContain('Walk in the woods');
      expect(uses.text()).toContain(how);
      expect(uses.find('a').attr('href')).toBe(`/cms/posts/${walk!.id}`);

      const res = await submitForm(server.url, `/cms/media/${item.id}`, editor, { form: deleteForm(item) });
      expect(res.outcome).toBe('flashed');
      expect(res.messages.join(' ')).toMatch(/in use and was not deleted.*Walk in the woods/);
      expect(await exists(item.id)).toBe(true);
    }
  });

  it('removes an unused image, its rows and its files', async () => {
    const item = items.unused!;
    const hashes = item.files.map((f) => f.hash);
    for (const h of hashes) expect(await store.exists(h)).toBe(true);
    const res = await submitForm(server.url, `/cms/media/${item.id}`, editor, { form: deleteForm(item) });
    expect(res.outcome).toBe('redirected');
    expect(res.location).toBe('/cms/media?deleted=unused.png');
    expect(await exists(item.id)).toBe(false);
    expect(await db().select().from(mediaFiles).where(eq(mediaFiles.mediaId, item.id))).toEqual([]);
    // The files go once the deletion is committed (after the response).
    await expect.poll(async () => (await Promise.all(hashes.map((h) => store.exists(h)))).some(Boolean), { timeout: 10_000 }).toBe(false);
    expect(await cardNames()).not.toContain('unused.png');
    const $ = cheerio.load(await (await get('/cms/media?deleted=unused.png')).text());
    expect($('main [role=status]').text()).toBe('Deleted “unused.png” and its files.');
  });
});

describe('without a session', () => {
  it('sends the pages to sign-in', async () => {
    for (const p of ['/cms/media', `/cms/media/${items.forest!.id}`]) {
      const res = await get(p, null);
      expect(res.status, p).toBeGreaterThanOrEqual(300);
      expect(res.status, p).toBeLessThan(400);
      expect(res.headers.get('location'), p).toMatch(/\/cms\/login/);
    }
  });

  it('changes nothing through the actions: no cookie is sent to sign-in, a forged one is refused', async () => {
    const jar = await signIn(server.url, 'editor');
    const page = `/cms/media/${items.forest!.id}`;
    for (const cookie of ['', 'better-auth.session_token=forged.token']) {
      const alt = await submitForm(server.url, page, jar, { form: 'form[aria-label="Alt text"]', fields: { alt: 'Hijacked' }, headers: { cookie } });
      const del = await submitForm(server.url, page, jar, { form: 'form[aria-label="Delete forest.png"]', headers: { cookie } });
      for (const res of [alt, del]) {
        if (cookie === '') expect(`${res.status} ${res.location}`).toMatch(/^303 .*\/cms\/login/);
        else expect(res.messages.join(' ')).toContain('session has ended');
      }
    }
    const [row] = await db().select({ alt: media.alt }).from(media).where(eq(media.id, items.forest!.id));
    expect(row?.alt).toBe('Tall pines in fog');
  });
});
