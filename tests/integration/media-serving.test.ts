// Media files over HTTP (SPEC §9, RFC 9110 §13–§15) against the production build: the headers
// of a stored image, 304s, byte ranges, HEAD, and what unknown, hostile or broken requests get.
import http from 'node:http';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCount } from '@/db/client';
import { media } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { allowFor } from '@/lib/http/allow';
import { ingestImage, type MediaItem } from '@/lib/media/ingest';
import { getMediaStore } from '@/lib/media/store';
import { startTestServer, type TestServer } from '../helpers/app-server';

let server: TestServer;
let item: MediaItem;
let original: MediaItem['files'][number];
let bytes: Uint8Array;
let url: string;

/** A small photo-like PNG: noise, so every byte range differs from its neighbours. */
async function noisyPng(width: number, height: number, seed: number): Promise<Uint8Array> {
  const raw = Buffer.alloc(width * height * 3);
  let x = seed;
  for (let i = 0; i < raw.length; i++) raw[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return new Uint8Array(await sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer());
}

async function ingest(seed: number, fileName: string): Promise<MediaItem> {
  const upload = { bytes: await noisyPng(40, 30, seed), fileName, editorId: null };
  return (await ingestImage(server.handle.db, await getMediaStore(), upload, getConfig().media)).item;
}

async function stored(hash: string): Promise<Uint8Array> {
  const stream = await (await getMediaStore()).read(hash);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(server.url + path, { method, headers });
const body = async (res: Response) => new Uint8Array(await res.arrayBuffer());
/** Response headers without the ones that differ between any two answers. */
const headersOf = (res: Response) =>
  Object.fromEntries([...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name)));
/**
 * Next 16.4 drops Content-Length from every route handler response (send-response.js,
 * FORBIDDEN_HEADERS) and streams the body chunked; where a length is sent, it must be right.
 */
const expectLength = (res: Response, length: number) => {
  const sent = res.headers.get('content-length');
  if (sent !== null) expect(sent).toBe(String(length));
};

beforeAll(async () => {
  server = await startTestServer();
  item = await ingest(1, 'Harbour at dawn.png');
  original = item.files.find((f) => f.original)!;
  bytes = await stored(original.hash);
  url = `/media/${original.hash}/harbour-at-dawn.png`;
});
afterAll(async () => {
  await server?.close();
});

describe('GET /media/{hash}/{name}', () => {
  it('answers 200 with the stored bytes and every header of an immutable file', async () => {
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(headersOf(res)).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"${original.hash}"`,
      'accept-ranges': 'bytes',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': 'inline',
      'access-control-allow-origin': '*',
    });
    expect(res.headers.has('content-encoding')).toBe(false);
    expectLength(res, original.bytes);
    expect(await body(res)).toEqual(bytes);
    expect(bytes.byteLength).toBe(original.bytes);
  });

  it('takes the type from the stored file, never from the name', async () => {
    const webp = item.files.find((f) => f.format === 'webp')!;
    for (const name of ['x.html', 'x.svg', 'x']) {
      const res = await get(`/media/${webp.hash}/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(await body(res)).toEqual(await stored(webp.hash));
    }
  });

  it('answers 304 to its ETag with the same validators and caching headers, and no body', async () => {
    for (const tag of [`"${original.hash}"`, `W/"${original.hash}"`, `"other", "${original.hash}"`, '*']) {
      const res = await get(url, { 'if-none-match': tag });
      expect(res.status, tag).toBe(304);
      expect(res.headers.get('etag')).toBe(`"${original.hash}"`);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await res.text()).toBe('');
    }
    expect((await get(url, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('runs no database query once warm, for a 200 or a 304', async () => {
    await (await get(url)).arrayBuffer();
    const before = queryCount();
    await (await get(url)).arrayBuffer();
    await (await get(url, { 'if-none-match': `"${original.hash}"` })).arrayBuffer();
    expect(queryCount() - before).toBe(0);
  });
});

describe('byte ranges', () => {
  const size = () => bytes.byteLength;

  it('serves the first bytes, a suffix and an open-ended range as 206 with the exact bytes', async () => {
    const cases: [string, number, number][] = [
      ['bytes=0-15', 0, 15],
      ['bytes=-16', size() - 16, size() - 1],
      [`bytes=${size() - 10}-`, size() - 10, size() - 1],
      ['bytes=100-100', 100, 100],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(url, { range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size()}`);
      expectLength(res, end - start + 1);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('etag')).toBe(`"${original.hash}"`);
      expect(await body(res)).toEqual(bytes.slice(start, end + 1));
    }
  });

  it('answers 416 with the complete length when no range overlaps the file', async () => {
    const res = await get(url, { range: `bytes=${size()}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${size()}`);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ status: 416, title: 'Range Not Satisfiable' });
  });

  it('applies Range when If-Range is the ETag, and sends the whole file when it is not', async () => {
    const matching = await get(url, { range: 'bytes=0-9', 'if-range': `"${original.hash}"` });
    expect(matching.status).toBe(206);
    expect(await body(matching)).toEqual(bytes.slice(0, 10));
    for (const ifRange of [`W/"${original.hash}"`, '"stale"', 'Tue, 01 Dec 2026 00:00:00 GMT']) {
      const res = await get(url, { range: 'bytes=0-9', 'if-range': ifRange });
      expect(res.status, ifRange).toBe(200);
      expect(await body(res)).toEqual(bytes);
    }
  });

  it('answers a request for several disjoint ranges with the whole file', async () => {
    const res = await get(url, { range: 'bytes=0-1,10-11' });
    expect(res.status).toBe(200);
    expect(res.headers.has('content-range')).toBe(false);
    expect(await body(res)).toEqual(bytes);
  });

  it('prefers 304 to 206 when If-None-Match matches (RFC 9110 §13.2.2)', async () => {
    const res = await get(url, { range: 'bytes=0-9', 'if-none-match': `"${original.hash}"` });
    expect(res.status).toBe(304);
  });
});

describe('CORS', () => {
  it('lets any origin read a file, ranges and validators included', async () => {
    const preflight = await get(url, { origin: 'https://partner.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range, if-range, if-none-match' }, 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toEqual(expect.stringContaining('Range, If-Range'));
    const res = await get(url, { origin: 'https://partner.example', range: 'bytes=0-0' });
    expect(res.status).toBe(206);
    expect(res.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('Content-Range'));
    await res.arrayBuffer();
  });
});

describe('HEAD', () => {
  it('answers with the headers of GET and no body', async () => {
    const [getRes, headRes] = [await get(url), await get(url, {}, 'HEAD')];
    expect(headRes.status).toBe(200);
    expect(headersOf(headRes)).toEqual(headersOf(getRes));
    await getRes.arrayBuffer();
    // On the wire: nothing after the header block.
    const raw = await new Promise<{ status: number; length: number }>((resolve, reject) => {
      const req = http.request(server.url + url, { method: 'HEAD' }, (res) => {
        let length = 0;
        res.on('data', (chunk: Buffer) => (length += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode!, length }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(raw).toEqual({ status: 200, length: 0 });
  });

  it('ignores Range (RFC 9110 §14.2) and still answers 304 and 404', async () => {
    const ranged = await get(url, { range: 'bytes=0-9' }, 'HEAD');
    expect(ranged.status).toBe(200);
    expect(ranged.headers.has('content-range')).toBe(false);
    expectLength(ranged, bytes.byteLength);
    expect((await get(url, { 'if-none-match': `"${original.hash}"` }, 'HEAD')).status).toBe(304);
    expect((await get(`/media/${'0'.repeat(64)}/x.png`, {}, 'HEAD')).status).toBe(404);
  });
});

describe('what is not a served file', () => {
  const expectProblem = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const doc = (await res.json()) as { status: number; detail?: string };
    expect(doc.status).toBe(status);
    expect(JSON.stringify(doc)).not.toMatch(/at \w+ \(|\/work\/|select /i);
  };

  it('answers 404 for a hash no file has, and for anything that is not a hash', async () => {
    await expectProblem(await get(`/media/${'a'.repeat(64)}/x.png`), 404);
    for (const hash of ['nope', original.hash.toUpperCase(), original.hash.slice(1), `${original.hash}0`, item.id]) {
      await expectProblem(await get(`/media/${hash}/x.png`), 404);
    }
  });

  it('answers 404, never 5xx, to hostile names and headers', async () => {
    for (const name of ['%00', 'a%00.png', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', `${'n'.repeat(300)}.png`, '%E2%80%AEgnp.exe']) {
      const res = await get(`/media/${original.hash}/${name}`);
      expect(res.status, name).toBeLessThan(500);
      await res.arrayBuffer();
    }
    await expectProblem(await get(`/media/${original.hash}/${'n'.repeat(300)}.png`), 404);
    await expectProblem(await get(`/media/${original.hash}/a%00.png`), 404);
    const hugeRange = `bytes=${Array.from({ length: 1500 }, (_, i) => `${i}-${i}`).join(',')}`;
    const res = await get(url, { range: hugeRange, 'if-range': 'W/"x"'.repeat(100) });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual(bytes);
  });

  it('answers POST, PUT and DELETE with 405 and Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await get(url, {}, method);
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe(allowFor(url));
      await res.arrayBuffer();
    }
    expect(allowFor(url)).toBe('GET, HEAD, OPTIONS');
  });

  it('answers 503, never 500, when the store has lost a file a row names, and logs it', async () => {
    const lost = (await ingest(2, 'lost.png')).files.find((f) => f.original)!;
    await (await getMediaStore()).delete(lost.hash);
    for (const method of ['GET', 'HEAD']) {
      const res = await get(`/media/${lost.hash}/lost.png`, {}, method);
      expect(res.status, method).toBe(503);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('retry-after')).toBe('30');
      if (method === 'GET') await expectProblem(res, 503);
    }
  });

  it('answers 404 for a deleted item even while its lookup is still cached', async () => {
    const gone = await ingest(3, 'gone.png');
    const file = gone.files.find((f) => f.original)!;
    expect((await get(`/media/${file.hash}/gone.png`, {}, 'HEAD')).status).toBe(200);
    // Deleted behind the cache's back (no updateTag): the cached lookup still names the file.
    await server.handle.db.delete(media).where(eq(media.id, gone.id));
    for (const f of gone.files) await (await getMediaStore()).delete(f.hash);
    await expectProblem(await get(`/media/${file.hash}/gone.png`), 404);
  });
});
