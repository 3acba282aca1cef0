// Reads for serving and managing media files.
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { mediaFiles } from '@/db/schema';
import { isMediaFormat, MEDIA_FORMATS } from './formats';

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
