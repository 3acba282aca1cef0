// The Server Actions of every content type, built once per type from its description with the
// one action wrapper (lib/cms/action.ts). Form names carry the item (or revision) id, so a
// no-JavaScript result (lib/cms/flash.ts) is only ever shown on the form it came from.
import 'server-only';
import { getConfig } from '@/lib/config';
import { renderMarkdown } from '@/lib/content/markdown';
import { answer, cmsAction, stamp, submittedValues, type ActionState } from './action';
import type { AnyContentType } from './content-type';
import { MAX_BODY_CHARS } from './forms';
import { deleteItem, deleteSchema, restoreItem, restoreSchema, saveItem } from './items';
import { contentType } from './registry';
import { currentEditor } from './session';

export type ItemActionKind = 'save' | 'delete' | 'restore' | 'preview';
type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** The form name of an item's form (lib/cms/flash.ts keys results by it). */
export const formName = (type: AnyContentType, kind: ItemActionKind, key: string) => `${type.name}${kind === 'save' ? '' : `-${kind}`}:${key}`;

function build(type: AnyContentType, kind: ItemActionKind): Action {
  switch (kind) {
    case 'save':
      return cmsAction({ form: (v) => formName(type, kind, v.id ?? ''), schema: type.form, run: ({ tx, input, editor }) => saveItem(tx, type, input, editor) });
    case 'delete':
      return cmsAction({ form: (v) => formName(type, kind, v.id ?? ''), schema: deleteSchema(type), run: ({ tx, input }) => deleteItem(tx, type, input) });
    case 'restore':
      return cmsAction({ form: (v) => formName(type, kind, v.revisionId ?? ''), schema: restoreSchema(type), run: ({ tx, input, editor }) => restoreItem(tx, type, input, editor) });
    case 'preview':
      return (_prev, formData) => preview(type, formData);
  }
}

/**
 * Render the form's Markdown as the public page would, without saving anything. It echoes the
 * form's values too: after a form action React resets the form, and without JavaScript the page
 * is rendered anew, so the fields are refilled from this state.
 */
async function preview(type: AnyContentType, formData: FormData): Promise<ActionState> {
  const values = submittedValues(formData);
  const form = formName(type, 'preview', values.id ?? '');
  const at = stamp();
  if (!(await currentEditor())) return answer(form, { status: 'denied', message: 'Your session has ended. Sign in again.', values, at });
  const markdown = type.preview?.(values);
  if (typeof markdown !== 'string') return answer(form, { status: 'invalid', message: 'Nothing to preview.', values, at });
  if (markdown.length > MAX_BODY_CHARS) return answer(form, { status: 'invalid', fieldErrors: { body: 'The body is limited to 1,000,000 characters.' }, values, at });
  return answer(form, { status: 'ok', data: { html: renderMarkdown(markdown, getConfig().siteUrl) }, values, at });
}

const built = new Map<string, Action>();

/** Run an action of a type named by the (client-supplied, so checked) `typeName`. */
export async function runItemAction(typeName: unknown, kind: ItemActionKind, prev: ActionState, formData: FormData): Promise<ActionState> {
  const type = typeof typeName === 'string' ? contentType(typeName) : undefined;
  if (!type) return { status: 'invalid', message: 'This form belongs to no content type; reload the page.', values: submittedValues(formData), at: stamp() };
  const key = `${type.name}:${kind}`;
  let action = built.get(key);
  if (!action) built.set(key, (action = build(type, kind)));
  return action(prev, formData);
}
