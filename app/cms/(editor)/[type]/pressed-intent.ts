'use client';
// Which intent button started the submission in flight: only that button says "Saving…",
// "Publishing…" and so on (the submit event's submitter; Ctrl+S submits through Save).
import { useState, type FormEvent } from 'react';

const PENDING: Record<string, string> = { save: 'Saving…', publish: 'Publishing…', schedule: 'Scheduling…', unpublish: 'Unpublishing…' };

export function usePressedIntent() {
  const [pressed, setPressed] = useState<string | null>(null);
  return {
    /** Call from the form's onSubmit. */
    note(e: FormEvent<HTMLFormElement>) {
      const submitter = (e.nativeEvent as SubmitEvent).submitter;
      // No submitter: a scripted submit, which the form reads as "save".
      setPressed(!submitter ? 'save' : submitter instanceof HTMLButtonElement && submitter.name === 'intent' ? submitter.value : null);
    },
    /** The button's label: its pending label while its own submission runs. */
    label(intent: string, idle: string, pending: boolean): string {
      return pending && pressed === intent ? (PENDING[intent] ?? 'Working…') : idle;
    },
  };
}
