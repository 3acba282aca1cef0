'use client';
// Which button started the submission in flight: only that button says "Saving…",
// "Publishing…" and so on (the submit event's submitter). The one pending mechanism of every
// form whose buttons share one action: the item form, the staged banner, the bulk confirmation,
// an editor account's buttons.
import { useState, type FormEvent } from 'react';

const PENDING: Record<string, string> = {
  save: 'Saving…',
  publish: 'Publishing…',
  schedule: 'Scheduling…',
  unschedule: 'Cancelling the schedule…',
  unpublish: 'Unpublishing…',
  discard: 'Discarding…',
  delete: 'Deleting…',
  role: 'Changing the role…',
  deactivate: 'Deactivating…',
  reactivate: 'Reactivating…',
};

/**
 * `field`: the name the form's buttons carry their intent in. `scripted`: the intent of a submit
 * with no button (the item form reads one as "save": Ctrl+S), else none.
 */
export function usePressedIntent({ field = 'intent', scripted = null }: { field?: string; scripted?: string | null } = {}) {
  const [pressed, setPressed] = useState<string | null>(null);
  return {
    /** Call from the form's onSubmit; the intent being submitted (null: not one of the buttons, e.g. Preview). */
    note(e: FormEvent<HTMLFormElement>): string | null {
      const submitter = (e.nativeEvent as SubmitEvent).submitter;
      const intent = !submitter ? scripted : submitter instanceof HTMLButtonElement && submitter.name === field ? submitter.value : null;
      setPressed(intent);
      return intent;
    },
    /** The button's label: its pending label while its own submission runs. */
    label(intent: string, idle: string, pending: boolean): string {
      return pending && pressed === intent ? (PENDING[intent] ?? 'Working…') : idle;
    },
  };
}
