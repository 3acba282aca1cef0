'use server';
// Server Actions for changelog entries: each is the one CMS wrapper around a saving rule in
// lib/cms/changelog. Form names carry the entry id, so a no-JavaScript result (lib/cms/flash.ts)
// is only ever shown on the form it came from.
import { answer, cmsAction, submittedValues, type ActionState, stamp } from '@/lib/cms/action';
import {
  changelogDeleteSchema,
  changelogFormSchema,
  changelogRestoreSchema,
  deleteChangelog,
  restoreChangelog,
  saveChangelog,
} from '@/lib/cms/changelog';
import { MAX_BODY_CHARS } from '@/lib/cms/forms';
import { currentEditor } from '@/lib/cms/session';
import { getConfig } from '@/lib/config';
import { renderMarkdown } from '@/lib/content/markdown';

export const saveChangelogAction = cmsAction({
  form: (v) => `changelog:${v.id ?? ''}`,
  schema: changelogFormSchema,
  run: ({ tx, input, editor }) => saveChangelog(tx, input, editor),
});

export const deleteChangelogAction = cmsAction({
  form: (v) => `changelog-delete:${v.id ?? ''}`,
  schema: changelogDeleteSchema,
  run: ({ tx, input }) => deleteChangelog(tx, input),
});

export const restoreChangelogAction = cmsAction({
  form: (v) => `changelog-restore:${v.revisionId ?? ''}`,
  schema: changelogRestoreSchema,
  run: ({ tx, input, editor }) => restoreChangelog(tx, input, editor),
});

/** Render the form's Markdown as the changelog page would, without saving anything. */
// It echoes the form's values too: after a form action React resets the form, and without
// JavaScript the page is rendered anew, so the fields are refilled from this state.
export async function previewChangelogAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = submittedValues(formData);
  const form = `changelog-preview:${values.id ?? ''}`;
  const at = stamp();
  if (!(await currentEditor())) return answer(form, { status: 'denied', message: 'Your session has ended. Sign in again.', values, at });
  const body = formData.get('body');
  if (typeof body !== 'string') return answer(form, { status: 'invalid', message: 'Nothing to preview.', values, at });
  if (body.length > MAX_BODY_CHARS) return answer(form, { status: 'invalid', fieldErrors: { body: 'The body is limited to 1,000,000 characters.' }, values, at });
  return answer(form, { status: 'ok', data: { html: renderMarkdown(body, getConfig().siteUrl) }, values, at });
}
