'use client';
// A Markdown textarea that takes images: "Insert image" opens the picker (./media-picker.tsx)
// and writes ![alt](url) at the cursor; an image file dropped onto the textarea is uploaded and
// inserted where the cursor is. Without JavaScript it is the plain textarea. Every insertion
// fires an `input` event, so autosave and the leave warning see it as the editor's own typing.
import { useEffect, useRef, useState, type TextareaHTMLAttributes } from 'react';
import type { MediaSummary } from '@/lib/media/documents';
import { fileDropHandlers, UploadList, useUploads } from '../../media/uploads';
import { MediaPicker } from './media-picker';

/** Replace the selection with `text` (the caret ends after it) as if typed. */
export function insertAtCursor(textarea: HTMLTextAreaElement, text: string, range?: { start: number; end: number }): void {
  const start = range?.start ?? textarea.selectionStart;
  const end = range?.end ?? textarea.selectionEnd;
  textarea.setRangeText(text, start, end, 'end');
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; name: string };

export function MarkdownInput(props: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [picking, setPicking] = useState(false);
  const [dragging, setDragging] = useState(false);
  const { entries, start } = useUploads();
  useEffect(() => setHydrated(true), []);

  const insert = (m: MediaSummary) => {
    const textarea = area.current;
    if (!textarea) return null;
    insertAtCursor(textarea, m.markdown);
    textarea.focus();
    return textarea;
  };

  /** Dropped files: a placeholder at the cursor per file, replaced by its Markdown once uploaded. */
  const dropFiles = async (files: File[]) => {
    const textarea = area.current;
    if (!textarea || files.length === 0) return;
    const marks = files.map((f, i) => `![Uploading ${f.name.replace(/[[\]\\]/g, '')}…${i ? ` (${i + 1})` : ''}]()`);
    insertAtCursor(textarea, marks.join('\n'));
    const results = await start(files);
    results.forEach((r, i) => {
      const mark = marks[i]!;
      const at = textarea.value.indexOf(mark);
      if (at < 0) return; // the editor removed it meanwhile
      insertAtCursor(textarea, r.ok ? r.media.markdown : '', { start: at, end: at + mark.length });
    });
  };

  return (
    <>
      {hydrated && (
        <div className="markdown-tools">
          <button type="button" className="secondary" onClick={() => setPicking(true)} aria-haspopup="dialog">
            Insert image…
          </button>
          <span className="hint">or drop an image file onto the text.</span>
        </div>
      )}
      <textarea
        {...props}
        ref={area}
        className={dragging ? 'dragging' : undefined}
        {...fileDropHandlers(setDragging, (files) => void dropFiles(files))}
      />
      <UploadList entries={entries} />
      {picking && <MediaPicker title="Insert an image" onPick={insert} onClose={() => setPicking(false)} />}
    </>
  );
}
