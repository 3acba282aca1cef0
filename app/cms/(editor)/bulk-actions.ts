'use server';
// The bulk action of every list (lib/cms/bulk.ts), posted from the confirmation page
// ([type]/bulk/page.tsx). With or without JavaScript the answer is the same: the report is
// stored as a flash (lib/cms/flash.ts) and the browser goes back to the list it came from.
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { bulkFlashForm, bulkSelectionSchema, describeBulk, listBackHref, runBulk } from '@/lib/cms/bulk';
import { storeFlash } from '@/lib/cms/flash';
import { contentType } from '@/lib/cms/registry';
import { currentEditor } from '@/lib/cms/session';
import type { ActionState } from '@/lib/cms/action';

// (typeName, previous state, form): the shape useActionState calls it with ([type]/bulk/confirm-form.tsx).
export async function bulkAction(typeName: string, _previous: void, formData: FormData): Promise<void> {
  // The bound type name arrives from the browser: checked like any field.
  const type = typeof typeName === 'string' ? contentType(typeName) : undefined;
  if (!type) redirect('/cms');
  const back = listBackHref(type, formData.get('back'));
  const editor = await currentEditor().catch((err: unknown) => {
    console.error('[cms] session check failed:', err);
    return undefined;
  });
  if (editor === undefined) return report(type.name, back, { status: 'error', message: 'Cannot reach the database to check your session. Nothing was changed.' });
  if (!editor) redirect('/cms/login');

  const parsed = bulkSelectionSchema.safeParse({ intent: formData.get('intent'), items: formData.getAll('item') });
  if (!parsed.success) return report(type.name, back, { status: 'invalid', message: `Nothing was changed: ${parsed.error.issues[0]?.message ?? 'the selection is not valid.'}` });

  const outcome = await runBulk(await getDb(), type, parsed.data, editor);
  const message = describeBulk(type, parsed.data.intent, outcome) + (outcome.everywhere ? '' : ' The shared cache is unreachable: servers read from the database until it is back.');
  return report(type.name, back, { status: outcome.refused.length ? 'conflict' : 'ok', message });
}

async function report(typeName: string, back: string, state: ActionState): Promise<never> {
  try {
    await storeFlash(bulkFlashForm(typeName), state);
  } catch (err) {
    // The database is down: the list shows without the report (and says nothing changed only if so).
    console.error('[cms] could not store the bulk report:', err instanceof Error ? err.message : err);
  }
  redirect(back);
}
