// GET /cms/autosave?type=post&item=<id|new> – the signed-in editor's autosave of an item's form
// POST /cms/autosave – store ({op:'save'}) or discard ({op:'discard'}) it (JSON, same origin only)
// A route handler rather than a Server Action: it answers plain status codes a script can act
// on (401, 403, 413, 422), reads the body with its own cap, and is never a form's action.
import { getDb } from '@/db/client';
import { failureResponse } from '@/lib/api/route';
import { autosaveBody, autosaveKey, clearAutosave, MAX_AUTOSAVE_BYTES, readAutosave, storeAutosave } from '@/lib/cms/autosave';
import { editorClock } from '@/lib/cms/editor-clock';
import { currentEditor } from '@/lib/cms/session';
import { problem, toResponse } from '@/lib/http/problem';

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' },
  });
// Refusals are problem documents (RFC 9457), from the one builder; never cached by anyone.
const refuse = (status: number, detail: string) => toResponse(problem(status, detail, { cache: 'none' }));

export const GET = guarded(async (request: Request): Promise<Response> => {
  // A cross-site page may not even probe it (browsers mark cross-site fetches).
  if (request.headers.get('sec-fetch-site') === 'cross-site') return refuse(403, 'Autosaves are served to this site only.');
  const editor = await currentEditor();
  if (!editor) return refuse(401, 'Sign in again.');
  const url = new URL(request.url);
  const k = autosaveKey.safeParse({ type: url.searchParams.get('type'), item: url.searchParams.get('item') });
  if (!k.success) return refuse(422, k.error.issues[0]?.message ?? 'Unknown item.');
  const db = await getDb();
  const row = await readAutosave(db, editor.id, k.data);
  if (!row) return json(200, { autosave: null });
  const clock = await editorClock();
  return json(200, {
    autosave: { fields: row.fields, baseVersion: row.baseVersion, savedAt: row.updatedAt.toISOString(), savedAtText: clock.stamp(row.updatedAt, { seconds: true }) },
  });
});

export const POST = guarded(async (request: Request): Promise<Response> => {
  // The same check Next makes for Server Actions: the Origin's host is this server's host.
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host');
  if (!origin || hostOf(origin) !== host) return refuse(403, 'Autosaves are accepted from this site only.');
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) return refuse(415, 'Send JSON.');
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_AUTOSAVE_BYTES) return refuse(413, 'The autosave is too large.');
  const editor = await currentEditor();
  if (!editor) return refuse(401, 'Sign in again.');
  const text = await readCapped(request, MAX_AUTOSAVE_BYTES);
  if (text === undefined) return refuse(413, 'The autosave is too large.');
  let body: unknown;
  try {
    // A "__proto__" key is no field any form has (and schemas would silently drop it).
    body = JSON.parse(text, (k: string, v: unknown) => {
      if (k === '__proto__') throw new SyntaxError('__proto__');
      return v;
    });
  } catch {
    return refuse(400, 'The body is not JSON, or not an autosave.');
  }
  const parsed = autosaveBody.safeParse(body);
  if (!parsed.success) return refuse(422, parsed.error.issues[0]?.message ?? 'Not an autosave.');
  const input = parsed.data;
  const db = await getDb();
  if (input.op === 'discard') {
    await clearAutosave(db, editor.id, input);
    return json(204, null);
  }
  const savedAt = await storeAutosave(db, editor.id, input, input.fields, input.baseVersion);
  return json(200, { savedAt: savedAt.toISOString() });
});

/** A database that cannot answer is a 503 the client retries; a bug a logged 500 (lib/api/route.ts). */
function guarded(handler: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      return await handler(request);
    } catch (err) {
      return failureResponse(err, { log: '[cms] autosave', detail: 'Autosave is unavailable right now; your text is still in the form.' });
    }
  };
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** The body as text, or undefined once it passes `max` bytes (read no further). */
async function readCapped(request: Request, max: number): Promise<string | undefined> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
