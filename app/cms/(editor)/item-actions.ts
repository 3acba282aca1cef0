'use server';
// The Server Actions of every content type (lib/cms/item-actions.ts). Forms bind the type's
// name as the first argument; it arrives from the browser, so it is checked there.
import type { ActionState } from '@/lib/cms/action';
import { runItemAction } from '@/lib/cms/item-actions';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { slugField } from '@/lib/cms/forms';
import { currentEditor } from '@/lib/cms/session';
import { isSlugFree } from '@/lib/cms/types/post';

export async function saveItemAction(type: string, prev: ActionState, formData: FormData): Promise<ActionState> {
  return runItemAction(type, 'save', prev, formData);
}

export async function deleteItemAction(type: string, prev: ActionState, formData: FormData): Promise<ActionState> {
  return runItemAction(type, 'delete', prev, formData);
}

export async function restoreItemAction(type: string, prev: ActionState, formData: FormData): Promise<ActionState> {
  return runItemAction(type, 'restore', prev, formData);
}

/** Publish, schedule, unschedule or discard a published item's staged edit (lib/cms/staging.ts). */
export async function stagedItemAction(type: string, prev: ActionState, formData: FormData): Promise<ActionState> {
  return runItemAction(type, 'staged', prev, formData);
}

export async function previewItemAction(type: string, prev: ActionState, formData: FormData): Promise<ActionState> {
  return runItemAction(type, 'preview', prev, formData);
}

/** Is this slug free (for the live check next to a post's slug field)? */
export async function checkSlugAction(slug: string, exceptId?: string): Promise<{ ok: boolean; message: string }> {
  if (!(await currentEditor())) return { ok: false, message: 'Sign in again.' };
  const parsed = slugField.safeParse(slug);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Invalid slug.' };
  const except = z.uuid().safeParse(exceptId);
  const free = await isSlugFree(await getDb(), parsed.data, except.success ? except.data : undefined);
  return free ? { ok: true, message: 'Available.' } : { ok: false, message: 'Already used by another post.' };
}
