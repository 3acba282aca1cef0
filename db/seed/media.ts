// The demo images go in as an editor's uploads would: the caller hands in `StoreSeedImage`
// (lib/media/seed-images.ts: ingestImage into a store), since db/ knows nothing of media storage.
// Idempotent: the same bytes find the existing item, and files missing from the store (a database
// copied without its media folder) are put back.
import type { Db } from '../client';
import { renderSeedImage, seedImages } from './images';

export interface SeededImage {
  id: string;
  /** The original's path, as "Insert into body" writes it: /media/{hash}/{name}. */
  path: string;
}

/** Stores one demo image as an upload (checked, variants made, stored by hash) and says where it is. */
export type StoreSeedImage = (db: Db, image: { bytes: Buffer; fileName: string; alt: string }) => Promise<SeededImage>;

export async function seedImageItems(db: Db, storeImage: StoreSeedImage): Promise<Map<string, SeededImage>> {
  const seeded = new Map<string, SeededImage>();
  for (const image of seedImages) {
    const bytes = await renderSeedImage(image);
    seeded.set(image.key, await storeImage(db, { bytes, fileName: image.fileName, alt: image.alt }));
  }
  return seeded;
}

const MEDIA_LINK = /!\[([^\]]*)\]\(media:([a-z0-9-]+)\)\n?/g;

/** A seed body with its `media:{key}` images pointing at the stored files (dropped when there are none). */
export function resolveSeedBody(body: string, images: Map<string, SeededImage>): string {
  return body.replace(MEDIA_LINK, (whole, alt: string, key: string) => {
    const image = images.get(key);
    return image ? whole.replace(`media:${key}`, image.path) : '';
  });
}
