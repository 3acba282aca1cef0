'use client';
// The Tags field with suggestions: an editable combobox with list autocomplete (WAI-ARIA APG,
// "Combobox", ARIA 1.2 pattern). The term is the comma-separated part under the caret; existing
// tags matching it come from the server (suggestTagsAction checks the session). Down/Up move
// through the suggestions, Enter takes one (instead of submitting the form), Escape closes them.
// Without JavaScript this is the plain comma-separated text field, and the combobox roles are
// added only once it is enhanced (a combobox that cannot open would mislead a screen reader).
import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from 'react';
import type { TagSuggestion } from '@/lib/cms/tags';
import { suggestTagsAction } from '../../tags/actions';
import { setValue } from '../form-values';

/** The part of a comma-separated value around the caret: [start, end) and its trimmed text. */
function termAt(value: string, caret: number): { start: number; end: number; term: string } {
  const start = value.lastIndexOf(',', caret - 1) + 1;
  const next = value.indexOf(',', caret);
  const end = next === -1 ? value.length : next;
  return { start, end, term: value.slice(start, end).trim().toLowerCase() };
}

const entered = (value: string) => new Set(value.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));

export function TagInput(props: InputHTMLAttributes<HTMLInputElement> & { id: string }) {
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<TagSuggestion[]>([]);
  const [active, setActive] = useState(-1);
  const request = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    setEnhanced(true);
    return () => clearTimeout(timer.current);
  }, []);

  function suggest(delay: number) {
    const el = input.current;
    if (!el) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const { term } = termAt(el.value, el.selectionStart ?? el.value.length);
      const mine = ++request.current;
      const found = await suggestTagsAction(term).catch(() => [] as TagSuggestion[]);
      // Only the answer to the newest request counts (answers may arrive out of order).
      if (mine !== request.current) return;
      const have = entered(el.value);
      have.delete(term);
      const fresh = found.filter((t) => !have.has(t.slug));
      setItems(fresh);
      setActive(-1);
      setOpen(fresh.length > 0);
    }, delay);
  }

  function take(tag: TagSuggestion) {
    const el = input.current;
    if (!el) return;
    const { start, end } = termAt(el.value, el.selectionStart ?? el.value.length);
    const before = el.value.slice(0, start).trimEnd();
    const after = el.value.slice(end).replace(/^\s*,?\s*/, '');
    const head = `${before}${before ? ' ' : ''}${tag.slug}, `;
    // As typing would, so the autosave and the leave warning hear it; the pick is no new term,
    // so the suggestions that event asks for are called off.
    setValue(el, head + after);
    clearTimeout(timer.current);
    request.current++;
    el.setSelectionRange(head.length, head.length);
    el.focus();
    setOpen(false);
    setActive(-1);
  }

  const optionId = (i: number) => `${listId}-${i}`;
  const combobox = enhanced
    ? { role: 'combobox' as const, 'aria-autocomplete': 'list' as const, 'aria-expanded': open, 'aria-controls': listId, 'aria-activedescendant': open && active >= 0 ? optionId(active) : undefined, autoComplete: 'off' }
    : {};

  return (
    <div className="combobox">
      <input
        {...props}
        {...combobox}
        ref={input}
        onInput={() => suggest(150)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!open) return suggest(0);
            const step = e.key === 'ArrowDown' ? 1 : -1;
            // Wraps around at both ends (from nothing chosen, Up goes to the last).
            setActive((i) => (i + step >= items.length ? 0 : i + step < 0 ? items.length - 1 : i + step));
          } else if (e.key === 'Enter' && open && active >= 0 && items[active]) {
            e.preventDefault();
            take(items[active]);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            setOpen(false);
            setActive(-1);
          }
        }}
      />
      {enhanced && (
        <ul id={listId} role="listbox" aria-label="Existing tags" className="combobox-list" hidden={!open}>
          {items.map((t, i) => (
            <li
              key={t.slug}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Keep the focus in the field: the click would blur it and close the list first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => take(t)}
            >
              <span>{t.slug}</span>
              {t.name !== t.slug && <span className="hint">{t.name}</span>}
            </li>
          ))}
        </ul>
      )}
      {enhanced && (
        <span className="visually-hidden" role="status" aria-live="polite">
          {open ? `${items.length} ${items.length === 1 ? 'suggestion' : 'suggestions'}; use the arrow keys to choose.` : ''}
        </span>
      )}
    </div>
  );
}
