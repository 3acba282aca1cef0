'use client';
// A post's cover image: its thumbnail, "Choose…" (the picker), "Remove", and the cover's alt
// text for this post (empty: the image's own alt, shown as the placeholder). Without JavaScript
// the image is named by its id, typed or pasted from the library (each image's page shows it).
import { useEffect, useRef, useState } from 'react';
import type { MediaSummary } from '@/lib/media/documents';
import { describedBy, Field } from '../../field';
import { mediaItemAction } from '../../media/actions';
import type { FieldsProps } from '../fields';
import { MediaPicker } from './media-picker';

export function CoverField({ value, err, control }: Pick<FieldsProps, 'value' | 'err' | 'control'>) {
  const initial = value('coverMediaId');
  const [hydrated, setHydrated] = useState(false);
  const [coverId, setCoverId] = useState(initial);
  const [cover, setCover] = useState<MediaSummary | null>(null);
  const [picking, setPicking] = useState(false);
  const [missing, setMissing] = useState(false);
  const hidden = useRef<HTMLInputElement>(null);
  const choose = useRef<HTMLButtonElement>(null);
  useEffect(() => setHydrated(true), []);
  // The form's value changes under us when a submission comes back or an autosave is restored.
  useEffect(() => setCoverId(initial), [initial]);
  useEffect(() => {
    if (!coverId) return setCover(null);
    if (cover?.id === coverId) return;
    let live = true;
    void mediaItemAction(coverId).then((m) => {
      if (!live) return;
      setCover(m);
      setMissing(m === null);
    });
    return () => {
      live = false;
    };
  }, [coverId, cover?.id]);

  const set = (m: MediaSummary | null) => {
    setCover(m);
    setMissing(false);
    setCoverId(m?.id ?? '');
    // A hidden input's value changes without an event: say it, so autosave and the leave
    // warning count it as an edit.
    if (hidden.current) {
      hidden.current.value = m?.id ?? '';
      hidden.current.dispatchEvent(new Event('input', { bubbles: true }));
    }
  };

  const error = err('coverMediaId');
  return (
    <fieldset className="cover-field">
      <legend>Cover image</legend>
      {hydrated ? (
        <>
          {/* An autosave restored (./use-autosave.ts fillForm) sets the value and fires `input`. */}
          <input ref={hidden} type="hidden" name="coverMediaId" defaultValue={coverId} onInput={(e) => setCoverId(e.currentTarget.value)} />
          <div className="cover-current" id="coverMediaId-hint">
            {cover ? (
              <>
                <img src={cover.thumbUrl} alt="" width={cover.width} height={cover.height} />
                <span className="cover-name">
                  <strong>{cover.fileName}</strong>
                  <span className="meta"> {cover.width}×{cover.height}</span>
                </span>
              </>
            ) : (
              <span className="hint">{missing ? 'The chosen image is no longer in the library: choose another.' : coverId ? 'Loading…' : 'No cover image.'}</span>
            )}
          </div>
          <div className="actions">
            <button ref={choose} id="coverMediaId" type="button" className="secondary" aria-haspopup="dialog" aria-describedby={describedBy('coverMediaId', error)} onClick={() => setPicking(true)}>
              {coverId ? 'Change cover…' : 'Choose cover…'}
            </button>
            {coverId && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  set(null);
                  // This button goes away: keep the keyboard user in the field.
                  choose.current?.focus();
                }}
              >
                Remove cover
              </button>
            )}
          </div>
          {error && <span id="coverMediaId-error" className="field-error" role="alert">{error}</span>}
        </>
      ) : (
        <Field name="coverMediaId" label="Cover image id" error={error} hint={<>The id of an image in the <a href="/cms/media">Media library</a> (each image&apos;s page shows it); empty for no cover.</>}>
          <input {...control('coverMediaId')} defaultValue={initial} maxLength={36} pattern="[0-9a-fA-F-]{36}" />
        </Field>
      )}
      <Field name="coverAlt" label="Cover alt text" error={err('coverAlt')} hint="For this post; leave empty to use the image's own alt text.">
        <input {...control('coverAlt')} maxLength={1000} defaultValue={value('coverAlt')} placeholder={cover?.alt || undefined} />
      </Field>
      {picking && (
        <MediaPicker
          title="Choose a cover image"
          onPick={(m) => {
            set(m);
            return choose.current;
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </fieldset>
  );
}
