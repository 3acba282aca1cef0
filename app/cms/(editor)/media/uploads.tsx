'use client';
// Uploading from the browser: one XMLHttpRequest per file to the upload route (fetch cannot
// report upload progress; XHR's upload.onprogress can), each with its own progress bar and
// result. Used by the library page and by the editors' image picker.
import { useCallback, useRef, useState } from 'react';
import type { MediaSummary } from '@/lib/media/documents';
import { formatSize } from './format';

export const UPLOAD_URL = '/cms/media/upload';
export const ACCEPTED = 'image/jpeg,image/png,image/webp,image/avif,image/gif';

export type UploadOutcome = { ok: true; created: boolean; media: MediaSummary } | { ok: false; detail: string };

function problemDetail(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { detail?: unknown; title?: unknown };
    if (typeof body.detail === 'string' && body.detail) return body.detail;
    if (typeof body.title === 'string' && body.title) return body.title;
  } catch {
    // Not JSON (a proxy's error page): said below by status.
  }
  if (xhr.status === 401) return 'Your session has ended: sign in again in another tab, then retry.';
  if (xhr.status === 413) return 'The file is too large.';
  return `The upload failed (HTTP ${xhr.status}).`;
}

/** Upload one file; `onProgress` gets the fraction sent (0…1). Never rejects. */
export function uploadImage(file: File, onProgress: (fraction: number) => void, alt = ''): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', UPLOAD_URL);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 200 || xhr.status === 201) {
        try {
          const body = JSON.parse(xhr.responseText) as { created?: boolean; media?: MediaSummary };
          if (body.media?.id) return resolve({ ok: true, created: body.created !== false, media: body.media });
        } catch {
          // Falls through to the refusal below.
        }
        return resolve({ ok: false, detail: 'The server answered something unexpected; reload the library to see whether the image arrived.' });
      }
      resolve({ ok: false, detail: problemDetail(xhr) });
    };
    xhr.onerror = () => resolve({ ok: false, detail: 'The connection failed; nothing was uploaded. Try again.' });
    const body = new FormData();
    if (alt.trim()) body.append('alt', alt.trim());
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

export interface UploadEntry {
  key: number;
  name: string;
  size: number;
  progress: number;
  state: 'waiting' | 'sending' | 'done' | 'existing' | 'refused';
  detail?: string;
  media?: MediaSummary;
}

/** Upload files two at a time, keeping a row per file; `onUploaded` hears each success. */
export function useUploads(onUploaded?: (media: MediaSummary, created: boolean) => void) {
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const next = useRef(0);
  const heard = useRef(onUploaded);
  heard.current = onUploaded;
  const update = (key: number, change: Partial<UploadEntry>) => setEntries((list) => list.map((e) => (e.key === key ? { ...e, ...change } : e)));
  const start = useCallback(async (files: File[], alt = ''): Promise<UploadOutcome[]> => {
    const jobs = files.map((file) => ({ file, key: ++next.current }));
    setEntries((list) => [...jobs.map(({ file, key }): UploadEntry => ({ key, name: file.name, size: file.size, progress: 0, state: 'waiting' })), ...list]);
    const results: UploadOutcome[] = new Array(jobs.length);
    let i = 0;
    const worker = async () => {
      while (i < jobs.length) {
        const index = i++;
        const { file, key } = jobs[index]!;
        update(key, { state: 'sending' });
        const outcome = await uploadImage(file, (p) => update(key, { progress: p }), alt);
        results[index] = outcome;
        if (outcome.ok) {
          update(key, { progress: 1, state: outcome.created ? 'done' : 'existing', media: outcome.media });
          heard.current?.(outcome.media, outcome.created);
        } else update(key, { state: 'refused', detail: outcome.detail });
      }
    };
    await Promise.all([worker(), worker()]);
    return results;
  }, []);
  return { entries, start };
}

const SAID: Record<UploadEntry['state'], string> = { waiting: 'Waiting…', sending: 'Uploading…', done: 'Uploaded', existing: 'Already in the library', refused: 'Refused' };

/** The rows of the uploads in progress and done; a polite live region says each result once. */
export function UploadList({ entries, linkTo }: { entries: UploadEntry[]; linkTo?: boolean }) {
  if (entries.length === 0) return null;
  return (
    <ul className="upload-list" aria-label="Uploads" aria-live="polite">
      {entries.map((e) => (
        <li key={e.key} className={`upload-row upload-${e.state}`}>
          <span className="upload-name">{e.name}</span>
          <span className="hint">{formatSize(e.size)}</span>
          <progress max={1} value={e.progress} aria-label={`Upload of ${e.name}`} />
          <span className="upload-state">
            {SAID[e.state]}
            {e.state === 'sending' && ` ${Math.round(e.progress * 100)}%`}
            {e.detail && `: ${e.detail}`}
            {linkTo && e.media && (
              <>
                {' '}
                · <a href={`/cms/media/${e.media.id}`}>Open {e.media.fileName}</a>
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Image files among dropped or picked ones (the server checks the content; this only skips folders and text). */
export function filesOf(list: FileList | null | undefined): File[] {
  return list ? [...list].filter((f) => f.size > 0 || f.type !== '') : [];
}

export const hasFiles = (e: React.DragEvent) => [...e.dataTransfer.types].includes('Files');

/**
 * The handlers of a place files can be dropped on: `setDragging` styles it while files are over
 * it (leaving for one of its own children does not count), `onFiles` takes what was dropped.
 * `enabled` false (before hydration) leaves the browser's default.
 */
export function fileDropHandlers(setDragging: (over: boolean) => void, onFiles: (files: File[]) => void, enabled = true) {
  return {
    onDragOver: (e: React.DragEvent) => {
      if (!enabled || !hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: (e: React.DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: React.DragEvent) => {
      if (!enabled || !hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      onFiles(filesOf(e.dataTransfer.files));
    },
  };
}
