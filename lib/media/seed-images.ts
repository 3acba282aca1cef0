// How demo content stores its images (db/seed hands each one to this): as an editor's upload
// would, through ingestImage, into a store. db/ knows nothing of media storage, so the callers
// (npm start, npm run db:seed, the test template, the benchmark) pass one of these in.
import type { StoreSeedImage } from '@/db/seed';
import { getConfig } from '@/lib/config';
import { mediaSummary } from './documents';
import { ingestImage, type MediaLimits } from './ingest';
import { getMediaStore, type MediaStore } from './store';

export function seedImagesInto(store: MediaStore, limits: MediaLimits): StoreSeedImage {
  return async (db, image) => {
    const { item } = await ingestImage(db, store, { ...image, editorId: null }, limits);
    return { id: item.id, path: mediaSummary(item).url };
  };
}

/** Into the configured store (lib/config.ts): what `npm start` and `npm run db:seed` use. */
export async function seedImagesIntoConfiguredStore(): Promise<StoreSeedImage> {
  return seedImagesInto(await getMediaStore(), getConfig().media);
}
