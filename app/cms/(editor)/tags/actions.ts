'use server';
// Server Actions of the tag page. Editors and admins alike: tags are editorial (an editor
// creates one by typing it on a post), so renaming and merging them is editors' work too.
import { getDb } from '@/db/client';
import { cmsAction } from '@/lib/cms/action';
import { currentEditor } from '@/lib/cms/session';
import { editTag, editTagSchema, mergeTag, mergeTagSchema, suggestionTerm, suggestTags, type TagSuggestion } from '@/lib/cms/tags';

// One flash name for every tag form: the page reads the one stored result once and shows it at
// the card whose `tag` it names (lib/cms/flash.ts).
export const editTagAction = cmsAction({ form: 'tags', schema: editTagSchema, run: ({ tx, input }) => editTag(tx, input) });

export const mergeTagAction = cmsAction({ form: 'tags', schema: mergeTagSchema, run: ({ tx, input }) => mergeTag(tx, input) });

/** Existing tags matching the term being typed in a post's Tags field (signed-in editors only). */
export async function suggestTagsAction(term: unknown): Promise<TagSuggestion[]> {
  if (!(await currentEditor())) return [];
  const parsed = suggestionTerm.safeParse(term);
  if (!parsed.success) return [];
  return suggestTags(await getDb(), parsed.data);
}
