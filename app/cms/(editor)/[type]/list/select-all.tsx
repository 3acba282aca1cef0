'use client';
// Ticks or clears every row of the list at once. JavaScript only, so it stays hidden until
// hydrated: without JavaScript the rows are ticked one by one.
import { useEffect, useState } from 'react';

export function SelectAll({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <input
      type="checkbox"
      hidden={!ready}
      aria-label={label}
      onChange={(e) => {
        for (const box of e.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name=item]') ?? []) box.checked = e.currentTarget.checked;
      }}
    />
  );
}
