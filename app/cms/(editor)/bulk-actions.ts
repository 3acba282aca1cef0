'use server';
// The bulk action of every list (lib/cms/bulk.ts bulkAction, built with the one action wrapper),
// posted from the confirmation page ([type]/bulk/page.tsx). With or without JavaScript the answer
// is the same: the report is stored as a flash (lib/cms/flash.ts) and the browser goes back to
// the list it came from.
import { redirect } from 'next/navigation';
import { idle } from '@/lib/cms/action';
import { bulkAction as bulkActionOf } from '@/lib/cms/bulk';
import { contentType } from '@/lib/cms/registry';

// (typeName, previous state, form): the shape useActionState calls it with ([type]/bulk/confirm-form.tsx).
export async function bulkAction(typeName: string, _previous: void, formData: FormData): Promise<void> {
  // The bound type name arrives from the browser: checked like any field.
  const type = typeof typeName === 'string' ? contentType(typeName) : undefined;
  if (!type) redirect('/cms');
  await bulkActionOf(type)(idle, formData);
}
