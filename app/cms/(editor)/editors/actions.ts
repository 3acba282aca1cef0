'use server';
// Admin-only Server Actions for editor accounts.
import { cmsAction } from '@/lib/cms/action';
import { changeEditor, changeEditorSchema, createEditor, createEditorSchema } from '@/lib/cms/editors';

export const createEditorAction = cmsAction({ form: 'editor-create', schema: createEditorSchema, role: 'admin', run: ({ tx, input }) => createEditor(tx, input) });

export const changeEditorAction = cmsAction({ form: (v) => `editor-change:${v.userId ?? ''}`, schema: changeEditorSchema, role: 'admin', run: ({ tx, input, editor }) => changeEditor(tx, input, editor) });
