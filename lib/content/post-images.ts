// Images in posts: the cover, and images in a body that point at our own media (/media/{hash}/…),
// resolved to every file the library holds for them so pages can offer srcset, width and height.
import { and, eq, exists, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { mediaFiles, posts } from '@/db/schema';
import { imageDocument, storedImage, type ImageDoc, type StoredImage } from '@/lib/media/documents';
import { cacheTags } from './cache-tags';

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

/**
 * The cache tags to invalidate when a library image changes what readers see (its alt text):
 * every post that shows it, as cover or in its body, and the lists and feeds (they carry covers).
 * For the media library's actions; [] when no post shows it.
 */
export async function cacheTagsShowingMedia(db: Db, mediaId: string): Promise<string[]> {
  const inBody = exists(
    db
      .select({ one: sql`1` })
      .from(mediaFiles)
      .where(and(eq(mediaFiles.mediaId, mediaId), sql`strpos(${posts.body}, '/media/' || ${mediaFiles.hash} || '/') > 0`)),
  );
  const rows = await db
    .select({ slug: posts.slug })
    .from(posts)
    .where(and(isNull(posts.deletedAt), or(eq(posts.coverMediaId, mediaId), inBody)));
  return rows.length ? [cacheTags.posts, ...rows.map((r) => cacheTags.post(r.slug))] : [];
}
