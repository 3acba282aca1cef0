// Images in posts: the cover, and images in a body that point at our own media (/media/{hash}/…),
// resolved to every file the library holds for them so pages can offer srcset, width and height.
import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { mediaFiles } from '@/db/schema';
import { imageDocument, storedImage, type ImageDoc, type StoredImage } from '@/lib/media/documents';

export { POST_COLUMN_SIZES } from './image-markup';

const MEDIA_HASH = /\/media\/([0-9a-f]{64})\//g;

/** The media hashes a Markdown body links to, in order of first appearance. */
export function mediaHashesIn(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(MEDIA_HASH)].map((m) => m[1]!))];
}

/**
 * Every image the bodies show from our library, by the hash their URL names (an original's or a
 * variant's). One query, and none at all when no body has media.
 */
export async function bodyImages(db: Db, bodies: string[], siteUrl: string): Promise<Map<string, ImageDoc>> {
  const hashes = [...new Set(bodies.flatMap(mediaHashesIn))];
  if (hashes.length === 0) return new Map();
  const rows = await db
    .select({ hash: mediaFiles.hash, image: storedImage(mediaFiles.mediaId) })
    .from(mediaFiles)
    .where(inArray(mediaFiles.hash, hashes));
  return new Map(rows.flatMap((r) => (r.image ? [[r.hash, imageDocument(r.image, siteUrl)] as const] : [])));
}

/** The cover as readers show it: the post's own alt text, else the library's. */
export function coverOf(row: { cover: StoredImage | null; coverAlt: string }, siteUrl: string): ImageDoc | null {
  return row.cover ? imageDocument(row.cover, siteUrl, row.coverAlt) : null;
}
