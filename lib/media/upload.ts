// Reading an upload's multipart body as it streams in (RFC 7578), with every bound applied while
// reading: each file is written to a temporary file as it arrives and hashed on the way, and a
// file over the size limit stops being read at the limit. Server Actions cap and buffer bodies,
// so uploads come through a route handler that calls this.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';

/** The most files one request may carry (the no-JavaScript form sends all it picked at once). */
export const MAX_FILES_PER_UPLOAD = 20;

export interface UploadedFile {
  /** The name the browser sent (anything at all: made safe before use). */
  name: string;
  /** The temporary file holding the bytes (removed by `discard`). */
  path: string;
  size: number;
  /** True when the file was larger than the limit: only its first bytes were read. */
  tooLarge: boolean;
}

export interface ParsedUpload {
  files: UploadedFile[];
  fields: Record<string, string>;
  /** More files than MAX_FILES_PER_UPLOAD were sent; the rest were skipped. */
  tooManyFiles: boolean;
}

export class UploadFormatError extends Error {}

const TEMP_DIR = path.join(os.tmpdir(), 'gazette-uploads');

/** Stream a multipart/form-data body into temporary files. */
export async function parseUpload(request: Request, maxFileBytes: number): Promise<ParsedUpload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(contentType) || !request.body) throw new UploadFormatError('Send the files as multipart/form-data.');
  await fs.mkdir(TEMP_DIR, { recursive: true });
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  const writes: Promise<void>[] = [];
  let tooManyFiles = false;
  let storeError: Error | undefined;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      // One byte over the limit: busboy reports `limit` on reaching fileSize, and a file of exactly
      // the limit is allowed.
      limits: { fileSize: maxFileBytes + 1, files: MAX_FILES_PER_UPLOAD, fields: 20, fieldSize: 4096, parts: MAX_FILES_PER_UPLOAD + 20 },
      defParamCharset: 'utf8',
    });
  } catch {
    throw new UploadFormatError('The multipart body has no boundary.');
  }
  parser.on('file', (_field, stream, info) => {
    const file: UploadedFile = { name: info.filename ?? '', path: path.join(TEMP_DIR, `${Date.now()}-${randomBytes(8).toString('hex')}`), size: 0, tooLarge: false };
    files.push(file);
    stream.on('data', (chunk: Buffer) => (file.size += chunk.length));
    stream.on('limit', () => (file.tooLarge = true));
    // A temporary file that cannot be written (disk full) stops the whole body: busboy would
    // otherwise wait for the closed stream forever. Handled here so nothing rejects unobserved.
    writes.push(
      pipeline(stream, createWriteStream(file.path, { mode: 0o600 })).catch((err: unknown) => {
        // A file-system error (it names its syscall); anything else is the client going away,
        // which the body's own pipeline reports.
        if (!(err instanceof Error) || !('syscall' in err) || storeError !== undefined) return;
        storeError = err;
        parser.destroy(err);
      }),
    );
  });
  parser.on('field', (name, value) => {
    if (!Object.hasOwn(fields, name) && name !== '__proto__') fields[name] = value;
  });
  parser.on('filesLimit', () => (tooManyFiles = true));
  try {
    await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>), parser);
    await Promise.all(writes);
  } catch (err) {
    // Every write has settled (its file exists or never will) before the files are removed.
    await Promise.allSettled(writes);
    await discard(files);
    if (storeError !== undefined) throw storeError;
    throw new UploadFormatError(err instanceof Error && /Unexpected end|boundary|Malformed/i.test(err.message) ? 'The multipart body is incomplete or malformed.' : 'The upload was interrupted.');
  }
  if (storeError !== undefined) {
    await discard(files);
    throw storeError;
  }
  return { files, fields, tooManyFiles };
}

/** Remove the temporary files of an upload. */
export async function discard(files: UploadedFile[]): Promise<void> {
  await Promise.all(files.map((f) => fs.rm(f.path, { force: true })));
}

/** Temporary upload files left by a process that died mid-request, older than `before`. */
export async function removeStaleUploads(before: Date): Promise<void> {
  for (const name of await fs.readdir(TEMP_DIR).catch(() => [] as string[])) {
    const file = path.join(TEMP_DIR, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && stat.mtime < before) await fs.rm(file, { force: true });
  }
}
