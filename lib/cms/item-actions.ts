// The Server Actions of every content type, built once per type from its description with the
// one action wrapper (lib/cms/action.ts). Form names carry the item (or revision) id, so a
// no-JavaScript result (lib/cms/flash.ts) is only ever shown on the form it came from.
import 'server-only';
import { headers } from 'next/headers';
import { getConfig } from '@/lib/config';
import { renderMarkdown } from '@/lib/content/markdown';
import { answer, cmsAction, stamp, submittedValues, type ActionState } from './action';
import type { AnyContentType } from './content-type';
import { clearAutosave } from './autosave';
import { MAX_BODY_CHARS } from './forms';
import { deleteItem, deleteSchema, restoreItem, restoreSchema, saveItem } from './items';
import { contentType, contentTypeAt } from './registry';
import { editorClock } from './editor-clock';
import { runStaged, stagedSchema } from './staging';
import { currentEditor } from './session';

export type ItemActionKind = 'save' | 'delete' | 'restore' | 'preview' | 'staged';
type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** The form name of an item's form (lib/cms/flash.ts keys results by it). */
export const formName = (type: AnyContentType, kind: ItemActionKind, key: string) => `${type.name}${kind === 'save' ? '' : `-${kind}`}:${key}`;

/** The field a form's results are keyed by: the revision for a restore, else the item. */
const formKey = (kind: ItemActionKind, values: Record<string, string>) => (kind === 'restore' ? values.revisionId : values.id) ?? '';

function build(type: AnyContentType, kind: ItemActionKind): Action {
  switch (kind) {
    case 'save':
      return cmsAction({
        form: (v) => formName(type, kind, formKey(kind, v)),
        schema: type.form,
        run: async ({ tx, input, editor }) => {
          const result = await saveItem(tx, type, input, editor);
          // Saved (any intent): the autosave of this form is no longer news (lib/cms/autosave.ts).
          await clearAutosave(tx, editor.id, { type: type.name, item: input.id || 'new' });
          return result;
        },
      });
    case 'delete':
      return cmsAction({ form: (v) => formName(type, kind, formKey(kind, v)), schema: deleteSchema(type), run: ({ tx, input }) => deleteItem(tx, type, input) });
    case 'restore':
      return cmsAction({ form: (v) => formName(type, kind, formKey(kind, v)), schema: restoreSchema(type), run: ({ tx, input, editor }) => restoreItem(tx, type, input, editor) });
    case 'staged':
      // The banner's forms: publish, schedule (a time in the editor's clock), unschedule or discard the staged edit.
      return cmsAction({
        form: (v) => formName(type, kind, formKey(kind, v)),
        schema: stagedSchema(type),
        // The clock through this transaction: on the embedded database a second connection waits for it.
        run: async ({ tx, input }) => runStaged(tx, type, input, (await editorClock(tx)).zone),
      });
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
  const form = formName(type, 'preview', formKey('preview', values));
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
  if (!type) {
    const values = submittedValues(formData);
    const state: ActionState = { status: 'invalid', message: 'This form belongs to no content type; reload the page.', values, at: stamp() };
    // Without JavaScript the refusal still goes back to the form it came from (Post/Redirect/Get,
    // lib/cms/flash.ts): the form of the type whose page it was posted from (set by proxy.ts).
    const segment = /^\/cms\/([^/?#]+)/.exec((await headers()).get('x-gazette-path') ?? '')?.[1];
    const home = segment === undefined ? undefined : contentTypeAt(segment);
    return answer(home ? formName(home, kind, formKey(kind, values)) : `unknown-type-${kind}`, state);
  }
  const key = `${type.name}:${kind}`;
  let action = built.get(key);
  if (!action) built.set(key, (action = build(type, kind)));
  return action(prev, formData);
}
