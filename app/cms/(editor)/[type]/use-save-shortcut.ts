'use client';
// Ctrl+S (Cmd+S on a Mac) saves the form as its plain "Save" button would, instead of the
// browser's "save page" dialog. requestSubmit keeps the form's own checks and submit handlers.
import { useEffect, type RefObject } from 'react';

export function useSaveShortcut(formRef: RefObject<HTMLFormElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 's') return;
      const form = formRef.current;
      if (!form) return;
      e.preventDefault();
      const save = form.querySelector<HTMLButtonElement>('button[name="intent"][value="save"]');
      if (save?.disabled) return;
      // Without a Save button the form's default intent is "save" too (lib/cms/content-type.ts).
      form.requestSubmit(save ?? undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [formRef]);
}
