// Reads for serving and managing media files.
import { eq } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb, type Db } from '@/db/client';
import { mediaFiles } from '@/db/schema';
import { HttpError } from '@/lib/http/problem';
import { isMediaFormat, MEDIA_FORMATS } from './formats';
import { getMediaStore } from './store';

export interface ServedFile {
  hash: string;
  contentType: string;
  bytes: number;
}

/** The file stored under this hash, if a media item names it. */
export async function servedFile(db: Db, hash: string): Promise<ServedFile | undefined> {
  const [row] = await db.select({ format: mediaFiles.format, bytes: mediaFiles.bytes }).from(mediaFiles).where(eq(mediaFiles.hash, hash)).limit(1);
  if (!row || !isMediaFormat(row.format)) return undefined;
  return { hash, contentType: MEDIA_FORMATS[row.format].mime, bytes: row.bytes };
}

/**
 * The cache tag of one file's lookup (/media/{hash}/…). Whatever adds or removes a media_files
 * row calls updateTag (or revalidateTag) with it for every hash it touched: removing, so the
 * URL answers 404 at once; adding, so a recently cached "no such file" is forgotten.
 */
export const mediaFileTag = (hash: string) => `media-file:${hash}`;

// A hash nobody has stored is remembered briefly: a flood of made-up hashes costs one query
// each per minute, and a file uploaded by a writer that forgot the tag appears within a minute.
const UNKNOWN_LIFE = { stale: 60, revalidate: 60, expire: 300 };

/**
 * servedFile, cached (SPEC §3 rule 8: a warm GET or 304 runs no query). The bytes under a hash
 * never change, so a known file is kept as long as the cache keeps anything; only its tag
 * (mediaFileTag) ends it. null: no media item names this hash.
 */
export async function cachedServedFile(hash: string): Promise<ServedFile | null> {
  'use cache';
  cacheTag(mediaFileTag(hash));
  const file = await servedFile(await getDb(), hash);
  if (file) cacheLife('max');
  else cacheLife(UNKNOWN_LIFE);
  return file ?? null;
}

/**
 * The bytes of a served file, all or [start, end]. A row without its object, or a store that
 * fails, is an operator's problem: logged loudly, answered 503 (the file may come back: a
 * restored backup, a bucket that answers again), never a 500 with a stack.
 */
export async function readServedFile(hash: string, range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array>> {
  let stream: ReadableStream<Uint8Array> | null;
  try {
    stream = await (await getMediaStore()).read(hash, range);
  } catch (err) {
    throw unavailable(hash, err);
  }
  if (!stream) throw await missing(hash);
  return stream;
}

/** Fails as readServedFile would, without reading (for HEAD). */
export async function checkServedFile(hash: string): Promise<void> {
  let present: boolean;
  try {
    present = await (await getMediaStore()).exists(hash);
  } catch (err) {
    throw unavailable(hash, err);
  }
  if (!present) throw await missing(hash);
}

function unavailable(hash: string, err: unknown): HttpError {
  console.error(`[media] the media store failed reading ${hash}:`, err instanceof Error ? err.message : err);
  return new HttpError(503, 'This file is temporarily unavailable. Try again shortly.', {}, { 'retry-after': '30' });
}

async function missing(hash: string): Promise<HttpError> {
  // The cached lookup may be stale (a row deleted by a writer that did not call updateTag):
  // ask the database itself before calling this an outage.
  if (!(await servedFile(await getDb(), hash))) {
    console.warn(`[media] ${hash}: the cached lookup named a file no row names any more (mediaFileTag not invalidated?)`);
    return new HttpError(404, 'No media file has this address.');
  }
  console.error(`[media] MISSING OBJECT: media_files names ${hash} but the media store has no such object. Restore it from a backup, or delete the media item.`);
  return new HttpError(503, 'This file is temporarily unavailable. Try again shortly.', {}, { 'retry-after': '30' });
}
