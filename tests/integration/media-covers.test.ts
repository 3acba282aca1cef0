// Post covers and body images everywhere content goes (SPEC §9): the post JSON and its OpenAPI
// schema, RSS/Atom/JSON Feed as real parsers read them, Open Graph, the post page's responsive
// markup, and the CMS refusing a cover that no longer exists. The demo content has covers
// (db/seed/images.ts); the template's media folder is copied beside each server's database.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as cheerio from 'cheerio';
import { and, eq } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import request from 'supertest';
import { getText } from '../helpers/text-get';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, mediaFiles, posts, revisions } from '@/db/schema';
import { seedCoverKey, stableUuid } from '@/db/seed';
import { seedPosts } from '@/db/seed/content';
import { seedImages } from '@/db/seed/images';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { signIn, submitForm, type CookieJar } from '../helpers/cms-client';

let server: TestServer;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer();
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
});

const published = seedPosts.filter((p) => p.status === 'published');
const WITH_COVER = 'etags-explained';
const WITH_BODY_IMAGE = 'cdn-cache-control';
const withoutCover = published.find((p) => seedCoverKey(p) === null)!;
const coverImage = seedImages.find((i) => i.key === seedCoverKey(published.find((p) => p.slug === WITH_COVER)!))!;

const MEDIA_URL = () => new RegExp(`^${server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/media/[0-9a-f]{64}/[a-z0-9_-]+\\.(jpg|png|webp|avif)$`);

interface FileDoc {
  url: string;
  type: string;
  width: number;
  height: number;
  bytes: number;
}
interface CoverDoc extends FileDoc {
  alt: string;
  variants: FileDoc[];
}

const text = (p: string, accept?: string) => getText(server.url, p, accept);

async function coverOf(slug: string): Promise<CoverDoc> {
  const res = await request(server.url).get(`/api/posts/${slug}`);
  expect(res.status).toBe(200);
  return res.body.cover as CoverDoc;
}

describe('the post JSON', () => {
  it('carries the cover: the original and every variant, absolute URLs, sizes and types', async () => {
    const cover = await coverOf(WITH_COVER);
    expect(cover).toMatchObject({ type: 'image/jpeg', width: coverImage.width, height: coverImage.height, alt: coverImage.alt });
    expect(cover.url).toMatch(MEDIA_URL());
    expect(cover.bytes).toBeGreaterThan(0);
    for (const v of cover.variants) {
      expect(v.url).toMatch(MEDIA_URL());
      expect(v.bytes).toBeGreaterThan(0);
      expect(v.width / v.height).toBeCloseTo(cover.width / cover.height, 1);
    }
    const kinds = new Set(cover.variants.map((v) => `${v.type} ${v.width}`));
    for (const w of [480, 960, 1200]) {
      expect(kinds).toContain(`image/webp ${w}`);
      expect(kinds).toContain(`image/avif ${w}`);
    }
    expect(kinds).toContain('image/jpeg 480');
  });

  it('shows the cover in the text/html representation too', async () => {
    const cover = await coverOf(WITH_COVER);
    const $ = cheerio.load((await text(`/api/posts/${WITH_COVER}`, 'text/html')).body);
    const img = $('article figure img');
    expect(img.attr('src')).toMatch(MEDIA_URL());
    expect([img.attr('width'), img.attr('height'), img.attr('alt')]).toEqual([String(cover.width), String(cover.height), cover.alt]);
    expect(img.attr('srcset')).toMatch(/\.jpg 480w, .*\.jpg 960w, .*\.jpg 1200w$/);
  });

  it('is null for a post without a cover, and the list summaries carry covers too', async () => {
    expect((await request(server.url).get(`/api/posts/${withoutCover.slug}`)).body.cover).toBeNull();
    const list = await request(server.url).get('/api/posts?limit=100');
    const bySlug = new Map<string, { cover: CoverDoc | null }>(list.body.data.map((p: { slug: string; cover: CoverDoc | null }) => [p.slug, p]));
    expect(bySlug.get(WITH_COVER)?.cover).toEqual(await coverOf(WITH_COVER));
    expect(bySlug.get(withoutCover.slug)?.cover).toBeNull();
  });

  it('keeps a stable ETag while nothing changes (the cover is part of the representation)', async () => {
    const a = await request(server.url).get(`/api/posts/${WITH_COVER}`);
    const b = await request(server.url).get(`/api/posts/${WITH_COVER}`);
    expect(a.headers.etag).toBe(b.headers.etag);
    expect((await request(server.url).get(`/api/posts/${WITH_COVER}`).set('If-None-Match', a.headers.etag!)).status).toBe(304);
  });

  it('conforms to the OpenAPI document, where Image is a named schema', async () => {
    const doc = (await request(server.url).get('/api/openapi.json')).body;
    expect(doc.components.schemas.Image).toBeDefined();
    const validate = (p: string, body: unknown) => {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
      const schema = doc.paths[p].get.responses['200'].content['application/json'].schema;
      const check = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
      check(body);
      expect(check.errors ?? [], p).toEqual([]);
    };
    validate('/api/posts/{slug}', (await request(server.url).get(`/api/posts/${WITH_COVER}`)).body);
    validate('/api/posts/{slug}', (await request(server.url).get(`/api/posts/${withoutCover.slug}`)).body);
    validate('/api/posts', (await request(server.url).get('/api/posts?limit=50')).body);
  });

  it('resolves a library image in the body to srcset, sizes, width and height, with absolute URLs', async () => {
    const post = (await request(server.url).get(`/api/posts/${WITH_BODY_IMAGE}`)).body;
    expect(post.contentMarkdown).toMatch(/!\[[^\]]+\]\(\/media\/[0-9a-f]{64}\/cache-layers\.png\)/);
    const $ = cheerio.load(post.contentHtml);
    const img = $('img').first();
    expect(img.attr('src')).toMatch(MEDIA_URL());
    expect(img.attr('width')).toBe('1200');
    expect(img.attr('height')).toBe('600');
    expect(img.attr('loading')).toBe('lazy');
    const set = img.attr('srcset')!.split(', ');
    expect(set.map((s) => s.split(' ')[1])).toEqual(['480w', '960w', '1200w']);
    for (const s of set) expect(s.split(' ')[0]).toMatch(MEDIA_URL());
    expect(img.attr('sizes')).toMatch(/rem/);
  });
});

describe('the feeds', () => {
  const enclosureOf = async (slug: string) => {
    const cover = await coverOf(slug);
    return [cover, ...cover.variants].find((f) => f.type === 'image/jpeg' && f.width === 1200)!;
  };

  it('RSS 2.0: an <enclosure> with url, length and type, as rss-parser and fast-xml-parser read it', async () => {
    const res = await text('/feed.xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const feed = await new Parser().parseString(res.body);
    const want = await enclosureOf(WITH_COVER);
    const item = feed.items.find((i) => i.link === `${server.url}/posts/${WITH_COVER}`)!;
    expect(item.enclosure).toEqual({ url: want.url, length: String(want.bytes), type: 'image/jpeg' });
    expect(feed.items.find((i) => i.link === `${server.url}/posts/${withoutCover.slug}`)!.enclosure).toBeUndefined();
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(res.body);
    const raw = xml.rss.channel.item.find((i: { link: string }) => i.link === `${server.url}/posts/${WITH_COVER}`);
    expect(raw.enclosure).toEqual({ url: want.url, length: String(want.bytes), type: 'image/jpeg' });
  });

  it('Atom: a link rel="enclosure" with type, length and href (RFC 4287 §4.2.7)', async () => {
    const res = await text('/atom.xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'link' || name === 'entry' }).parse(res.body);
    const entry = xml.feed.entry.find((e: { id: string }) => e.id === `urn:uuid:${stableUuid(`post:${WITH_COVER}`)}`);
    const want = await enclosureOf(WITH_COVER);
    expect(entry.link).toContainEqual({ rel: 'enclosure', type: 'image/jpeg', length: String(want.bytes), href: want.url });
    expect(entry.link).toContainEqual({ href: `${server.url}/posts/${WITH_COVER}` });
    const plain = xml.feed.entry.find((e: { id: string }) => e.id === `urn:uuid:${stableUuid(`post:${withoutCover.slug}`)}`);
    expect(plain.link.filter((l: { rel?: string }) => l.rel === 'enclosure')).toEqual([]);
  });

  it('JSON Feed 1.1: `image` and `banner_image`, valid against the schema', async () => {
    const res = await text('/feed.json');
    const body = JSON.parse(res.body);
    const schema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../helpers/jsonfeed-1.1.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    validate(body);
    expect(validate.errors ?? []).toEqual([]);
    const item = body.items.find((i: { url: string }) => i.url === `${server.url}/posts/${WITH_COVER}`);
    const want = await enclosureOf(WITH_COVER);
    expect(item.image).toBe(want.url);
    expect(item.banner_image).toBe(want.url);
    expect(body.items.find((i: { url: string }) => i.url === `${server.url}/posts/${withoutCover.slug}`).image).toBeUndefined();
  });
});

describe('the post page', () => {
  it('names the cover as og:image and twitter:image, with its size and alt', async () => {
    const $ = cheerio.load((await text(`/posts/${WITH_COVER}`)).body);
    const meta = (key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr('content');
    const want = [await coverOf(WITH_COVER)].map((c) => [c, ...c.variants].find((f) => f.type === 'image/jpeg' && f.width === 1200)!)[0]!;
    expect(meta('og:image')).toBe(want.url);
    expect(meta('og:image:width')).toBe('1200');
    expect(meta('og:image:height')).toBe(String(coverImage.height));
    expect(meta('og:image:type')).toBe('image/jpeg');
    expect(meta('og:image:alt')).toBe(coverImage.alt);
    expect(meta('twitter:image')).toBe(want.url);
    expect(meta('twitter:card')).toBe('summary_large_image');
  });

  it('keeps the generated card for a post without a cover', async () => {
    const $ = cheerio.load((await text(`/posts/${withoutCover.slug}`)).body);
    expect($('meta[property="og:image"]').attr('content')).toBe(`${server.url}/posts/${withoutCover.slug}/opengraph-image`);
    expect($('picture.post-cover')).toHaveLength(0);
  });

  it('shows the cover as <picture>: AVIF and WebP sources, an <img> with srcset, sizes, width and height, fetched first', async () => {
    const $ = cheerio.load((await text(`/posts/${WITH_COVER}`)).body);
    const picture = $('article picture.post-cover');
    expect(picture).toHaveLength(1);
    const sources = picture.find('source');
    expect(sources.map((_, s) => $(s).attr('type')).get()).toEqual(['image/avif', 'image/webp']);
    for (const s of sources.toArray()) {
      expect($(s).attr('srcset')).toMatch(/ 480w, .* 960w, .* 1200w$/);
      expect($(s).attr('sizes')).toBeTruthy();
    }
    const img = picture.find('img');
    expect(img.attr('width')).toBe(String(coverImage.width));
    expect(img.attr('height')).toBe(String(coverImage.height));
    expect(img.attr('alt')).toBe(coverImage.alt);
    expect(img.attr('src')).toMatch(MEDIA_URL());
    expect(img.attr('srcset')).toMatch(/\.jpg 480w, .*\.jpg 960w, .*\.jpg 1200w$/);
    expect(img.attr('fetchpriority')).toBe('high');
    expect(img.attr('loading')).toBeUndefined();
    expect(img.attr('decoding')).toBe('async');
  });

  it('gives a library image in the body srcset, width, height and lazy loading', async () => {
    const $ = cheerio.load((await text(`/posts/${WITH_BODY_IMAGE}`)).body);
    const img = $('.post-body img').first();
    expect(img.attr('srcset')).toMatch(/cache-layers-480\.png 480w/);
    expect(img.attr('sizes')).toBeTruthy();
    expect([img.attr('width'), img.attr('height'), img.attr('loading')]).toEqual(['1200', '600', 'lazy']);
  });
});

describe.skipIf(!chromiumAvailable())('the post page in Chromium', () => {
  for (const width of [390, 1280]) {
    it(`never shows an image wider than the column at ${width} px`, async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width, height: 900 }, javaScriptEnabled: false });
        for (const slug of [WITH_COVER, WITH_BODY_IMAGE]) {
          expect((await page.goto(`${server.url}/posts/${slug}`))?.status()).toBe(200);
          const boxes = await page.evaluate(() => {
            const column = document.querySelector('article')!.getBoundingClientRect();
            return {
              column: { left: column.left, right: column.right },
              images: [...document.querySelectorAll('article img')].map((img) => {
                const r = img.getBoundingClientRect();
                return { left: r.left, right: r.right };
              }),
              scroll: document.documentElement.scrollWidth,
              inner: window.innerWidth,
            };
          });
          expect(boxes.images.length, slug).toBeGreaterThan(0);
          for (const box of boxes.images) {
            expect(box.left, slug).toBeGreaterThanOrEqual(boxes.column.left - 0.5);
            expect(box.right, slug).toBeLessThanOrEqual(boxes.column.right + 0.5);
          }
          expect(boxes.scroll, `${slug} at ${width} px`).toBeLessThanOrEqual(boxes.inner);
        }
      } finally {
        await browser.close();
      }
    });
  }
});

describe('the cover field in the CMS', () => {
  const db = () => server.handle.db;

  async function libraryImage(name: string) {
    const [item] = await db()
      .insert(media)
      .values({ sourceHash: name.padEnd(64, '0').slice(0, 64), fileName: `${name}.png`, alt: 'Test image', format: 'png', width: 10, height: 10, bytes: 100 })
      .returning();
    await db().insert(mediaFiles).values({ mediaId: item!.id, hash: name.padEnd(64, '1').slice(0, 64), format: 'png', width: 10, height: 10, bytes: 100, original: true });
    return item!;
  }

  it('refuses a cover that is not in the library, on the field', async () => {
    const res = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title: 'Ghost cover', slug: 'ghost-cover', body: 'x', tags: '', coverMediaId: '00000000-0000-4000-8000-000000000000', coverAlt: '' },
      submit: { intent: 'save' },
    });
    expect(res.outcome).not.toBe('redirected');
    expect(res.messages.join(' ')).toMatch(/no longer in the media library/);
    expect(await db().select().from(posts).where(eq(posts.slug, 'ghost-cover'))).toEqual([]);
  });

  it('restoring a revision whose cover was since deleted gives a field error, not a 500', async () => {
    const image = await libraryImage('abc123');
    const created = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title: 'Covered', slug: 'covered-then-not', body: 'x', tags: '', coverMediaId: image.id, coverAlt: 'Its own alt' },
      submit: { intent: 'save' },
    });
    expect(created.outcome, created.messages.join(' | ')).toBe('redirected');
    const [post] = await db().select().from(posts).where(eq(posts.slug, 'covered-then-not'));
    expect([post!.coverMediaId, post!.coverAlt]).toEqual([image.id, 'Its own alt']);
    const removed = await submitForm(server.url, `/cms/posts/${post!.id}`, editor, { fields: { coverMediaId: '', coverAlt: '' }, submit: { intent: 'save' } });
    expect(removed.outcome, removed.messages.join(' | ')).toBe('redirected');
    await db().delete(mediaFiles).where(eq(mediaFiles.mediaId, image.id));
    await db().delete(media).where(eq(media.id, image.id));
    const [first] = await db().select().from(revisions).where(and(eq(revisions.entityType, 'post'), eq(revisions.entityId, post!.id), eq(revisions.entityVersion, 1)));
    expect(first!.snapshot).toMatchObject({ coverMediaId: image.id, coverAlt: 'Its own alt', coverName: 'abc123.png' });
    const compare = await fetch(`${server.url}/cms/posts/${post!.id}/revisions/${first!.id}`, { headers: { cookie: editor.header() } });
    expect(await compare.text()).toContain('abc123.png');
    const res = await submitForm(server.url, `/cms/posts/${post!.id}/revisions/${first!.id}/restore`, editor, {});
    expect(res.status).toBeLessThan(500);
    expect(res.outcome).not.toBe('redirected');
    expect(res.messages.join(' ')).toMatch(/cover image is no longer in the media library/);
    const [after] = await db().select().from(posts).where(eq(posts.id, post!.id));
    expect([after!.version, after!.coverMediaId]).toEqual([2, null]);
  });
});
