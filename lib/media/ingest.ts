// An upload becomes a media item (SPEC §9): the bytes are checked by content (never by name),
// bounded in pixels, decoded, turned upright, stripped of metadata (EXIF, GPS, XMP) and encoded
// once into the variants pages use (a few widths, WebP and AVIF beside the original format).
// Files are stored before the row that names them, and the row is written under the media lock
// (lib/media/sweep.ts), so the sweep can never remove a file a row is about to name; a process
// that dies between the two leaves unnamed files, which the sweep removes later.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Db } from '@/db/client';
import { media, mediaFiles, type Media, type MediaFile } from '@/db/schema';
import { MEDIA_FORMATS, type MediaFormat } from './formats';
import { safeFileName } from './names';
import type { MediaStore } from './store';
import { lockMedia, removeUnreferenced } from './sweep';

/** An upload refused: nothing was stored. `status` is the HTTP status the upload route answers. */
export class MediaRefusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly code: 'empty' | 'too-large' | 'unsupported' | 'svg' | 'too-many-pixels' | 'damaged' | 'bad-name',
    message: string,
  ) {
    super(message);
    this.name = 'MediaRefusal';
  }
}

export interface MediaLimits {
  maxBytes: number;
  maxPixels: number;
}

/**
 * Widths made for `srcset`. The widest page column (~760 CSS px) on a 3× screen needs about 2400;
 * an original wider than that is kept whole in its own format but gets no wider variants (full-size
 * AVIF and WebP of a 12 MP photo tripled the upload time and no page would ask for them).
 */
export const VARIANT_WIDTHS = [480, 960, 1600, 2400] as const;

/** What file-type names an accepted format, and what sharp calls it. */
const SNIFFED: Record<string, MediaFormat> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif', 'image/gif': 'gif' };
const DECODED: Record<string, MediaFormat> = { jpeg: 'jpeg', png: 'png', webp: 'webp', heif: 'avif', avif: 'avif', gif: 'gif' };

export interface MediaItem extends Media {
  files: MediaFile[];
}

export interface IngestResult {
  item: MediaItem;
  /** False when the same bytes were uploaded before: the existing item is returned. */
  created: boolean;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The format of these bytes, or a refusal saying why they are not an image we take. */
export async function sniffImage(bytes: Uint8Array): Promise<MediaFormat> {
  if (bytes.byteLength === 0) throw new MediaRefusal(422, 'empty', 'The file is empty.');
  // A malformed file can make a detector throw: that is still "not an image we take".
  const type = await fileTypeFromBuffer(bytes).catch(() => undefined);
  const format = type ? SNIFFED[type.mime] : undefined;
  if (format) return format;
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<') && head.includes('<svg'))) {
    throw new MediaRefusal(415, 'svg', 'SVG images are not accepted: an SVG can carry scripts. Upload it as PNG or WebP instead.');
  }
  throw new MediaRefusal(415, 'unsupported', `This is not a JPEG, PNG, WebP, AVIF or GIF image${type ? ` (the bytes are ${type.mime})` : ''}. The format is read from the file's content, not its name.`);
}

interface Encoded {
  format: MediaFormat;
  width: number;
  height: number;
  bytes: Buffer;
  original: boolean;
}

/** Decode, check and encode: every file the item will have, nothing stored yet. */
export async function processImage(bytes: Uint8Array, format: MediaFormat, limits: MediaLimits): Promise<{ width: number; height: number; files: Encoded[] }> {
  const input = { limitInputPixels: limits.maxPixels, failOn: 'truncated' as const, animated: format === 'gif' || format === 'webp' };
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
  } catch {
    throw new MediaRefusal(422, 'damaged', 'The image could not be read: the file is damaged or incomplete.');
  }
  if (DECODED[meta.format ?? ''] !== format) throw new MediaRefusal(422, 'damaged', 'The file says it is one format but holds another.');
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  const frames = meta.pages ?? 1;
  const pixels = (meta.width ?? 0) * frameHeight * frames;
  // A decompression bomb (a few kilobytes that decode to gigabytes) stops here, from the header.
  if (pixels > limits.maxPixels) {
    throw new MediaRefusal(422, 'too-many-pixels', `The image has ${(pixels / 1e6).toFixed(1)} million pixels; the limit is ${(limits.maxPixels / 1e6).toFixed(1)} million.`);
  }
  const animated = frames > 1;
  try {
    // Upright (EXIF orientation applied), metadata stripped (sharp writes none unless asked), sRGB.
    const upright = await sharp(bytes, input).autoOrient().toBuffer({ resolveWithObject: true });
    const width = upright.info.width;
    const height = animated ? (upright.info.pageHeight ?? upright.info.height) : upright.info.height;
    const source = () => sharp(upright.data, { ...input, limitInputPixels: false, failOn: 'error' });
    const encode = async (w: number, to: MediaFormat, original: boolean): Promise<Encoded> => {
      let pipeline = source();
      if (w < width) pipeline = pipeline.resize({ width: w });
      pipeline =
        to === 'jpeg' ? pipeline.jpeg({ quality: 82, mozjpeg: true })
        : to === 'png' ? pipeline.png({ compressionLevel: 9 })
        : to === 'webp' ? pipeline.webp({ quality: 80 })
        : to === 'avif' ? pipeline.avif({ quality: 55, effort: 3 })
        : pipeline.gif();
      const out = await pipeline.toBuffer({ resolveWithObject: true });
      return { format: to, width: out.info.width, height: animated ? (out.info.pageHeight ?? out.info.height) : out.info.height, bytes: out.data, original };
    };
    const widths = [...VARIANT_WIDTHS.filter((w) => w < width), ...(width <= VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]! ? [width] : [])];
    // AVIF has no animation in sharp: animated images get WebP and their own format.
    const extra: MediaFormat[] = (animated ? ['webp'] : ['webp', 'avif']).filter((f): f is MediaFormat => f !== format) as MediaFormat[];
    const jobs: Promise<Encoded>[] = [encode(width, format, true)];
    for (const w of widths) {
      if (w < width) jobs.push(encode(w, format, false));
      for (const f of extra) jobs.push(encode(w, f, false));
    }
    return { width, height, files: await Promise.all(jobs) };
  } catch (err) {
    if (err instanceof MediaRefusal) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(message)) throw new MediaRefusal(422, 'too-many-pixels', `The image has more than ${(limits.maxPixels / 1e6).toFixed(1)} million pixels.`);
    throw new MediaRefusal(422, 'damaged', 'The image could not be decoded: the file is damaged or incomplete.');
  }
}

/** The item with this upload hash, with its files. */
export async function mediaBySourceHash(db: Db, sourceHash: string): Promise<MediaItem | undefined> {
  const [row] = await db.select().from(media).where(eq(media.sourceHash, sourceHash));
  if (!row) return undefined;
  return { ...row, files: await db.select().from(mediaFiles).where(eq(mediaFiles.mediaId, row.id)) };
}

/** Put files that should be there and are not (a sweep ran between our put and our row). */
async function ensureStored(store: MediaStore, files: { hash: string; format: string }[], encoded?: Map<string, Buffer>): Promise<boolean> {
  let complete = true;
  for (const f of files) {
    if (await store.exists(f.hash)) continue;
    const bytes = encoded?.get(f.hash);
    if (!bytes) {
      complete = false;
      continue;
    }
    await store.put(f.hash, bytes, MEDIA_FORMATS[f.format as MediaFormat].mime);
  }
  return complete;
}

/**
 * Store an uploaded image: checked, processed, its files stored, then its rows. The same bytes
 * uploaded again (even at the same moment) give the one existing item.
 */
export async function ingestImage(
  db: Db,
  store: MediaStore,
  upload: { bytes: Uint8Array; fileName: string; editorId: string | null; alt?: string },
  limits: MediaLimits,
): Promise<IngestResult> {
  if (upload.bytes.byteLength > limits.maxBytes) throw new MediaRefusal(413, 'too-large', `The file is larger than ${formatBytes(limits.maxBytes)}.`);
  const format = await sniffImage(upload.bytes);
  const sourceHash = sha256(upload.bytes);
  const existing = await mediaBySourceHash(db, sourceHash);
  if (existing && (await ensureStored(store, existing.files))) return { item: existing, created: false };
  const processed = await processImage(upload.bytes, format, limits);
  const encoded = new Map<string, Buffer>();
  const files = processed.files.map((f) => {
    const hash = sha256(f.bytes);
    encoded.set(hash, f.bytes);
    return { hash, format: f.format, width: f.width, height: f.height, bytes: f.bytes.byteLength, original: f.original };
  });
  // The same variant twice (a width equal to another's after rounding): one row, one file.
  const unique = [...new Map(files.map((f) => [f.hash, f])).values()];
  for (const f of unique) await store.put(f.hash, encoded.get(f.hash)!, MEDIA_FORMATS[f.format].mime);
  const fileName = safeFileName(upload.fileName, format);
  const outcome = await db.transaction(async (tx) => {
    await lockMedia(tx);
    // Read again under the lock: another upload of these bytes may have committed meanwhile, or the
    // item read above may have been deleted.
    const [current] = await tx.select().from(media).where(eq(media.sourceHash, sourceHash));
    if (current) {
      const currentFiles = await tx.select().from(mediaFiles).where(eq(mediaFiles.mediaId, current.id));
      if (!existing) return { item: { ...current, files: currentFiles }, created: false, raced: true };
      // The item's files had gone missing (a store restored from an older backup): it now names
      // the files just made and stored (an encoder upgrade may have changed their bytes).
      await tx.delete(mediaFiles).where(eq(mediaFiles.mediaId, current.id));
      const rows = await tx.insert(mediaFiles).values(unique.map((f) => ({ ...f, mediaId: current.id }))).returning();
      return { item: { ...current, files: rows }, created: false, raced: false, replaced: currentFiles.map((f) => f.hash) };
    }
    const [row] = await tx
      .insert(media)
      .values({ sourceHash, fileName, alt: upload.alt?.trim().slice(0, 1000) ?? '', format, width: processed.width, height: processed.height, bytes: upload.bytes.byteLength, createdBy: upload.editorId })
      .returning();
    if (!row) throw new Error('media insert returned no row');
    const rows = await tx.insert(mediaFiles).values(unique.map((f) => ({ ...f, mediaId: row.id }))).returning();
    return { item: { ...row, files: rows }, created: true, raced: false };
  });
  if (outcome.raced) {
    // Our files may differ from the winner's (encoders are not promised to be deterministic).
    await removeUnreferenced(db, store, unique.map((f) => f.hash));
    await ensureStored(store, outcome.item.files);
  } else {
    await ensureStored(store, outcome.item.files, encoded);
    if ('replaced' in outcome && outcome.replaced) await removeUnreferenced(db, store, outcome.replaced);
  }
  return { item: outcome.item, created: outcome.created };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
