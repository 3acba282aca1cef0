// POST /cms/media/upload – editors upload images (SPEC §9): multipart/form-data, one or more
// `file` parts (MAX_FILES_PER_UPLOAD), an optional `alt`. A route handler, not a Server Action:
// actions buffer and cap bodies, this streams (lib/media/upload.ts) with MEDIA_MAX_BYTES per file.
// proxy.ts does not run here (it would buffer the body to clone it), so the request guard it
// would have applied runs first thing, then the Origin and the session: all before the body.
//
// With `Accept: application/json` (the library's script, one file per request for progress):
// 201 {created, media} for a new image, 200 for bytes uploaded before, else a problem document.
// Otherwise (the plain form, JavaScript off): 303 See Other back to the library, which shows
// what was added and what was refused from the query.
import fs from 'node:fs/promises';
import { getDb } from '@/db/client';
import { databaseFailure, failureResponse } from '@/lib/api/route';
import { afterCommit } from '@/lib/cms/after-commit';
import { currentEditor } from '@/lib/cms/session';
import { getConfig } from '@/lib/config';
import { negotiateMediaType } from '@/lib/http/negotiate';
import { problem, toResponse } from '@/lib/http/problem';
import { guardRequest } from '@/lib/http/request-guard';
import { mediaSummary } from '@/lib/media/documents';
import { mediaFileTag } from '@/lib/media/files';
import { formatBytes, ingestImage, MediaRefusal } from '@/lib/media/ingest';
import { getMediaStore, isStorageFailure } from '@/lib/media/store';
import { discard, MAX_FILES_PER_UPLOAD, parseUpload, UploadFormatError, type UploadedFile } from '@/lib/media/upload';

const refuse = (status: number, detail: string, extensions: Record<string, string> = {}) =>
  toResponse(problem(status, detail, { cache: 'none', extensions }));

/**
 * Something failed: an outage of the database, the disk or the bucket is a 503 the client may
 * retry (a file already taken stays, and is found again by its bytes), anything else a logged
 * 500 (lib/api/route.ts).
 */
const failed = (err: unknown) => failureResponse(err, { log: '[media] upload', detail: 'Uploads are unavailable right now; try again shortly.' }, isStorageFailure);

/** Multipart framing around one file: boundaries, part headers (a generous bound). */
const MULTIPART_OVERHEAD = 64 * 1024;

type Outcome = { name: string; created: boolean; media: ReturnType<typeof mediaSummary> } | { name: string; status: number; code: string; detail: string };

export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const guarded = guardRequest('POST', url.pathname + url.search, Object.fromEntries(request.headers));
  if (guarded) return toResponse(guarded, 'POST');
  const wantsJson = negotiateMediaType(request.headers.get('accept'), ['text/html', 'application/json']) === 'application/json';
  // The same check Next makes for Server Actions: the Origin's host is this server's host.
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host');
  if (!origin || hostOf(origin) !== host) return refuse(403, 'Uploads are accepted from this site only.');
  const { maxBytes } = getConfig().media;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes * MAX_FILES_PER_UPLOAD + MULTIPART_OVERHEAD) {
    return refuse(413, `Each file may be at most ${formatBytes(maxBytes)}, and at most ${MAX_FILES_PER_UPLOAD} files at once.`, { code: 'too-large' });
  }
  let editor: Awaited<ReturnType<typeof currentEditor>>;
  try {
    editor = await currentEditor();
  } catch (err) {
    return failed(err);
  }
  if (!editor) {
    if (wantsJson) return refuse(401, 'Sign in again to upload.');
    return new Response(null, { status: 303, headers: { location: '/cms/login?next=/cms/media', 'cache-control': 'no-store' } });
  }
  // One declared file over the limit is refused before reading (a client that says the size).
  if (wantsJson && declared > maxBytes + MULTIPART_OVERHEAD) {
    return refuse(413, `The file is larger than ${formatBytes(maxBytes)}.`, { code: 'too-large' });
  }

  let parsed: Awaited<ReturnType<typeof parseUpload>>;
  try {
    parsed = await parseUpload(request, maxBytes);
  } catch (err) {
    if (err instanceof UploadFormatError) return refuse(400, err.message, { code: 'bad-request' });
    return failed(err);
  }
  const outcomes: Outcome[] = [];
  try {
    if (parsed.files.length === 0) return refuse(400, 'Choose at least one image to upload (a `file` field).', { code: 'no-file' });
    if (wantsJson && parsed.files.length > 1) return refuse(400, 'Send one file per request with Accept: application/json.', { code: 'bad-request' });
    const db = await getDb();
    const store = await getMediaStore();
    for (const file of parsed.files) outcomes.push(await ingestOne(db, store, file, editor.id, parsed.fields.alt ?? ''));
  } catch (err) {
    return failed(err);
  } finally {
    await discard(parsed.files);
  }

  if (wantsJson) {
    const [one] = outcomes;
    if (!one) return refuse(400, 'No file was uploaded.');
    if ('media' in one) {
      return new Response(JSON.stringify({ created: one.created, media: one.media }), {
        status: one.created ? 201 : 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store', ...(one.created ? { location: one.media.url } : {}) },
      });
    }
    return refuse(one.status, one.detail, { code: one.code });
  }
  const back = new URL('/cms/media', url);
  back.searchParams.set('added', String(outcomes.filter((o) => 'media' in o && o.created).length));
  back.searchParams.set('existing', String(outcomes.filter((o) => 'media' in o && !o.created).length));
  const refused = outcomes.flatMap((o) => ('detail' in o ? [{ name: o.name.slice(0, 120), detail: o.detail }] : []));
  if (parsed.tooManyFiles) refused.push({ name: '', detail: `Only the first ${MAX_FILES_PER_UPLOAD} files were uploaded.` });
  if (refused.length) back.searchParams.set('refused', JSON.stringify(refused));
  return new Response(null, { status: 303, headers: { location: back.pathname + back.search, 'cache-control': 'no-store' } });
}

async function ingestOne(db: Awaited<ReturnType<typeof getDb>>, store: Awaited<ReturnType<typeof getMediaStore>>, file: UploadedFile, editorId: string, alt: string): Promise<Outcome> {
  const { media: limits } = getConfig();
  const name = file.name.replace(/[\u0000-\u001f\u007f]/g, '');
  try {
    if (file.tooLarge) throw new MediaRefusal(413, 'too-large', `The file is larger than ${formatBytes(limits.maxBytes)}.`);
    const bytes = await fs.readFile(file.path);
    const { item, created } = await ingestImage(db, store, { bytes, fileName: file.name, editorId, alt }, limits);
    // Its URLs may have been asked for before (and "no such file" cached for a minute).
    if (created) await afterCommit({ tags: item.files.map((f) => mediaFileTag(f.hash)), feedsChanged: false }, 'route');
    return { name, created, media: mediaSummary(item) };
  } catch (err) {
    if (err instanceof MediaRefusal) return { name, status: err.status, code: err.code, detail: err.message };
    const { status } = await databaseFailure(err, { log: '[media] upload of one file' }, isStorageFailure);
    if (status === 503) return { name, status, code: 'unavailable', detail: 'The image could not be stored right now; try again shortly.' };
    return { name, status, code: 'failed', detail: 'Something went wrong; the image was not stored.' };
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** The upload URL is a form's action, not a page: a visit goes to the library. */
export function GET(): Response {
  return new Response(null, { status: 303, headers: { location: '/cms/media', 'cache-control': 'no-store' } });
}
