// Uploading media over HTTP (SPEC §9, issue 13), the same suite against each store: a folder
// (media-upload.test.ts) and an S3-compatible bucket (media-s3.test.ts). Every refusal is checked
// to store nothing: no row and no file.
import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { media, mediaFiles } from '@/db/schema';
import { getConfig, resetConfig } from '@/lib/config';
import { processImage, sha256 } from '@/lib/media/ingest';
import { getMediaStore, type MediaStore } from '@/lib/media/store';
import { sweepMedia, sweepMediaIfDue } from '@/lib/media/sweep';
import type { TestServer } from '../helpers/app-server';
import { signIn, type CookieJar } from '../helpers/cms-client';
import { multipart, photoJpeg, pixelBomb, smallPng, type Part } from '../helpers/media';

/** The upload limit the suite's servers run with (small, so "over the limit" stays quick). */
export const SUITE_MAX_BYTES = 2 * 1024 * 1024;

export function mediaUploadSuite(name: string, start: () => Promise<TestServer>) {
  describe(`media uploads (${name})`, () => {
    let server: TestServer;
    let editor: CookieJar;
    let store: MediaStore;
    beforeAll(async () => {
      server = await start();
      resetConfig();
      store = await getMediaStore();
      editor = await signIn(server.url, 'editor');
    });
    afterAll(async () => {
      await server?.close();
    });

    const db = () => server.handle.db;

    function upload(parts: Part[], options: { json?: boolean; jar?: CookieJar | null; origin?: string | null; headers?: Record<string, string> } = {}) {
      const { body, contentType } = multipart(parts);
      const jar = options.jar === undefined ? editor : options.jar;
      return fetch(`${server.url}/cms/media/upload`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          ...(options.json === false ? { accept: 'text/html' } : { accept: 'application/json' }),
          ...(options.origin === null ? {} : { origin: options.origin ?? server.url }),
          ...(jar ? { cookie: jar.header() } : {}),
          ...options.headers,
        },
        body,
        redirect: 'manual',
      });
    }
    const file = (data: Buffer | string, filename = 'photo.jpg', contentType = 'image/jpeg'): Part => ({ name: 'file', filename, contentType, data });

    async function objects(): Promise<string[]> {
      const keys: string[] = [];
      for await (const o of store.list()) keys.push(o.key);
      return keys.sort();
    }
    async function counts() {
      const [m] = await db().select({ n: count() }).from(media);
      const [f] = await db().select({ n: count() }).from(mediaFiles);
      return { media: m?.n ?? 0, files: f?.n ?? 0, objects: (await objects()).length };
    }
    /** Rows and store agree: every file row has its object, every object its row. */
    async function expectConsistent() {
      const rows = [...new Set((await db().select({ hash: mediaFiles.hash }).from(mediaFiles)).map((r) => r.hash))].sort();
      expect(await objects()).toEqual(rows);
    }

    it('takes a JPEG: 201, upright, metadata stripped, variants in WebP and AVIF with sizes recorded', async () => {
      const bytes = await photoJpeg(1200, 800, 1);
      const res = await upload([file(bytes, 'Harbour at dawn.JPG')]);
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { created: boolean; media: { id: string; fileName: string; width: number; height: number; url: string; thumbUrl: string; markdown: string } };
      expect(body.created).toBe(true);
      expect(body.media.fileName).toBe('harbour-at-dawn.jpg');
      // EXIF orientation 6 (90° clockwise) applied: 1200×800 becomes 800×1200.
      expect([body.media.width, body.media.height]).toEqual([800, 1200]);
      expect(body.media.url).toMatch(/^\/media\/[0-9a-f]{64}\/harbour-at-dawn\.jpg$/);
      expect(res.headers.get('location')).toBe(body.media.url);
      const files = await db().select().from(mediaFiles).where(eq(mediaFiles.mediaId, body.media.id));
      const formats = new Set(files.map((f) => f.format));
      expect(formats).toEqual(new Set(['jpeg', 'webp', 'avif']));
      expect(files.filter((f) => f.original)).toHaveLength(1);
      expect(Math.max(...files.map((f) => f.width))).toBe(800);
      expect(files.some((f) => f.width === 480)).toBe(true);
      // The stored bytes: what the row says, and no EXIF/GPS left.
      for (const f of files) {
        const stream = await store.read(f.hash);
        expect(stream).not.toBeNull();
        const stored = Buffer.from(await new Response(stream).arrayBuffer());
        expect(stored.byteLength).toBe(f.bytes);
        const meta = await sharp(stored).metadata();
        expect([meta.width, meta.height], `${f.format} ${f.width}`).toEqual([f.width, f.height]);
        expect(meta.exif, `${f.format} ${f.width} keeps no EXIF`).toBeUndefined();
        expect(meta.orientation ?? 1).toBe(1);
      }
      await expectConsistent();
    });

    it('serves an upload at once, even at a URL asked for (and found missing) just before', async () => {
      const bytes = await smallPng(77, 55, [5, 6, 7]);
      // Encoding is deterministic: the stored original's hash is known before the upload.
      const { files } = await processImage(bytes, 'png', getConfig().media);
      const hash = sha256(files.find((f) => f.original)!.bytes);
      expect((await fetch(`${server.url}/media/${hash}/late.png`)).status).toBe(404);
      const res = await upload([file(bytes, 'late.png', 'image/png')]);
      expect(res.status).toBe(201);
      const { media: item } = (await res.json()) as { media: { url: string } };
      expect(item.url).toBe(`/media/${hash}/late.png`);
      const got = await fetch(server.url + item.url);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await got.arrayBuffer()).equals(files.find((f) => f.original)!.bytes)).toBe(true);
    });

    it('stores the same bytes once: a second upload answers 200 with the same item', async () => {
      const bytes = await photoJpeg(1200, 800, 1);
      const before = await counts();
      const res = await upload([file(bytes, 'another-name.jpg')]);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { created: boolean; media: { fileName: string } };
      expect(body.created).toBe(false);
      expect(body.media.fileName).toBe('harbour-at-dawn.jpg');
      expect(await counts()).toEqual(before);
    });

    it('two uploads of the same new bytes at once make one item', async () => {
      const bytes = await photoJpeg(900, 600, 2);
      const before = await counts();
      const answers = await Promise.all([upload([file(bytes, 'a.jpg')]), upload([file(bytes, 'b.jpg')])]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
      const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { media: { id: string } }).media.id));
      expect(ids[0]).toBe(ids[1]);
      expect((await counts()).media).toBe(before.media + 1);
      await expectConsistent();
    });

    const refusals: { name: string; parts: () => Promise<Part[]>; status: number; detail: RegExp }[] = [
      { name: 'a text file named .jpg', parts: async () => [file('hello, I am not a picture\n'.repeat(20), 'holiday.jpg')], status: 415, detail: /not a JPEG, PNG, WebP, AVIF or GIF/ },
      { name: 'a truncated JPEG', parts: async () => [file((await photoJpeg(800, 600, 3)).subarray(0, 6000), 'cut.jpg')], status: 422, detail: /damaged or incomplete/ },
      { name: 'zero bytes', parts: async () => [file(Buffer.alloc(0), 'empty.png', 'image/png')], status: 422, detail: /empty/ },
      { name: 'a 100-megapixel PNG of a few hundred kilobytes', parts: async () => [file(await pixelBomb(), 'bomb.png', 'image/png')], status: 422, detail: /100\.0 million pixels/ },
      {
        name: 'an SVG with a script',
        parts: async () => [file('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>', 'logo.svg', 'image/svg+xml')],
        status: 415,
        detail: /SVG images are not accepted/,
      },
      { name: 'a file over the size limit', parts: async () => [file(Buffer.concat([await smallPng(), Buffer.alloc(SUITE_MAX_BYTES + 1000)]), 'huge.png', 'image/png')], status: 413, detail: /larger than 2 MB/ },
      { name: 'a multipart body without a file', parts: async () => [{ name: 'alt', data: 'just text' }], status: 400, detail: /at least one image/ },
    ];
    const REASON: Record<number, string> = { 400: 'Bad Request', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content' };
    for (const r of refusals) {
      it(`refuses ${r.name} with ${r.status} and stores nothing`, async () => {
        const before = await counts();
        const res = await upload(await r.parts());
        expect(res.status).toBe(r.status);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = (await res.json()) as { status: number; title: string; detail: string };
        expect(problem.status).toBe(r.status);
        // The status's RFC 9110 reason phrase, from the one problem builder (lib/http/problem.ts).
        expect(problem.title).toBe(REASON[r.status]);
        expect(problem.detail).toMatch(r.detail);
        expect(await counts()).toEqual(before);
      });
    }

    it('takes a file of exactly the size limit (the limit is inclusive)', async () => {
      const png = await smallPng(61, 61, [200, 10, 10]);
      const res = await upload([file(Buffer.concat([png, Buffer.alloc(SUITE_MAX_BYTES - png.length)]), 'exact.png', 'image/png')]);
      expect(res.status).not.toBe(413);
      expect(res.status).toBeLessThan(500);
    });

    it('a library cursor no timestamp column would take is ignored, not a 500', async () => {
      const forged = Buffer.from(JSON.stringify(['1', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
      const res = await fetch(`${server.url}/cms/media?after=${forged}`, { headers: { cookie: editor.header() } });
      expect(res.status).toBe(200);
    });

    it('only the upload URL itself skips the proxy: a cross-site action post beside it is refused 403', async () => {
      const res = await fetch(`${server.url}/cms/media/uploadx`, {
        method: 'POST',
        headers: { 'next-action': 'abc', origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8', cookie: editor.header() },
        body: '[]',
        redirect: 'manual',
      });
      expect(res.status).toBe(403);
    });

    it('refuses a body over the limit while it streams in, without a Content-Length', async () => {
      const before = await counts();
      const { body, contentType } = multipart([file(Buffer.concat([await smallPng(), Buffer.alloc(SUITE_MAX_BYTES * 2)]), 'stream.png', 'image/png')]);
      const res = await fetch(`${server.url}/cms/media/upload`, {
        method: 'POST',
        headers: { 'content-type': contentType, accept: 'application/json', origin: server.url, cookie: editor.header() },
        body: new Blob([body]).stream(),
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
      expect(res.status).toBe(413);
      expect(await counts()).toEqual(before);
    });

    it('makes hostile file names safe: ../, NUL, 300 characters, right-to-left marks', async () => {
      const names = ['../../../etc/passwd.jpg', `${'x'.repeat(300)}.png`, 'photo\u202Egnp.exe', 'C:\\Windows\\system32\\a.gif', '..', '%2e%2e%2fetc.png'];
      const parts = names.map((name) => (png: Buffer) => file(png, name, 'image/png'));
      // A NUL percent-encoded in RFC 5987 `filename*` reaches the name as a real NUL.
      parts.push((png) => ({ name: 'file', filename: 'x.png', filenameStar: 'evil%00name%2F..%2F.png', contentType: 'image/png', data: png }));
      for (const [i, part] of parts.entries()) {
        const res = await upload([part(await smallPng(40 + i, 30))]);
        const name = String(i);
        expect(res.status, name).toBe(201);
        const { media: m } = (await res.json()) as { media: { fileName: string; url: string } };
        expect(m.fileName, name).toMatch(/^[a-z0-9_-]{1,80}\.png$/);
        expect(m.url).toMatch(/^\/media\/[0-9a-f]{64}\/[a-z0-9_-]+\.png$/);
      }
      await expectConsistent();
    });

    it('refuses a raw NUL in a part header as a malformed body, storing nothing', async () => {
      const before = await counts();
      const res = await upload([file(await smallPng(33, 33), 'evil\u0000name.png', 'image/png')]);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/malformed/);
      expect(await counts()).toEqual(before);
    });

    it('refuses uploads without a session or from another origin before reading them', async () => {
      const before = await counts();
      const parts = [file(await smallPng(50, 50, [1, 2, 3]))];
      const anonymous = await upload(parts, { jar: null });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const plain = await upload(parts, { jar: null, json: false });
      expect(plain.status).toBe(303);
      expect(plain.headers.get('location')).toMatch(/^\/cms\/login/);
      const forged = await upload(parts, { origin: 'https://evil.example' });
      expect(forged.status).toBe(403);
      const noOrigin = await upload(parts, { origin: null });
      expect(noOrigin.status).toBe(403);
      const bogusCookie = await upload(parts, { jar: null, headers: { cookie: 'better-auth.session_token=forged.value' } });
      expect(bogusCookie.status).toBe(401);
      expect(await counts()).toEqual(before);
    });

    it('without JavaScript: several files in one form post, then back to the library with what happened', async () => {
      const before = await counts();
      const res = await upload([file(await smallPng(70, 70, [9, 9, 9]), 'good.png', 'image/png'), file('not an image', 'bad.jpg'), file(await smallPng(71, 70, [9, 9, 9]), 'good-2.png', 'image/png')], { json: false });
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get('location') ?? '', server.url);
      expect(location.pathname).toBe('/cms/media');
      expect(location.searchParams.get('added')).toBe('2');
      const refused = JSON.parse(location.searchParams.get('refused') ?? '[]') as { name: string; detail: string }[];
      expect(refused).toEqual([{ name: 'bad.jpg', detail: expect.stringMatching(/not a JPEG/) }]);
      expect((await counts()).media).toBe(before.media + 2);
      await expectConsistent();
    });

    it('the sweep removes files no row names (an upload that died before its row), and nothing else', async () => {
      const orphan = Buffer.from('left by a process that died mid-upload');
      const { createHash } = await import('node:crypto');
      const key = createHash('sha256').update(orphan).digest('hex');
      await store.put(key, orphan, 'image/png');
      const before = await objects();
      expect(before).toContain(key);
      // Young files are left alone (their upload may still be writing its row).
      expect((await sweepMedia(db(), store)).removed).toBe(0);
      const later = await sweepMedia(db(), store, new Date(Date.now() + 2 * 60 * 60 * 1000));
      expect(later.removed).toBe(1);
      expect(await objects()).toEqual(before.filter((k) => k !== key));
      await expectConsistent();
      // The scheduler's hourly run: the first caller claims it, the next within the hour does not.
      const hourLater = new Date(Date.now() + 3 * 60 * 60 * 1000);
      expect(await sweepMediaIfDue(db(), store, hourLater)).toEqual({ checked: before.length - 1, removed: 0 });
      expect(await sweepMediaIfDue(db(), store, new Date(hourLater.getTime() + 60_000))).toBeUndefined();
    });
  });
}
