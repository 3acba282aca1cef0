'use client';
// The confirmation's one button, posting the selection to the bulk Server Action; while it runs
// the button says what is under way (./pressed-intent.ts). A plain form without JavaScript.
import { useActionState } from 'react';
import type { BulkIntent } from '@/lib/cms/bulk';
import { bulkAction } from '../../bulk-actions';
import { usePressedIntent } from '../pressed-intent';

export function BulkConfirmForm({ type, intent, back, items, label }: { type: string; intent: BulkIntent; back: string; items: string[]; label: string }) {
  // The action always redirects (back to the list, with its report): there is no state to read.
  const [, action, pending] = useActionState<void, FormData>(bulkAction.bind(null, type), undefined);
  const pressed = usePressedIntent();
  return (
    <form action={action} onSubmit={pressed.note} className="actions">
      <input type="hidden" name="back" value={back} />
      {items.map((item) => <input key={item} type="hidden" name="item" value={item} />)}
      <button type="submit" name="intent" value={intent} className={intent === 'delete' ? 'danger' : undefined} disabled={pending}>
        {pressed.label(intent, label, pending)}
      </button>
      <a href={back}>Cancel</a>
    </form>
  );
}
