'use client';
// The library's upload area. Without JavaScript it is a plain multipart form posted to the
// upload route, which answers 303 back to the library with the results in the query. With
// JavaScript, picking or dropping files uploads each at once, with a progress bar and result
// per file, and the grid refreshes as they arrive.
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { ACCEPTED, fileDropHandlers, filesOf, UPLOAD_URL, UploadList, useUploads } from './uploads';

export function UploadArea() {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [hydrated, setHydrated] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const alt = useRef<HTMLInputElement>(null);
  const { entries, start } = useUploads();
  useEffect(() => setHydrated(true), []);

  const upload = async (files: File[]) => {
    if (!files.length) return;
    const results = await start(files, alt.current?.value ?? '');
    if (input.current) input.current.value = '';
    if (results.some((r) => r.ok)) startTransition(() => router.refresh());
  };

  return (
    <section
      className={`upload-area${dragging ? ' dragging' : ''}`}
      aria-labelledby="upload-heading"
      {...fileDropHandlers(setDragging, (files) => void upload(files), hydrated)}
    >
      <h2 id="upload-heading">Upload images</h2>
      <form
        method="post"
        encType="multipart/form-data"
        action={UPLOAD_URL}
        className="cms-form"
        aria-label="Upload images"
        onSubmit={(e) => {
          // With JavaScript the files went up when they were picked; a submit sends any left.
          e.preventDefault();
          void upload(filesOf(input.current?.files));
        }}
      >
        <div className="field-row">
          <div className="field">
            <label htmlFor="upload-files">Image files</label>
            <input ref={input} id="upload-files" type="file" name="file" multiple required accept={ACCEPTED} aria-describedby="upload-hint" onChange={(e) => hydrated && void upload(filesOf(e.currentTarget.files))} />
            <span id="upload-hint" className="hint">
              JPEG, PNG, WebP, AVIF or GIF, up to 20 at once. Location data is removed.{hydrated && ' You can also drop files onto this area.'}
            </span>
          </div>
          <div className="field">
            <label htmlFor="upload-alt">Alt text (optional)</label>
            <input ref={alt} id="upload-alt" name="alt" maxLength={1000} aria-describedby="upload-alt-hint" />
            <span id="upload-alt-hint" className="hint">Describes the image for people who cannot see it; given to every file of this upload.</span>
          </div>
        </div>
        {/* With JavaScript, choosing files uploads them; the button is for browsers without it. */}
        {!hydrated && (
          <div className="actions">
            <button type="submit">Upload</button>
          </div>
        )}
      </form>
      <UploadList entries={entries} linkTo />
    </section>
  );
}
