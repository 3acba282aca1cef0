'use server';
// Server Actions for posts: each is the one CMS wrapper around a saving rule in lib/cms/posts.
import { answer, cmsAction, submittedValues, type ActionState, stamp } from '@/lib/cms/action';
import { deletePost, isSlugFree, postDeleteSchema, postFormSchema, postRestoreSchema, restorePost, savePost } from '@/lib/cms/posts';
import { currentEditor } from '@/lib/cms/session';
import { renderMarkdown } from '@/lib/content/markdown';
import { getConfig } from '@/lib/config';
import { MAX_BODY_CHARS, slugField } from '@/lib/cms/forms';

export const savePostAction = cmsAction({ form: 'post', schema: postFormSchema, run: ({ tx, input, editor }) => savePost(tx, input, editor) });

export const deletePostAction = cmsAction({ form: 'post-delete', schema: postDeleteSchema, run: ({ tx, input }) => deletePost(tx, input) });

export const restorePostAction = cmsAction({ form: 'post-restore', schema: postRestoreSchema, run: ({ tx, input, editor }) => restorePost(tx, input, editor) });

/** Render the form's Markdown as the public page would, without saving anything. */
// It echoes the form's values too: after a form action React resets the form, and without
// JavaScript the page is rendered anew, so the fields are refilled from this state.
export async function previewPostAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = submittedValues(formData);
  const at = stamp();
  if (!(await currentEditor())) return answer('post-preview', { status: 'denied', message: 'Your session has ended. Sign in again.', values, at });
  const body = formData.get('body');
  if (typeof body !== 'string') return answer('post-preview', { status: 'invalid', message: 'Nothing to preview.', values, at });
  if (body.length > MAX_BODY_CHARS) return answer('post-preview', { status: 'invalid', fieldErrors: { body: 'The body is limited to 1,000,000 characters.' }, values, at });
  return answer('post-preview', { status: 'ok', data: { html: renderMarkdown(body, getConfig().siteUrl) }, values, at });
}

/** Is this slug free (for the live check next to the slug field)? */
export async function checkSlugAction(slug: string, exceptId?: string): Promise<{ ok: boolean; message: string }> {
  if (!(await currentEditor())) return { ok: false, message: 'Sign in again.' };
  const parsed = slugField.safeParse(slug);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Invalid slug.' };
  return (await isSlugFree(parsed.data, exceptId || undefined)) ? { ok: true, message: 'Available.' } : { ok: false, message: 'Already used by another post.' };
}
