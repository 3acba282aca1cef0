'use client';
// The image picker: a modal <dialog> (focus moves in, Escape closes, focus returns to the
// button that opened it) to search the library, pick an image, or upload new ones with progress.
// Rendered into <body>, outside the item's <form>: its controls are not the form's fields, and
// typing in its search box is no edit for autosave to save.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { LibraryItem } from '@/lib/cms/media';
import type { MediaSummary } from '@/lib/media/documents';
import { searchMediaAction } from '../../media/actions';
import { formatSize } from '../../media/format';
import { ACCEPTED, fileDropHandlers, filesOf, UploadList, useUploads } from '../../media/uploads';
import '../../media/media.css';

export interface PickerProps {
  title: string;
  /** The picked image (the dialog closes itself); return an element to move focus to, else it returns to the opener. */
  onPick: (media: MediaSummary) => HTMLElement | null | void;
  onClose: () => void;
}

/** An image as the grid shows it: uploads answer a summary, the library adds the size. */
type Shown = MediaSummary & Partial<Pick<LibraryItem, 'bytes'>>;

export function MediaPicker({ title, onPick, onClose }: PickerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const opener = useRef<Element | null>(null);
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Shown[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [dragging, setDragging] = useState(false);
  const asked = useRef(0);
  const { entries, start } = useUploads((m) => setItems((list) => [m, ...list.filter((i) => i.id !== m.id)]));

  useEffect(() => {
    opener.current = document.activeElement;
    dialog.current?.showModal();
    search.current?.focus();
    return () => {
      // Back to where the editor was (WAI-ARIA dialog pattern).
      if (opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, []);

  const load = async (term: string, cursor?: string) => {
    const mine = ++asked.current;
    setLoading(true);
    const page = await searchMediaAction(term, cursor);
    if (mine !== asked.current) return;
    setItems((list) => (cursor ? [...list, ...page.items] : page.items));
    setNext(page.next);
    setLoading(false);
  };

  useEffect(() => {
    const timer = setTimeout(() => void load(q), q ? 250 : 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per term (load is a new function each render)
  }, [q]);

  const close = () => dialog.current?.close();
  const pick = (m: MediaSummary) => {
    const focus = onPick(m);
    if (focus) opener.current = focus;
    close();
  };

  return createPortal(
    <dialog
      ref={dialog}
      className="media-picker"
      aria-labelledby="media-picker-title"
      onClose={onClose}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === dialog.current) close();
      }}
    >
      <div className="media-picker-inner">
        <div className="media-picker-head">
          <h2 id="media-picker-title">{title}</h2>
          <button type="button" className="secondary" onClick={close}>
            Close
          </button>
        </div>
        <div
          className={`media-drop${dragging ? ' dragging' : ''}`}
          {...fileDropHandlers(setDragging, (files) => void start(files))}
        >
          <label htmlFor="media-picker-files">Upload new images (or drop them here)</label>
          <input
            id="media-picker-files"
            type="file"
            multiple
            accept={ACCEPTED}
            onChange={(e) => {
              const files = filesOf(e.currentTarget.files);
              e.currentTarget.value = '';
              void start(files);
            }}
          />
          <UploadList entries={entries} />
        </div>
        <div className="field">
          <label htmlFor="media-picker-q">Search the library</label>
          <input
            ref={search}
            id="media-picker-q"
            type="search"
            value={q}
            maxLength={200}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.preventDefault();
            }}
          />
        </div>
        <p className="hint" role="status">
          {loading ? 'Loading…' : items.length === 0 ? (q ? `No image matches “${q}”.` : 'The library is empty: upload an image above.') : `${items.length}${next ? '+' : ''} images. Choose one.`}
        </p>
        <ul className="media-grid" aria-label="Images">
          {items.map((m) => (
            <li key={m.id}>
              <button type="button" onClick={() => pick(m)} aria-label={`Choose ${m.fileName}${m.alt ? `: ${m.alt}` : ''}`}>
                <img className="media-thumb" src={m.thumbUrl} alt="" width={m.width} height={m.height} loading="lazy" />
                <span className="media-card-text">
                  <strong>{m.fileName}</strong>
                  <span className="meta">
                    {m.width}×{m.height}
                    {m.bytes !== undefined && ` · ${formatSize(m.bytes)}`}
                  </span>
                  {m.alt ? <span>{m.alt}</span> : <span className="media-alt-missing">No alt text</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {next && (
          <button type="button" className="secondary" disabled={loading} onClick={() => void load(q, next)}>
            More images
          </button>
        )}
      </div>
    </dialog>,
    document.body,
  );
}
