'use client';
// Autosave of a content form (with JavaScript only): a few seconds after typing stops, what the
// editor typed goes to the server (app/cms/autosave/route.ts), per editor, type and item, so a
// reload or another browser of the same editor can offer it back. Also keeps the "dirty" state
// (typed but not saved) that the leave warning reads. An autosave made against an older version
// of the item says so, and once restored the form carries that older version: saving then meets
// the stale-version check like any form opened before someone else's save.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { changedNames, fillForm, labelOf, shownValue, typedValues } from './form-values';

const QUIET_MS = 2000;

export interface AutosaveOffer {
  savedAtText: string;
  /** The version the autosave was typed against, when the item has moved on since (else null). */
  staleBase: { autosaved: number; now: number } | null;
  fields: Record<string, string>;
  changes: { name: string; label: string; before: string; after: string }[];
}

export interface Autosave {
  dirty: boolean;
  /** Said quietly next to the buttons ("Autosaved 10:31:07"). */
  status: string;
  offer: AutosaveOffer | null;
  restore: () => void;
  discard: () => void;
  /** The form was saved: what it shows is the saved state now. */
  markClean: () => void;
  /** A submission starts: no autosave may land after the save clears it. */
  hold: () => void;
  /** The version the form must carry: the restored autosave's older one, else the page's. */
  version: number;
}

export function useAutosave(formRef: RefObject<HTMLFormElement | null>, key: { type: string; item: string; version: number; zone: string }): Autosave {
  const base = useRef<Record<string, string>>({});
  const last = useRef<string>('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState('');
  const [offer, setOffer] = useState<AutosaveOffer | null>(null);
  const [restoredBase, setRestoredBase] = useState<number | null>(null);
  const { type, item, zone, version: pageVersion } = key;
  const version = restoredBase ?? pageVersion;

  const send = useCallback(
    async (body: object): Promise<Response | undefined> => {
      try {
        return await fetch('/cms/autosave', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type, item, ...body }) });
      } catch {
        return undefined;
      }
    },
    [type, item],
  );

  const saveNow = useCallback(async () => {
    const form = formRef.current;
    if (!form) return;
    const fields = typedValues(form);
    const text = JSON.stringify(fields);
    if (text === last.current || changedNames(base.current, fields).length === 0) return;
    last.current = text;
    const res = await send({ op: 'save', baseVersion: version, fields });
    if (res?.ok) {
      const { savedAt } = (await res.json()) as { savedAt: string };
      setStatus(`Changes autosaved at ${timeIn(savedAt, zone)}.`);
    } else {
      last.current = '';
      setStatus(res?.status === 401 ? 'Not autosaved: your session has ended.' : 'Not autosaved; your text is still here.');
    }
  }, [formRef, send, version, zone]);

  const markClean = useCallback(() => {
    clearTimeout(timer.current);
    if (formRef.current) base.current = typedValues(formRef.current);
    setDirty(false);
  }, [formRef]);

  // The form as rendered is the saved state; then listen for typing.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    base.current = typedValues(form, true);
    setDirty(changedNames(base.current, typedValues(form)).length > 0);
    const onEdit = () => {
      setDirty(changedNames(base.current, typedValues(form)).length > 0);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), QUIET_MS);
    };
    form.addEventListener('input', onEdit);
    form.addEventListener('change', onEdit);
    // Says the form is watched (scripts and tests wait for it before typing).
    form.dataset.autosave = 'on';
    return () => {
      form.removeEventListener('input', onEdit);
      form.removeEventListener('change', onEdit);
      clearTimeout(timer.current);
    };
  }, [formRef, saveNow]);

  // Offer back what was autosaved, if it differs from what the form shows.
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const res = await fetch(`/cms/autosave?type=${encodeURIComponent(type)}&item=${encodeURIComponent(item)}`, { cache: 'no-store' });
        if (!res.ok || !live) return;
        const { autosave } = (await res.json()) as { autosave: { fields: Record<string, string>; baseVersion: number | null; savedAtText: string } | null };
        const form = formRef.current;
        if (!autosave || !form || !live) return;
        // In the form's order; fields this form no longer has are left out.
        const names = Object.keys(base.current).filter((n) => Object.hasOwn(autosave.fields, n) && autosave.fields[n] !== base.current[n]);
        if (names.length === 0) return;
        const moved = item !== 'new' && autosave.baseVersion !== null && autosave.baseVersion !== pageVersion;
        setOffer({
          savedAtText: autosave.savedAtText,
          staleBase: moved ? { autosaved: autosave.baseVersion!, now: pageVersion } : null,
          fields: autosave.fields,
          changes: names.map((name) => ({ name, label: labelOf(form, name), before: shownValue(form, name, base.current[name] ?? ''), after: shownValue(form, name, autosave.fields[name]!) })),
        });
      } catch {
        // No offer: the form works as it is.
      }
    })();
    return () => {
      live = false;
    };
  }, [formRef, type, item, pageVersion]);

  return {
    dirty,
    status,
    offer,
    restore: () => {
      const form = formRef.current;
      if (form && offer) {
        fillForm(form, offer.fields);
        // Typed against an older version: saving must meet the conflict, not overwrite the newer one.
        if (offer.staleBase) setRestoredBase(offer.staleBase.autosaved);
        last.current = JSON.stringify(typedValues(form));
        setDirty(changedNames(base.current, typedValues(form)).length > 0);
      }
      setOffer(null);
    },
    discard: () => {
      setOffer(null);
      void send({ op: 'discard' });
    },
    markClean,
    hold: () => clearTimeout(timer.current),
    version,
  };
}

/** "10:31:07" in the editor's zone (the browser may be elsewhere when the profile names one). */
function timeIn(iso: string, zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(iso));
  } catch {
    return new Date(iso).toLocaleTimeString();
  }
}
