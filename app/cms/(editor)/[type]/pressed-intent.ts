'use client';
// Which intent button started the submission in flight: only that button says "Saving…",
// "Publishing…" and so on (the submit event's submitter; Ctrl+S submits through Save).
import { useState, type FormEvent } from 'react';

const PENDING: Record<string, string> = { save: 'Saving…', publish: 'Publishing…', schedule: 'Scheduling…', unpublish: 'Unpublishing…' };

export function usePressedIntent() {
  const [pressed, setPressed] = useState<string | null>(null);
  return {
    /** Call from the form's onSubmit; the intent being submitted (null: not a save, e.g. Preview). */
    note(e: FormEvent<HTMLFormElement>): string | null {
      const submitter = (e.nativeEvent as SubmitEvent).submitter;
      // No submitter: a scripted submit, which the form reads as "save".
      const intent = !submitter ? 'save' : submitter instanceof HTMLButtonElement && submitter.name === 'intent' ? submitter.value : null;
      setPressed(intent);
      return intent;
    },
    /** The button's label: its pending label while its own submission runs. */
    label(intent: string, idle: string, pending: boolean): string {
      return pending && pressed === intent ? (PENDING[intent] ?? 'Working…') : idle;
    },
  };
}
