// Media for `npm run bench`, prepared on the benchmark database before any server starts:
// - the file the warm media scenarios serve (one photo, stored once and kept: same bytes, same
//   item, every run);
// - the cost of an upload (sniff, decode, orient, strip, encode every variant, store, rows) per
//   megapixel, from photo-like JPEGs of a few sizes, each ingested once and removed again.
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { openDatabase } from '../../db/client';
import { media } from '../../db/schema';
import { mediaPath } from '../../lib/media/documents';
import { isMediaFormat } from '../../lib/media/formats';
import { ingestImage, type MediaLimits } from '../../lib/media/ingest';
import { createMediaStore } from '../../lib/media/store';

export interface IngestTiming {
  label: string;
  width: number;
  height: number;
  megapixels: number;
  inputBytes: number;
  files: number;
  ms: number;
  msPerMegapixel: number;
}

export interface MediaBench {
  /** The path the warm media scenarios request: the 960-wide WebP variant, as pages' srcset picks it. */
  servedPath: string;
  servedBytes: number;
  ingest: IngestTiming[];
}

// Generous limits: the photos are what is measured, not the refusals.
const LIMITS: MediaLimits = { maxBytes: 64 * 1024 * 1024, maxPixels: 40_000_000 };
const SIZES = [
  { label: '2 MP', width: 1732, height: 1155 },
  { label: '6 MP', width: 3000, height: 2000 },
  { label: '12 MP', width: 4240, height: 2832 },
];

/**
 * A JPEG that compresses like a photo: smooth shapes (a small random image enlarged) plus
 * sensor-like noise, quality 85. Pure noise would be several times larger than a photo; a
 * flat colour far smaller.
 */
export async function photoLikeJpeg(width: number, height: number, seed: number): Promise<Uint8Array> {
  let x = seed >>> 0 || 1;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
  const small = Buffer.alloc(16 * 12 * 3);
  for (let i = 0; i < small.length; i++) small[i] = next();
  const raw = await sharp(small, { raw: { width: 16, height: 12, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).raw().toBuffer();
  for (let i = 0; i < raw.length; i++) raw[i] = Math.max(0, Math.min(255, raw[i]! + (next() >> 3) - 16));
  return new Uint8Array(await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer());
}

export async function prepareMediaBench(dataDir: string, quick: boolean, progress: (line: string) => void): Promise<MediaBench> {
  const handle = await openDatabase({ driver: 'pglite', dataDir });
  // Where the server will look: the folder beside its database (lib/config.ts's default).
  const store = await createMediaStore({ kind: 'folder', dir: process.env.GAZETTE_MEDIA_DIR ?? path.join(path.dirname(dataDir), 'media') });
  try {
    // The served photo (also warms sharp up before anything is timed).
    const served = await ingestImage(handle.db, store, { bytes: await photoLikeJpeg(1600, 1067, 42), fileName: 'bench-photo.jpg', editorId: null }, LIMITS);
    const file = served.item.files.find((f) => f.format === 'webp' && f.width === 960) ?? served.item.files.find((f) => f.original)!;
    if (!isMediaFormat(file.format)) throw new Error(`unexpected format ${file.format}`);
    const servedPath = mediaPath({ ...file, format: file.format }, served.item.fileName);

    const ingest: IngestTiming[] = [];
    for (const size of quick ? SIZES.slice(0, 2) : SIZES) {
      // A new seed each run: the same bytes would be found, not processed.
      const bytes = await photoLikeJpeg(size.width, size.height, randomInt(1, 2 ** 31));
      progress(`media: ingesting a ${size.label} photo (${(bytes.byteLength / 1e6).toFixed(1)} MB)`);
      const started = performance.now();
      const { item } = await ingestImage(handle.db, store, { bytes, fileName: 'timed.jpg', editorId: null }, LIMITS);
      const ms = performance.now() - started;
      const megapixels = (size.width * size.height) / 1e6;
      ingest.push({ ...size, megapixels, inputBytes: bytes.byteLength, files: item.files.length, ms, msPerMegapixel: ms / megapixels });
      await handle.db.delete(media).where(eq(media.id, item.id));
      for (const f of item.files) await store.delete(f.hash);
    }
    return { servedPath, servedBytes: file.bytes, ingest };
  } finally {
    await handle.close();
  }
}
