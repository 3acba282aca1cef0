'use server';
// Server Actions of the media library (lib/cms/media.ts). Uploads are not here: a browser posts
// files to the route handler app/cms/media/upload (streamed, with progress), not to an action.
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { cmsAction } from '@/lib/cms/action';
import { altSchema, deleteMedia, deleteMediaSchema, listMedia, summariesOf, updateAlt, type LibraryPage, type LibraryItem } from '@/lib/cms/media';
import { currentEditor } from '@/lib/cms/session';
import { getMediaStore } from '@/lib/media/store';
import { removeUnreferenced } from '@/lib/media/sweep';

// One flash name for both forms of an image's page (lib/cms/flash.ts).
export const updateAltAction = cmsAction({ form: 'media', schema: altSchema, run: ({ tx, input }) => updateAlt(tx, input) });

export const deleteMediaAction = cmsAction({
  form: 'media',
  schema: deleteMediaSchema,
  run: async ({ tx, input }) => {
    const result = await deleteMedia(tx, input);
    // The files go once the row's deletion is committed (after the response: the action's
    // transaction has ended by then). removeUnreferenced checks, under the media lock, that no
    // row names them, so a rolled-back delete or a re-upload of the same bytes keeps them.
    after(async () => {
      try {
        await removeUnreferenced(await getDb(), await getMediaStore(), result.hashes);
      } catch (err) {
        // The sweep (lib/media/sweep.ts) removes unnamed files later.
        console.error('[media] could not remove the files of a deleted image:', err instanceof Error ? err.message : err);
      }
    });
    return result;
  },
});

/** A page of the library for the picker (signed-in editors only). */
export async function searchMediaAction(q: unknown, cursor: unknown): Promise<LibraryPage> {
  if (!(await currentEditor())) return { items: [] };
  return listMedia(await getDb(), { q: typeof q === 'string' ? q.slice(0, 200) : undefined, after: typeof cursor === 'string' ? cursor : undefined });
}

/** The library card of one image (the cover field shows the current cover). */
export async function mediaItemAction(id: unknown): Promise<LibraryItem | null> {
  if (typeof id !== 'string' || !(await currentEditor())) return null;
  return (await summariesOf(await getDb(), [id]))[0] ?? null;
}
