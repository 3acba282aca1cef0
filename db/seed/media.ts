// The demo images go in as an editor's uploads would: through ingestImage (checked, variants made,
// stored by hash in the configured store). Idempotent: the same bytes find the existing item, and
// files missing from the store (a database copied without its media folder) are put back.
import type { Db } from '../client';
import { ingestImage, type MediaLimits } from '@/lib/media/ingest';
import { mediaSummary } from '@/lib/media/documents';
import type { MediaStore } from '@/lib/media/store';
import { renderSeedImage, seedImages } from './images';

/** Where demo images go; `null` seeds no images. */
export interface SeedMedia {
  store: MediaStore;
  limits: MediaLimits;
}

export interface SeededImage {
  id: string;
  /** The original's path, as "Insert into body" writes it: /media/{hash}/{name}. */
  path: string;
}

/** The configured store and limits (lib/config.ts): what `npm start` and `npm run db:seed` use. */
export async function configuredSeedMedia(): Promise<SeedMedia> {
  const [{ getConfig }, { getMediaStore }] = await Promise.all([import('@/lib/config'), import('@/lib/media/store')]);
  const { maxBytes, maxPixels } = getConfig().media;
  return { store: await getMediaStore(), limits: { maxBytes, maxPixels } };
}

export async function seedImageItems(db: Db, media: SeedMedia): Promise<Map<string, SeededImage>> {
  const seeded = new Map<string, SeededImage>();
  for (const image of seedImages) {
    const bytes = await renderSeedImage(image);
    const { item } = await ingestImage(db, media.store, { bytes, fileName: image.fileName, editorId: null, alt: image.alt }, media.limits);
    seeded.set(image.key, { id: item.id, path: mediaSummary(item).url });
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
