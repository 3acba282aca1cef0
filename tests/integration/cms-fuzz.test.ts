// Property-based fuzzing of every CMS Server Action an editor can reach through a form, posted
// over HTTP exactly as a browser without JavaScript posts it (multipart, React's hidden action
// fields, Post/Redirect/Get): for posts, changelog entries and events alike, saving a new and an
// existing item with each intent (save, publish, schedule, unpublish), deleting, restoring a
// revision (on its confirmation page), the staged-edit banner of a published item (publish,
// schedule, unschedule, discard), bulk publish, unpublish and delete from a list's confirmation
// page (and that page itself, which a GET reaches) and previewing (posts and changelog entries);
// and the admin's editor-account forms.
// Every generated submission is invalid by construction: a valid form read from the page, plus
// at least one fault that on its own makes the action refuse (and "noise" that on its own is
// harmless). Faults include a forged session cookie (the editor then signs in again in another
// tab and reloads: the result must be waiting) and a tampered bound argument of the Server Action
// (the content type's name, which the form carries in React's hidden `$ACTION_n:k` field). So
// for every case:
//   - the action never redirects to its success page (and never answers 5xx),
//   - the form shows a field error or a message (never "something went wrong"), and a refused
//     preview never shows a rendering,
//   - every table of the database is byte-for-byte unchanged (found in the catalogue, rows as
//     JSON, sorted, hashed), but for what a refusal itself writes (VOLATILE, each with its reason).
// A form page that is missing (404, or without its form or button) fails the test.
// The bulk action refuses a signed-out request by redirecting to the login page, and a bound type
// that is none by redirecting to /cms (app/cms/(editor)/bulk-actions.ts): those cases may end in
// that redirect, writing nothing, instead of a message.
// One exception to "shows a message" is counted and printed instead of failing each property: a
// forged form identity (item id, revision id, editor userId, or the bound type renamed to another
// existing type): the no-JS result is keyed (lib/cms/flash.ts: `${type}:${id}`,
// `${type}-delete:${id}`, `${type}-preview:${id}`, `${type}-restore:${revisionId}`,
// `editor-change:${userId}`) to a form that is not on the page; the realistic case of this is
// "deleted meanwhile" below, which has its own test.
// A last test posts the same forms without a fault and sees them accepted (and the digest
// change, except for previews, which never write), so every refusal above really came from the
// generated fault.
//
// Note: a lone surrogate cannot reach the server as one: the UTF-8 encoding of form data (by a
// browser, and here) turns it into U+FFFD, as do the raw invalid UTF-8 bytes sent here. They are
// therefore noise, never the fault that makes a case invalid.
import { randomBytes, randomUUID } from 'node:crypto';
import * as cheerio from 'cheerio';
import { and, eq, ne, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogEntries, events, posts, postSlugRedirects, revisions, user } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { type CookieJar, signIn, submitForm, successfulControls } from '../helpers/cms-client';
import { TEST_ACCOUNTS } from '../helpers/template-db';

// ---------------------------------------------------------------------------------------------
// Budget: each case costs a form GET, the POST, the flashed page GET and two digests (one
// statement each, over every table). The default is 1,433 cases and 60 confirmation-page loads:
// about 4 minutes in all (6½ on a busy two-core machine; server start and fixtures included).

// CMS_FUZZ_SCALE=3 runs three times as many cases (a longer local hunt).
const SCALE = Number(process.env.CMS_FUZZ_SCALE ?? 1);
const RUNS = {
  // Per intent (save, publish, schedule, unpublish) and per mode (new, existing): × 8 each.
  save: { post: 32, changelog: 20, event: 24 },
  delete: { post: 45, changelog: 35, event: 35 },
  restore: { post: 45, changelog: 35, event: 35 },
  // The staged-edit banner: the publish form, the discard form, the schedule form (schedule, and
  // unschedule on an item whose update is scheduled), each.
  staged: { post: 20, changelog: 15, event: 15 },
  // Bulk publish, unpublish, delete (each), and the confirmation page's query string.
  bulk: { post: 25, changelog: 20, event: 20 },
  bulkPage: 20,
  // Per mode (new, existing): × 2 each; events have no preview.
  preview: { post: 25, changelog: 20 },
  editorCreate: 60,
  editorChange: 50,
};

let server: TestServer;
let editor: CookieJar;
let admin: CookieJar;
const db = () => server.handle.db;

// ---------------------------------------------------------------------------------------------
// The database digest: every table of every schema the migrations made (read from the catalogue
// at each digest, so a new table is never forgotten), all columns, rows sorted by their text.

/**
 * What may change while a request is refused, and why. Nothing else is left out.
 */
const VOLATILE: Record<string, { table?: true; rows?: string }> = {
  // Every no-JS result, a refusal's message included, is stored here for the page it redirects to
  // (lib/cms/flash.ts), which deletes it on reading it; a result for a form that is not on that
  // page (a forged id) stays until it expires. It is the refusal's transport, not a write.
  'public.form_flash': { table: true },
  // The server's scheduler claims its periodic runs here at any time (db/periodic.ts: the media
  // sweep, lib/media/sweep.ts, and the change-log pruning, lib/cms/change-log.ts).
  'public.app_meta': { rows: `key not in ('media_swept_at', 'changes_pruned_at')` },
};

function resultRows(res: unknown): Record<string, unknown>[] {
  return (Array.isArray(res) ? res : (res as { rows: Record<string, unknown>[] }).rows) ?? [];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every base table outside PostgreSQL's own schemas: public, drizzle's migration journal, any other. */
async function allTables(): Promise<string[]> {
  const res = await db().execute(
    sql.raw(`SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%'
      ORDER BY 1, 2`),
  );
  return resultRows(res).map((r) => `${String(r.s)}.${String(r.t)}`);
}

/**
 * table → "rowCount:md5 of its rows" (each row as jsonb text: every column at full precision,
 * exact text; sorted bytewise), every table in one statement.
 */
async function digest(): Promise<Record<string, string>> {
  const parts = (await allTables())
    .filter((table) => !VOLATILE[table]?.table)
    .map((table) => {
      const [schema, name] = table.split('.') as [string, string];
      const where = VOLATILE[table]?.rows;
      return `SELECT '${table.replace(/'/g, "''")}' AS t, count(*)::int AS n, md5(coalesce(string_agg(r, E'\\n' ORDER BY r COLLATE "C"), '')) AS h
        FROM (SELECT to_jsonb(x)::text AS r FROM ${quoteIdent(schema)}.${quoteIdent(name)} x${where ? ` WHERE ${where}` : ''}) rows`;
    });
  const res = await db().execute(sql.raw(parts.join('\nUNION ALL\n')));
  return Object.fromEntries(resultRows(res).map((r) => [String(r.t), `${String(r.n)}:${String(r.h)}`]));
}

// ---------------------------------------------------------------------------------------------
// Form data as a hostile client sends it: repeated keys, raw bytes, huge values (kept lazy so a
// failing case prints small), a forged session cookie, a tampered bound argument.

type Val = string | { huge: string; n: number; suffix?: string } | { bytes: number[] };
type Entry = [name: string, value: Val];
/** How the session cookie is forged (from the real one, at send time). */
type Forgery = 'empty' | 'garbage' | 'unsigned' | 'flipped-signature' | 'flipped-token' | 'truncated';
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Mut =
  | { op: 'set'; name: string; value: Val }
  | { op: 'drop'; name: string }
  | { op: 'repeat'; name: string; values: Val[] }
  | { op: 'add'; name: string; value: Val }
  /** `n` more entries of one value (a huge selection), kept short in a counterexample. */
  | { op: 'many'; name: string; value: Val; n: number }
  | { op: 'session'; forge: Forgery }
  | { op: 'bound'; value: Json };

function bytesOf(v: Val): Buffer {
  if (typeof v === 'string') return Buffer.from(v, 'utf8'); // lone surrogates → U+FFFD, as a browser encodes them
  if ('huge' in v) return Buffer.from(v.huge.repeat(v.n) + (v.suffix ?? ''), 'utf8');
  return Buffer.from(v.bytes);
}

function applyMuts(entries: Entry[], muts: Mut[]): Entry[] {
  let out = [...entries];
  for (const m of muts) {
    switch (m.op) {
      case 'set':
        out = [...out.filter(([k]) => k !== m.name), [m.name, m.value]];
        break;
      case 'drop':
        out = out.filter(([k]) => k !== m.name);
        break;
      case 'repeat':
        out = [...out.filter(([k]) => k !== m.name), ...m.values.map((v): Entry => [m.name, v])];
        break;
      case 'add':
        out.push([m.name, m.value]);
        break;
      case 'many':
        for (let i = 0; i < m.n; i++) out.push([m.name, m.value]);
        break;
    }
  }
  return out;
}

/**
 * Rename the content type the pressed Server Action is bound to (`.bind(null, typeName)`): React
 * renders `$ACTION_REF_n`, `$ACTION_n:0` = {"id":…,"bound":"$@k"} and `$ACTION_n:k` = the bound
 * arguments as JSON, the type's name first. Anything else on the page fails the test.
 */
function forgeBound(entries: Entry[], typeName: string, value: Json): Entry[] {
  const refs = entries.filter(([k]) => k.startsWith('$ACTION_REF_'));
  if (refs.length === 0) throw new Error('the form has no $ACTION_REF_ field: cannot find its bound arguments');
  const n = refs.at(-1)![0].slice('$ACTION_REF_'.length); // React's decodeAction takes the last one
  const meta = entries.find(([k]) => k === `$ACTION_${n}:0`)?.[1];
  const bound = typeof meta === 'string' ? /^\$@(\d+)$/.exec((JSON.parse(meta) as { bound?: string }).bound ?? '') : null;
  if (!bound) throw new Error(`$ACTION_${n}:0 names no bound arguments: ${String(meta)}`);
  const field = `$ACTION_${n}:${bound[1]}`;
  const args = entries.find(([k]) => k === field)?.[1];
  const parsed = typeof args === 'string' ? (JSON.parse(args) as unknown) : undefined;
  if (!Array.isArray(parsed) || parsed[0] !== typeName) throw new Error(`${field} is not the bound type "${typeName}": ${String(args)}`);
  return entries.map(([k, v]): Entry => (k === field ? [k, JSON.stringify([value, ...parsed.slice(1)])] : [k, v]));
}

/** The bound-argument forgery a case makes: the last one wins (each replaces the type's name). */
const boundForgery = (muts: Mut[]) => muts.filter((m): m is Extract<Mut, { op: 'bound' }> => m.op === 'bound').at(-1);

const SESSION = /(^|;\s*)((?:__Secure-)?better-auth\.session_token)=([^;]*)/;

function forgeSession(cookie: string, forge: Forgery): string {
  const m = SESSION.exec(cookie);
  if (!m) throw new Error('no session cookie to forge');
  const real = decodeURIComponent(m[3]!);
  const dot = real.indexOf('.');
  // A→g and back changes a base64 digit's high bit. Flipping the last digit of the signature
  // would not do: of a 32-byte HMAC's 43 digits the last carries two unused bits, so A↔B there
  // decodes to the same signature (non-canonical base64, RFC 4648 §3.5) and the cookie is
  // rightly accepted: a flaky false alarm once in 16 runs.
  const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'g' : 'A') + s.slice(at + 1);
  const forged = {
    empty: '',
    garbage: 'forged.value',
    unsigned: dot > 0 ? real.slice(0, dot) : `${real}x`,
    'flipped-signature': flip(real, dot > 0 ? dot + 5 : real.length - 5),
    'flipped-token': flip(real, 0),
    truncated: real.slice(0, -2),
  }[forge];
  return cookie.replace(SESSION, `$1$2=${encodeURIComponent(forged)}`);
}

function multipart(entries: Entry[]): { body: Buffer; type: string } {
  const boundary = `----GazetteFuzz${randomBytes(12).toString('hex')}`;
  // HTML's multipart/form-data encoding of names: " CR LF percent-encoded.
  const encName = (n: string) => n.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const parts: Buffer[] = [];
  for (const [name, value] of entries) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${encName(name)}"\r\n\r\n`, 'utf8'), bytesOf(value), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

interface LoadedForm {
  entries: Entry[];
  target: string;
}

/**
 * The form's fields as the browser would submit them (tests/helpers/cms-client.ts),
 * pressing `submitter` (a button inside the form: its name=value goes last, as a browser sends
 * the button that submitted). A missing page, form or button fails the test.
 */
/**
 * A GET, tried again once when the pooled connection it went out on was reset: the server may close
 * an idle persistent connection as the client reuses it, and an idempotent request is then retried
 * (RFC 9112 §9.3.1), as browsers do. Two full runs lost a case to this on a busy machine; a server
 * that is down fails the retry too.
 */
async function getPage(url: string, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(url, { headers, redirect: 'manual' });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return fetch(url, { headers, redirect: 'manual' });
  }
}

async function loadForm(path: string, jar: CookieJar, selector?: string, submitter?: string): Promise<LoadedForm> {
  const page = await getPage(server.url + path, { cookie: jar.header() });
  jar.take(page);
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}${page.status === 404 ? ': the form page is missing' : ''}`);
  const $ = cheerio.load(await page.text());
  const form = selector ? $(selector).first() : $('main form').filter((_, f) => $(f).find('input[name^="$ACTION"]').length > 0).first();
  if (form.length === 0) throw new Error(`no form ${selector ?? 'with a Server Action'} on ${path}: the form is missing`);
  const entries: Entry[] = successfulControls($, form);
  if (submitter) {
    const button = form.find(submitter).first();
    if (button.length === 0) throw new Error(`no button ${submitter} in the form on ${path}: the action is missing`);
    const name = button.attr('name');
    if (name) entries.push([name, button.attr('value') ?? '']);
  }
  const action = form.attr('action');
  const target = action && action !== '' && !action.startsWith('javascript:') ? new URL(action, server.url + path).toString() : server.url + path;
  return { entries, target };
}

interface Outcome {
  status: number;
  pageStatus: number | null;
  location: string | null;
  outcome: 'redirected' | 'flashed' | 'rendered';
  messages: string[];
  fieldErrors: string[];
  /** The page shows a rendered preview. */
  preview: boolean;
}

/**
 * Post the form as the browser does, then follow a no-JS result (Post/Redirect/Get) to the page.
 * With a forged session the POST carries the forged cookie and keeps only the result cookie:
 * the editor signs in again in another tab and reloads, so the page is read with the real one.
 */
async function send(form: LoadedForm, jar: CookieJar, base: Record<string, string>, muts: Mut[], typeName?: string): Promise<Outcome> {
  let entries = applyMuts(
    applyMuts(
      form.entries,
      Object.entries(base).map(([name, value]): Mut => ({ op: 'set', name, value })),
    ),
    muts,
  );
  const bound = boundForgery(muts);
  if (bound) {
    if (!typeName) throw new Error('a bound-argument fault on a form without a content type');
    entries = forgeBound(entries, typeName, bound.value);
  }
  const forge = muts.find((m) => m.op === 'session');
  const { body, type } = multipart(entries);
  const res = await fetch(form.target, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { cookie: forge ? forgeSession(jar.header(), forge.forge) : jar.header(), origin: server.url, 'content-type': type },
    redirect: 'manual',
  });
  if (forge) {
    const flash = res.headers.getSetCookie().filter((c) => c.startsWith('gazette_flash='));
    jar.take(new Response(null, { headers: flash.map((c): [string, string] => ['set-cookie', c]) }));
  } else jar.take(res);
  const flashed = res.headers.getSetCookie().some((c) => c.startsWith('gazette_flash='));
  const location = res.headers.get('location');
  let html = await res.text();
  let pageStatus: number | null = null;
  if (flashed && location) {
    const next = await fetch(new URL(location, form.target), { headers: { cookie: jar.header() }, redirect: 'manual' });
    jar.take(next);
    pageStatus = next.status;
    html = await next.text();
  }
  const $ = cheerio.load(html);
  return {
    status: res.status,
    pageStatus,
    location,
    outcome: flashed ? 'flashed' : res.status >= 300 && res.status < 400 ? 'redirected' : 'rendered',
    messages: $('main [role=status], main [role=alert]').map((_, e) => $(e).text().trim()).get().filter(Boolean),
    fieldErrors: $('main .field-error').map((_, e) => $(e).text().trim()).get().filter(Boolean),
    preview: $('main section.preview').length > 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Generators. `bad*` values are each invalid on their own; `noise*` values are each valid.

const set = (name: string) => (value: Val): Mut => ({ op: 'set', name, value });
const drop = (name: string): fc.Arbitrary<Mut> => fc.constant({ op: 'drop', name });
const repeat = (name: string, values: fc.Arbitrary<Val>) => fc.array(values, { minLength: 2, maxLength: 4 }).map((vs): Mut => ({ op: 'repeat', name, values: vs }));

const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', 'a\uDE00b'];
/** Harmless in any one-line text field: no C0 controls, no DEL. */
const noiseChar = fc.oneof(
  fc.constantFrom('a', 'Z', '7', ' ', '-', ',', 'é', 'ß', '漢', '😀', 'ﷺ', '\u200B', '\u202E', '\u00A0', '\u0085', '\u2028', '\uFEFF', '<', '>', '&', '"', "'", '`', '\\', '%00', '${x}', '{{x}}', '<script>', ']]>'),
  fc.constantFrom(...LONE_SURROGATES),
  fc.string({ unit: 'grapheme', maxLength: 3 }).map((s) => s.replace(/[\u0000-\u001F\u007F]/g, '')),
);
const noise = fc.array(noiseChar, { maxLength: 10 }).map((a) => a.join(''));
/** Visible at both ends, so trimming never changes its length or emptiness. */
const noiseLine = noise.map((s) => `x${s}y`);
/** Raw bytes that are not UTF-8 (CESU-8 surrogate, overlong, stray continuation, 0xFF): decoded as U+FFFD. */
const invalidUtf8 = fc
  .tuple(noise, fc.constantFrom([0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xc0, 0xaf], [0x80], [0xff, 0xfe], [0xf4, 0x90, 0x80, 0x80]))
  .map(([s, raw]): Val => ({ bytes: [...Buffer.from(`x${s}`, 'utf8'), ...raw, ...Buffer.from('y')] }));

/** Any C0 control or DEL: refused by every one-line field (placed inside, where trim cannot remove it). */
const LINE_CONTROLS = [...'\u0000\u0001\u0007\u0008\t\n\u000B\u000C\r\u000E\u001B\u001F\u007F'];
/** Refused by multi-line text fields (tab, LF and CR are allowed there). */
const TEXT_CONTROLS = [...'\u0000\u0001\u0007\u0008\u000B\u000C\u000E\u001B\u001F\u007F'];
const withControl = (controls: string[]) => fc.tuple(noise, fc.constantFrom(...controls), noise).map(([a, c, b]): Val => `x${a}${c}${b}y`);

/** Longer than `max` characters after trimming (Zod counts code points, not UTF-16 units), up to ~200 KB. */
const tooLong = (max: number) =>
  fc
    .tuple(fc.constantFrom('x', 'é', '漢', '😀', '<b>', 'a-'), fc.integer({ min: max + 1, max: Math.max(max + 1, 200_000) }))
    .map(([ch, len]): Val => ({ huge: ch, n: Math.ceil(len / [...ch].length) + 1 }));

const blank = fc.constantFrom<Val>('', ' ', '   ', '\u00A0', '\u3000', '\uFEFF', '\u2028');

/** What a one-line field refuses. */
const badLine = (max: number, required: boolean) => fc.oneof(withControl(LINE_CONTROLS), tooLong(max), ...(required ? [blank] : []));
/** What a multi-line field refuses (only controls: its limit is tested separately when it is 1,000,000). */
const badText = (max: number) => (max < 200_000 ? fc.oneof(withControl(TEXT_CONTROLS), tooLong(max)) : withControl(TEXT_CONTROLS));

/** Wrong types in an enum field: numbers and booleans as strings, case and whitespace variants, junk. */
const badEnum = (valid: readonly string[]) =>
  fc
    .oneof(
      fc.constantFrom('', 'true', 'false', '0', '1', '-1', 'null', 'undefined', 'NaN', '[]', '{}', '[object Object]', 'on'),
      fc.integer().map(String),
      fc.double().map(String),
      fc.constantFrom(...valid).chain((v) => fc.constantFrom(v.toUpperCase(), ` ${v}`, `${v} `, `${v}\u0000`, `${v},${v}`, v.slice(1), `${v}s`, `"${v}"`, `["${v}"]`)),
      fc.string({ maxLength: 12 }),
    )
    .filter((v) => !valid.includes(v));

/** An enum field sent twice (a,b): never an enum value. */
const repeatedEnum = (name: string, valid: readonly string[]) => repeat(name, fc.constantFrom(...valid));

/** Integers that are not `current`, and strings that are no version at all. */
const badVersion = (current: number | null) =>
  fc
    .oneof(
      fc.constantFrom('abc', '-1', '1.5', '1e10', 'NaN', 'Infinity', '-Infinity', 'true', 'false', 'null', '[]', '{}', '2000000001', '9'.repeat(400), '1,1', '0b', '--1'),
      ...(current === null ? [] : [fc.integer({ min: 0, max: 2_000_000_000 }).map(String), fc.constantFrom('', '0', String(current + 1), String(current - 1), '2000000000')]),
    )
    .filter((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0 || n > 2_000_000_000) return true;
      return current !== null && n !== current;
    });

/** A field the form does not have. ("__proto__" is left to its own test: see the end of the file.) */
const unknownField = fc
  .tuple(
    fc.oneof(
      fc.constantFrom('sneaky', 'isAdmin', 'role[]', 'title[]', 'status', 'deletedAt', 'editorId', 'constructor', 'toString', 'hasOwnProperty', 'prototype', '1', '0', '$K', 'title ', ' id', 'ID', 'Title', 'slug\u0000', 'é', '😀', '"quoted"', 'a\r\nb', 'version.0', 'values', 'fieldErrors'),
      fc.string({ minLength: 1, maxLength: 16 }),
    ),
    fc.oneof(noise, fc.constantFrom('1', 'true', 'yes', 'on', '')),
  )
  .filter(([name]) => !name.startsWith('$ACTION') && name !== '__proto__')
  .map(([name, value]): Mut => ({ op: 'add', name, value }));

const unknownFieldFor = (fields: string[]) => unknownField.filter((m) => m.op === 'add' && !fields.includes(m.name));

const malformedIds = fc.constantFrom<Val>('not-a-uuid', '1', 'true', '0', '00000000-0000-0000-0000-00000000000', '{}', "' OR '1'='1", '../../etc/passwd', 'g0000000-0000-4000-8000-000000000000');
const randomIds = fc.uuid().map((u): Val => u);

/** A case: at least one fault (each sufficient), and some harmless noise applied before it. */
function cases(faults: fc.Arbitrary<Mut>[], noiseMuts: fc.Arbitrary<Mut>[] = []): fc.Arbitrary<Mut[]> {
  const fault = fc.oneof(...faults);
  return fc
    .tuple(noiseMuts.length ? fc.array(fc.oneof(...noiseMuts), { maxLength: 3 }) : fc.constant([] as Mut[]), fc.array(fault, { minLength: 1, maxLength: 3 }))
    .map(([n, f]) => [...n, ...f]);
}

const touches = (muts: Mut[], ...names: string[]) => muts.some((m) => 'name' in m && names.includes(m.name));

/** A forged session cookie: the action refuses ("Your session has ended"), writing nothing. */
const forgedSession = fc.constantFrom<Forgery>('empty', 'garbage', 'unsigned', 'flipped-signature', 'flipped-token', 'truncated').map((forge): Mut => ({ op: 'session', forge }));

const TYPE_NAMES = ['post', 'changelog', 'event'] as const;
type TypeName = (typeof TYPE_NAMES)[number];

/** The bound type renamed to something that is no content type: refused with a message on the form. */
const unknownType = fc
  .oneof(
    fc.constantFrom<Json>('', 'nope', 'Post', 'POST', 'posts', 'changelogs', 'events', ' post', 'event ', 'post,event', 'user', 'editor', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'é', '😀'),
    fc.constantFrom<Json>(0, 1, -1, 1.5, true, false, null, [], ['post'], {}, { name: 'post' }),
    fc.string({ maxLength: 12 }).filter((s) => !(TYPE_NAMES as readonly string[]).includes(s) && !s.startsWith('$')),
  )
  .map((value): Mut => ({ op: 'bound', value }));
/** The bound type renamed to another existing type: its action refuses the form (result keyed to that type). */
const otherType = (own: TypeName) => fc.constantFrom(...TYPE_NAMES.filter((t) => t !== own)).map((value): Mut => ({ op: 'bound', value }));
const unknownTypeForged = (muts: Mut[]) => {
  const value = boundForgery(muts)?.value;
  return value !== undefined && !(typeof value === 'string' && (TYPE_NAMES as readonly string[]).includes(value));
};
const forgedOtherType = (muts: Mut[]) => {
  const value = boundForgery(muts)?.value;
  return typeof value === 'string' && (TYPE_NAMES as readonly string[]).includes(value);
};

// ---------------------------------------------------------------------------------------------
// Running a property against one form.

interface Spec {
  name: string;
  path: string;
  form?: string;
  /** The button pressed (inside the form), when it is not a plain submit. */
  submitter?: string;
  jar: () => CookieJar;
  /** The content type the form's action is bound to (for bound-argument faults). */
  typeName?: TypeName;
  /** Fields set on the form before the case's mutations (button values, a ticked box…). */
  base: Record<string, string>;
  cases: fc.Arbitrary<Mut[]>;
  numRuns: number;
  examples?: Mut[][];
  /** The no-JS result is keyed by these fields (lib/cms/flash.ts): forging them sends it to no form on the page. */
  flashKeyFields?: string[];
  /** Messages that only a success shows. */
  success: RegExp;
  /** A message a refusal shows, when the page shows others anyway (a list's row count). */
  refusal?: RegExp;
  /** Where the action may send the browser (it never leaves these pages). */
  locations?: RegExp;
  /** A refusal answered by a plain redirect, without a message: where to, for this case (else none). */
  redirectsTo?: (muts: Mut[]) => RegExp | undefined;
}

const counts: string[] = [];
const unshownForged: Record<string, number> = {};

async function fuzz(spec: Spec): Promise<void> {
  // Fails (never skips) when the page, its form or its button is missing.
  await loadForm(spec.path, spec.jar(), spec.form, spec.submitter);
  let n = 0;
  await fc.assert(
    fc.asyncProperty(spec.cases, async (muts) => {
      n++;
      const before = await digest();
      const form = await loadForm(spec.path, spec.jar(), spec.form, spec.submitter);
      const r = await send(form, spec.jar(), spec.base, muts, spec.typeName);
      const why = `${spec.name}: ${r.status} ${r.location ?? ''} (${r.outcome}, page ${r.pageStatus ?? '-'}) | ${[...r.messages, ...r.fieldErrors].join(' | ').slice(0, 400)}`;
      expect(r.status, why).toBeLessThan(500);
      expect(r.pageStatus ?? 200, why).toBeLessThan(500);
      if (spec.locations && r.location) expect(new URL(r.location, server.url).toString(), why).toMatch(spec.locations);
      const redirect = spec.redirectsTo?.(muts);
      if (redirect && r.outcome === 'redirected') {
        expect(r.location, why).toMatch(redirect);
        expect(await digest(), why).toEqual(before);
        return;
      }
      expect(r.outcome, why).not.toBe('redirected');
      for (const m of r.messages) expect(m, why).not.toMatch(spec.success);
      // A failure inside the action is no refusal, even though it shows a message.
      for (const m of [...r.messages, ...r.fieldErrors]) expect(m, `${why}: the action failed`).not.toMatch(/Something went wrong|Cannot save right now|Cannot reach the database/);
      expect(r.preview, `${why}: a refused preview shows a rendering`).toBe(false);
      expect(await digest(), why).toEqual(before);
      expect(r.outcome, why).toBe('flashed');
      const forged = (spec.flashKeyFields && touches(muts, ...spec.flashKeyFields)) || forgedOtherType(muts);
      if (forged && r.messages.length + r.fieldErrors.length === 0) unshownForged[spec.name] = (unshownForged[spec.name] ?? 0) + 1;
      else expect(r.messages.length + r.fieldErrors.length, `${why}: no field error or message shown`).toBeGreaterThan(0);
      if (spec.refusal) expect(r.messages.some((m) => spec.refusal!.test(m)), `${why}: no refusal shown`).toBe(true);
    }),
    { numRuns: Math.max(1, Math.round(spec.numRuns * SCALE)), examples: spec.examples?.map((e) => [e]) },
  );
  counts.push(`${spec.name}: ${n}`);
  const note = unshownForged[spec.name] ? ` (${unshownForged[spec.name]} with a forged form identity showed no message)` : '';
  console.log(`[cms-fuzz] ${spec.name}: ${n} generated cases${note}`);
}

// ---------------------------------------------------------------------------------------------
// Fixtures, written through the CMS before fuzzing starts: for each type, an item edited once or
// twice (fuzzed), another live one, and a deleted one.

interface TypeFixture {
  item: string;
  version: number;
  rev1: string;
  other: string;
  otherRev: string;
  deleted: string;
  deletedRev: string;
  /** Published, with a staged edit scheduled to go live (its banner has the unschedule button). */
  scheduled: string;
  scheduledVersion: number;
}
const fx = {
  // Every item is published with a staged edit (so its edit page has the staged-edit banner).
  post: {} as TypeFixture, // item: published, renamed once (its former slug redirects), staged edit: version 3
  changelog: {} as TypeFixture, // item: published, staged edit: version 3
  event: {} as TypeFixture, // item: published, staged edit: version 2
  takenSlugsForNew: [] as string[],
  takenSlugsForItem: [] as string[],
  otherUserId: '',
  adminId: '',
};

async function mustRedirect<R extends { outcome: string; messages: string[]; fieldErrors: string[] }>(p: Promise<R>): Promise<R> {
  const r = await p;
  expect(r.outcome, [...r.messages, ...r.fieldErrors].join(' | ')).toBe('redirected');
  return r;
}

const firstRevision = async (entityType: TypeName, id: string) =>
  (await db().select().from(revisions).where(and(eq(revisions.entityType, entityType), eq(revisions.entityId, id), eq(revisions.entityVersion, 1))))[0]!.id;

// The version a form carries: the newest revision's (staged saves of a published item are
// revisions above the row's version; lib/cms/item-rows.ts headVersion).
async function version(type: TypeName, id: string): Promise<number> {
  const [r] = await db().select({ v: sql<number>`max(${revisions.entityVersion})::int` }).from(revisions).where(and(eq(revisions.entityType, type), eq(revisions.entityId, id)));
  return r!.v;
}

function idFromLocation(location: string | null, segment: string): string {
  const m = new RegExp(`/cms/${segment}/([0-9a-f-]{36})`).exec(location ?? '');
  if (!m) throw new Error(`no ${segment} id in ${location}`);
  return m[1]!;
}

const SEGMENT: Record<TypeName, string> = { post: 'posts', changelog: 'changelog', event: 'events' };
const EVENT_FIXTURE = { description: 'Desc.', location: 'Berlin', url: 'https://example.com/e', timeZone: 'Europe/Berlin', start: '2031-06-01T10:00', end: '2031-06-01T12:00', status: 'confirmed' };

beforeAll(async () => {
  server = await startTestServer();
  editor = await signIn(server.url, 'editor');
  admin = await signIn(server.url, 'admin');
  const save = async (type: TypeName, path: string, fields: Record<string, string>, intent: string) =>
    idFromLocation((await mustRedirect(submitForm(server.url, path, editor, { fields, submit: { intent } }))).location, SEGMENT[type]);
  const remove = (type: TypeName, id: string) => mustRedirect(submitForm(server.url, `/cms/${SEGMENT[type]}/${id}`, editor, { form: 'form.danger-zone', fields: { confirm: 'yes' } }));

  // Posts.
  const p1 = await save('post', '/cms/posts/new', { title: 'Fuzz target', slug: 'fuzz-target', summary: 'Target.', body: 'Body.', tags: 'fuzz, http' }, 'publish');
  await save('post', `/cms/posts/${p1}`, { slug: 'fuzz-target-renamed' }, 'publish');
  await save('post', `/cms/posts/${p1}`, { title: 'Fuzz target, edited' }, 'save');
  const p2 = await save('post', '/cms/posts/new', { title: 'Fuzz other', slug: 'fuzz-other', body: 'Other.', tags: 'fuzz' }, 'publish');
  const p3 = await save('post', '/cms/posts/new', { title: 'Fuzz deleted', slug: 'fuzz-deleted', body: 'Gone.', tags: '' }, 'publish');
  await remove('post', p3);
  fx.post = { item: p1, version: await version('post', p1), rev1: await firstRevision('post', p1), other: p2, otherRev: await firstRevision('post', p2), deleted: p3, deletedRev: await firstRevision('post', p3), scheduled: '', scheduledVersion: 0 };
  expect(fx.post.version).toBe(3);

  const allSlugs = (await db().select({ slug: posts.slug }).from(posts)).map((p) => p.slug);
  const allFormer = await db().select().from(postSlugRedirects);
  fx.takenSlugsForNew = [...allSlugs, ...allFormer.map((f) => f.slug)];
  fx.takenSlugsForItem = [
    ...(await db().select({ slug: posts.slug }).from(posts).where(ne(posts.id, p1))).map((p) => p.slug),
    ...allFormer.filter((f) => f.postId !== p1).map((f) => f.slug),
  ];
  expect(fx.takenSlugsForNew).toContain('fuzz-target'); // the item's former slug
  expect(allFormer.length).toBeGreaterThan(1); // the seed's former slugs too

  // Changelog entries.
  const c1 = await save('changelog', '/cms/changelog/new', { title: 'Fuzz entry', category: 'fixed', body: 'Details.', productVersion: '9.9.9' }, 'save');
  await save('changelog', `/cms/changelog/${c1}`, { title: 'Fuzz entry, edited' }, 'publish');
  await save('changelog', `/cms/changelog/${c1}`, { title: 'Fuzz entry, staged' }, 'save');
  const c2 = await save('changelog', '/cms/changelog/new', { title: 'Fuzz entry, other', category: 'changed', body: 'Other.' }, 'publish');
  const c3 = await save('changelog', '/cms/changelog/new', { title: 'Fuzz entry deleted', category: 'added', body: '' }, 'save');
  await remove('changelog', c3);
  fx.changelog = { item: c1, version: await version('changelog', c1), rev1: await firstRevision('changelog', c1), other: c2, otherRev: await firstRevision('changelog', c2), deleted: c3, deletedRev: await firstRevision('changelog', c3), scheduled: '', scheduledVersion: 0 };
  expect(fx.changelog.version).toBe(3);

  // Events: the same publication model (intent buttons, publishAt).
  const e1 = await save('event', '/cms/events/new', { title: 'Fuzz event', ...EVENT_FIXTURE }, 'publish');
  await save('event', `/cms/events/${e1}`, { title: 'Fuzz event, edited' }, 'save');
  const e2 = await save('event', '/cms/events/new', { title: 'Fuzz event, other', ...EVENT_FIXTURE, start: '2031-06-02T10:00', end: '2031-06-02T12:00' }, 'publish');
  const e3 = await save('event', '/cms/events/new', { title: 'Fuzz event deleted', timeZone: 'UTC', start: '2031-07-01T10:00', end: '2031-07-01T11:00' }, 'save');
  await remove('event', e3);
  fx.event = { item: e1, version: await version('event', e1), rev1: await firstRevision('event', e1), other: e2, otherRev: await firstRevision('event', e2), deleted: e3, deletedRev: await firstRevision('event', e3), scheduled: '', scheduledVersion: 0 };
  expect(fx.event.version).toBe(2);
  expect((await db().select().from(events).where(eq(events.id, e1)))[0]!.publicationStatus).toBe('published');

  fx.otherUserId = (await db().select().from(user).where(eq(user.email, TEST_ACCOUNTS.other.email)))[0]!.id;
  fx.adminId = (await db().select().from(user).where(eq(user.email, TEST_ACCOUNTS.admin.email)))[0]!.id;

  // For each type, a published item whose staged edit is scheduled (the banner's unschedule button).
  for (const [type, fields] of [
    ['post', { title: 'Fuzz scheduled update', slug: 'fuzz-scheduled-update', body: 'Now.', tags: '' }],
    ['changelog', { title: 'Fuzz scheduled update', category: 'changed', body: 'Now.' }],
    ['event', { title: 'Fuzz scheduled update', ...EVENT_FIXTURE, start: '2031-06-03T10:00', end: '2031-06-03T12:00' }],
  ] as const) {
    const id = await save(type, `/cms/${SEGMENT[type]}/new`, fields, 'publish');
    await save(type, `/cms/${SEGMENT[type]}/${id}`, { title: 'Fuzz scheduled update, staged' }, 'save');
    await mustRedirect(submitForm(server.url, `/cms/${SEGMENT[type]}/${id}`, editor, { form: STAGED_FORM('schedule'), fields: { publishAt: FUTURE }, submit: { intent: 'schedule' } }));
    fx[type].scheduled = id;
    fx[type].scheduledVersion = await version(type, id);
  }
}, 180_000);

afterAll(async () => {
  if (counts.length) {
    const total = counts.reduce((sum, c) => sum + Number(c.split(': ')[1]), 0);
    console.log(`[cms-fuzz] generated cases per action (${total} in all):\n  ${counts.join('\n  ')}`);
    console.log(`[cms-fuzz] forged form identities whose result no form showed: ${JSON.stringify(unshownForged)}`);
  }
  await server?.close();
});

// ---------------------------------------------------------------------------------------------
// What every content type's forms refuse alike.

const INTENTS = ['save', 'publish', 'schedule', 'unpublish'] as const;
const STAGED_INTENTS = ['publish', 'schedule', 'unschedule', 'discard'] as const;
/** As lib/cms/bulk.ts has them (a server-only module): the list's actions, and at most a page of rows. */
const BULK_INTENTS = ['publish', 'unpublish', 'delete'] as const;
const MAX_BULK_ITEMS = 100;
type Intent = (typeof INTENTS)[number];
type Mode = 'new' | 'edit';
const FUTURE = '2031-01-15T09:00';
/** The staged-edit banner's form that holds this button. */
const STAGED_FORM = (button: (typeof STAGED_INTENTS)[number]) => `.staged-banner form:has(button[value="${button}"])`;
const STAGED_SUCCESS = /^(Published the update|Discarded|Update scheduled|The update is no longer)/;

const badPublishAt = fc.constantFrom<Val>('not a date', '2031-01-15', '2031-01-15 09:00', '2031-01-15T09', '2031-01-15T09:00Z', '2031-01-15T09:00+02:00', '10000-01-01T00:00', '31-01-15T09:00', 'T09:00', '2031/01/15T09:00', '0', 'true', '1736931600000', '2031-01-15T9:00', '2031-02-30T10:00', '2031-13-01T10:00', '2031-06-31T24:60');

/**
 * Ids that never name a live item this form's action could change, whatever else the case
 * forges (the bound type included): malformed, unknown, and deleted items of every type.
 */
const deadIds = () => fc.oneof(malformedIds, randomIds, fc.constantFrom<Val>(fx.post.deleted, fx.changelog.deleted, fx.event.deleted));
/**
 * A selected row ("{id}.{version}", as the list's checkbox sends it) that the bulk action of
 * `own` never changes: an unknown or deleted item, another type's item, the item at another
 * version, or not a selection at all.
 */
const deadSelection = (own: TypeName): fc.Arbitrary<Val> => {
  const f = fx[own];
  return fc.oneof(
    fc.tuple(deadIds(), fc.integer({ min: 1, max: 9 })).map(([id, v]): Val => `${String(id)}.${v}`),
    fc.constantFrom<Val>(...TYPE_NAMES.filter((o) => o !== own).flatMap((o) => [`${fx[o].item}.${fx[o].version}`, `${fx[o].other}.1`, `${fx[o].scheduled}.${fx[o].scheduledVersion}`])),
    fc.integer({ min: 1, max: 999_999_999 }).filter((v) => v !== f.version).map((v): Val => `${f.item}.${v}`),
    fc.constantFrom<Val>(`${f.item}.0`, `${f.item}.`, f.item, `${f.item}.-1`, `${f.item}.1.5`, `${f.item}.1e3`, `${f.item}.1234567890`, `${f.item}.${f.version} `, ` ${f.item}.${f.version}`, `${f.item}.${f.version}.${f.version}`, `${f.item},${f.item}.${f.version}`, `${f.item}x.${f.version}`, `{${f.item}}.${f.version}`, ''),
    malformedIds,
  );
};

/** Revisions that are never of the item or of the other live item of the form's type. */
const foreignRevisions = (own: TypeName) =>
  fc.oneof(
    malformedIds,
    randomIds,
    fc.constantFrom<Val>(fx[own].deletedRev, ...TYPE_NAMES.filter((t) => t !== own).flatMap((t) => [fx[t].rev1, fx[t].otherRev, fx[t].deletedRev])),
  );

/**
 * The faults every form of the staged-edit banner shares (its item `id` at `version`): the
 * frame, the intent, unknown fields, the session, the bound type. A forged id never names an
 * item with a staged edit, so no combination changes another one.
 */
function stagedFaults(type: TypeName, id: string, version: number, fields: string[]): fc.Arbitrary<Mut>[] {
  return [
    badVersion(version).map(set('version')),
    drop('version'),
    drop('id'),
    fc.oneof(deadIds(), fc.constant<Val>(fx[type].other)).map(set('id')),
    repeat('id', fc.constant(id)),
    badEnum(STAGED_INTENTS).map(set('intent')),
    repeatedEnum('intent', STAGED_INTENTS),
    drop('intent'),
    unknownFieldFor(fields),
    forgedSession,
    unknownType,
    otherType(type),
  ];
}

/** The faults of the save form every type shares (id, version, intent, publishAt, unknown fields, session, bound type). */
function frameFaults(type: TypeName, mode: Mode, intent: Intent, fields: string[]): fc.Arbitrary<Mut>[] {
  const f = fx[type];
  return [
    badPublishAt.map(set('publishAt')),
    badEnum(INTENTS).map(set('intent')),
    repeatedEnum('intent', INTENTS),
    badVersion(mode === 'edit' ? f.version : null).map(set('version')),
    repeat('version', fc.constant(String(f.version))),
    deadIds().map(set('id')),
    repeat('id', fc.constantFrom(f.item, f.other)),
    unknownFieldFor(fields),
    forgedSession,
    unknownType,
    otherType(type),
    // Schedule needs a time in the future.
    ...(intent === 'schedule' ? [fc.constantFrom<Val>('2020-01-01T00:00', '1970-01-01T00:00', '2000-02-29T12:00', '', ' ').map(set('publishAt')), drop('publishAt')] : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Each type's own fields.

const POST_FIELDS = ['id', 'version', 'title', 'slug', 'summary', 'body', 'tags', 'authorId', 'metaTitle', 'metaDescription', 'canonicalUrl', 'noindex', 'publishAt', 'intent'];

const badSlug = fc.oneof(
  fc.constantFrom<Val>('Not A Slug!', 'UPPER', 'two--hyphens', '-leading', 'trailing-', 'under_score', 'dot.ted', 'slash/ed', 'ünïcode', 'spa ce', '😀', '1,2', '%2e%2e', '..', '../x', 'a\u0000b', 'a\nb', 'ａｂｃ'),
  fc.integer({ min: 201, max: 5000 }).map((n): Val => ({ huge: 'a', n })), // kebab-case, but too long
  blank,
  fc.string({ maxLength: 20 }).filter((s) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.trim())),
);

const badTags = fc.oneof(
  fc.constantFrom<Val>('ok, Not OK', 'under_score', 'a--b', '-x', 'x-', 'dot.ted', 'ünï', '😀', 'a b', 'http;caching', '#hash', 'ok,,bad tag', '<script>'),
  fc.integer({ min: 21, max: 60 }).map((n): Val => Array.from({ length: n }, (_, i) => `t${i}`).join(',')), // more than 20
  fc.integer({ min: 1001, max: 200_000 }).map((n): Val => ({ huge: 'a,', n: Math.ceil(n / 2) })), // over 1000 characters
);

const badCanonical = fc.constantFrom<Val>(
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'ftp://example.com',
  'not a url',
  '//example.com',
  'example.com',
  '/posts/relative',
  'https://',
  'mailto:a@b.c',
  'file:///etc/passwd',
  'https://user:secret@example.com/',
  `https://example.com/${'é'.repeat(700)}`, // 720 characters as typed, over 2,000 percent-encoded
);

function postFaults(mode: Mode, intent: Intent): fc.Arbitrary<Mut>[] {
  const taken = mode === 'new' ? fx.takenSlugsForNew : fx.takenSlugsForItem;
  return [
    badLine(300, true).map(set('title')),
    drop('title'),
    badSlug.map(set('slug')),
    fc.constantFrom(...taken).map((s): Mut => set('slug')(s)), // duplicate: a live, draft, deleted or former slug
    drop('slug'),
    repeat('slug', fc.constantFrom('fuzz-new-a', 'fuzz-new-b')),
    badLine(1000, false).map(set('summary')),
    badText(1_000_000).map(set('body')),
    // invalidUtf8 decodes to U+FFFD: never a tag character.
    fc.oneof(badTags, invalidUtf8).map(set('tags')),
    // Not an author profile's id: a uuid of no one, not a uuid, blank, huge.
    fc.oneof(fc.uuid().map((u): Val => u), badLine(200, true)).map(set('authorId')),
    drop('authorId'),
    // Search and sharing (lib/cms/types/post.ts): the caps, no line breaks, an absolute http(s)
    // URL without credentials, a checkbox that says "on" or nothing.
    badLine(70, false).map(set('metaTitle')),
    badLine(200, false).map(set('metaDescription')),
    fc.oneof(badCanonical, badLine(2000, false)).map(set('canonicalUrl')),
    badEnum(['on']).map(set('noindex')),
    repeat('noindex', fc.constant('on')),
    ...frameFaults('post', mode, intent, POST_FIELDS),
  ];
}

const postNoise = [
  noiseLine.map(set('title')),
  noise.map(set('summary')),
  fc.oneof(noise, fc.integer({ min: 1000, max: 200_000 }).map((n): Val => ({ huge: 'Lorem ipsum <b>dolor</b> 😀 \uD800\n', n: Math.ceil(n / 29) })), invalidUtf8).map(set('body')),
  repeat('title', noiseLine),
  repeat('body', noise),
  fc.constantFrom<Val>('http, caching', 'HTTP', ' fuzz ,, http ', '').map(set('tags')),
  noise.filter((v) => [...v.trim()].length <= 70).map(set('metaTitle')),
  noise.map(set('metaDescription')),
  fc.constantFrom<Val>('', 'https://example.com/?q=<x>', 'http://例え.jp/a b', ' HTTPS://EXAMPLE.COM ').map(set('canonicalUrl')),
  fc.constant<Val>('on').map(set('noindex')),
  drop('noindex'),
];

const CHANGELOG_FIELDS = ['id', 'version', 'title', 'body', 'category', 'productVersion', 'publishAt', 'intent'];
const CATEGORIES = ['added', 'changed', 'deprecated', 'removed', 'fixed', 'security'] as const;

function changelogFaults(mode: Mode, intent: Intent): fc.Arbitrary<Mut>[] {
  return [
    badLine(300, true).map(set('title')),
    drop('title'),
    badText(1_000_000).map(set('body')),
    badEnum(CATEGORIES).map(set('category')),
    repeatedEnum('category', CATEGORIES),
    drop('category'),
    badLine(50, false).map(set('productVersion')),
    ...frameFaults('changelog', mode, intent, CHANGELOG_FIELDS),
  ];
}
const changelogNoise = [
  noiseLine.map(set('title')),
  fc.oneof(noise, fc.integer({ min: 1000, max: 200_000 }).map((n): Val => ({ huge: '- fixed <i>it</i> 😀\n', n: Math.ceil(n / 20) }))).map(set('body')),
  fc.constantFrom<Val>('', '1.0.0', 'v2', '2026.1 beta').map(set('productVersion')),
];

const EVENT_FIELDS = ['id', 'version', 'title', 'description', 'location', 'url', 'timeZone', 'allDay', 'start', 'end', 'status', 'publishAt', 'intent'];
const EVENT_STATUSES = ['confirmed', 'tentative', 'cancelled'] as const;

function eventFaults(mode: Mode, intent: Intent): fc.Arbitrary<Mut>[] {
  return [
    badLine(300, true).map(set('title')),
    drop('title'),
    badText(20_000).map(set('description')),
    badLine(300, false).map(set('location')),
    fc.constantFrom<Val>('javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'ftp://example.com', 'not a url', '//example.com', 'example.com', 'https://', 'mailto:a@b.c', 'file:///etc/passwd').map(set('url')),
    badLine(2000, false).map(set('url')),
    fc.constantFrom<Val>('', 'Mars/Olympus', '+02:00', 'GMT+2', '1', 'true', 'null', 'Europe/Berlin,UTC', 'europe/', 'Etc/GMT+99', '../UTC').map(set('timeZone')),
    badEnum(['on']).map(set('allDay')),
    // The checkbox events had before they got the publication model: now an unknown field.
    fc.constantFrom<Val>('on', 'true', '').map((value): Mut => ({ op: 'add', name: 'published', value })),
    fc.constantFrom<Val>('', 'tomorrow', '2031-06-01', '2031-13-01T10:00', '2031-02-30T10:00', '2031-06-01T25:00', '2031-06-01T10:60', '2031-03-30T02:30', '1e9', '2031-06-01T10:00:00.000Z', `2031-06-01T10:00${' '.repeat(40)}x`).map(set('start')),
    fc.constantFrom<Val>('tomorrow', '2031-05-31T10:00', '2031-06-01T09:59', '2031-06-01', '2031-02-30T10:00', '2031-03-30T02:15').map(set('end')), // malformed, or before the start
    drop('start'),
    badEnum(EVENT_STATUSES).map(set('status')),
    repeatedEnum('status', EVENT_STATUSES),
    ...frameFaults('event', mode, intent, EVENT_FIELDS),
  ];
}
const eventNoise = [
  noiseLine.map(set('title')),
  fc.oneof(noise, fc.integer({ min: 100, max: 19_000 }).map((n): Val => ({ huge: 'Talk <b>x</b> 😀\n', n: Math.ceil(n / 16) }))).map(set('description')),
  noise.map(set('location')),
  fc.constantFrom<Val>('', 'https://example.com/?q=<x>', 'http://例え.jp/').map(set('url')),
];

interface TypeUnderTest {
  type: TypeName;
  label: string;
  plural: string;
  /** The label with its indefinite article. */
  aLabel: string;
  /** Valid values for a new item (the page's blank form plus these). */
  newBase: (intent: Intent) => Record<string, string>;
  /** Changes to the existing item's form (its own values are valid). */
  editBase: (intent: Intent) => Record<string, string>;
  faults: (mode: Mode, intent: Intent) => fc.Arbitrary<Mut>[];
  noise: fc.Arbitrary<Mut>[];
  /** One example per type: just over the body limit (its own case, up to 4 MB a submission). */
  examples?: Partial<Record<`${Mode} ${Intent}`, Mut[]>>;
  preview: boolean;
}

const schedule = (intent: Intent): Record<string, string> => ({ intent, ...(intent === 'schedule' ? { publishAt: FUTURE } : {}) });

const TYPES: TypeUnderTest[] = [
  {
    type: 'post',
    label: 'post',
    plural: 'posts',
    aLabel: 'a post',
    newBase: (intent) => ({ title: 'A valid title', slug: `fuzz-fresh-${intent}`, summary: 'A summary.', body: '## Body\n\nText.', tags: 'fuzz', ...schedule(intent) }),
    editBase: schedule,
    faults: postFaults,
    noise: postNoise,
    examples: {
      'new save': [{ op: 'set', name: 'body', value: { huge: 'x', n: 1_000_001 } }],
      // Just over the limit in characters (code points), 2 MB of UTF-8.
      'edit publish': [{ op: 'set', name: 'body', value: { huge: 'ß', n: 1_000_001 } }],
    },
    preview: true,
  },
  {
    type: 'changelog',
    label: 'changelog entry',
    plural: 'changelog entries',
    aLabel: 'a changelog entry',
    newBase: (intent) => ({ title: 'A valid entry', category: 'changed', body: '- Fixed.', ...schedule(intent) }),
    editBase: schedule,
    faults: changelogFaults,
    noise: changelogNoise,
    examples: { 'new publish': [{ op: 'set', name: 'body', value: { huge: 'é', n: 1_000_001 } }] },
    preview: true,
  },
  {
    type: 'event',
    label: 'event',
    plural: 'events',
    aLabel: 'an event',
    newBase: (intent) => ({ title: 'A valid event', timeZone: 'Europe/Berlin', start: '2031-06-01T10:00', end: '2031-06-01T12:00', status: 'confirmed', ...schedule(intent) }),
    editBase: (intent) => ({ title: 'A valid event', timeZone: 'Europe/Berlin', start: '2031-06-01T10:00', end: '2031-06-01T12:00', ...schedule(intent) }),
    faults: eventFaults,
    noise: eventNoise,
    examples: { 'new schedule': [{ op: 'set', name: 'description', value: { huge: '😀', n: 20_001 } }] },
    preview: false,
  },
];

const SAVED = /^(Created|Saved\.|Published|Scheduled|Unpublished)/;
/** The item's own form (an item with staged edits shows the banner's forms above it). */
const ITEM_FORM = 'form.cms-form';
const pathOf = (t: TypeUnderTest, mode: Mode) => (mode === 'new' ? `/cms/${SEGMENT[t.type]}/new` : `/cms/${SEGMENT[t.type]}/${fx[t.type].item}`);

/** Over the preview's limit (1,000,000 characters), up to 4 MB of UTF-8. */
const overLongBody = fc.constantFrom('x', 'é', '漢', '😀', '<b>').map((ch): Mut => set('body')({ huge: ch, n: Math.ceil(1_000_001 / ch.length) + 1 }));

for (const t of TYPES) {
  describe(t.plural, () => {
    for (const mode of ['new', 'edit'] as const) {
      for (const intent of INTENTS) {
        it(`save ${mode === 'new' ? 'a NEW' : 'an EXISTING'} ${t.label} (intent=${intent}): hostile input writes nothing`, async () => {
          await fuzz({
            name: `${t.type} ${mode} (${intent})`,
            path: pathOf(t, mode),
            form: ITEM_FORM,
            jar: () => editor,
            typeName: t.type,
            base: mode === 'new' ? t.newBase(intent) : t.editBase(intent),
            cases: cases(t.faults(mode, intent), t.noise),
            numRuns: RUNS.save[t.type],
            examples: t.examples?.[`${mode} ${intent}`] ? [t.examples[`${mode} ${intent}`]!] : undefined,
            flashKeyFields: ['id'],
            success: SAVED,
          });
        }, 120_000);
      }
    }

    it(`delete ${t.aLabel}: hostile input writes nothing`, async () => {
      const f = fx[t.type];
      await fuzz({
        name: `${t.type} delete`,
        path: `/cms/${SEGMENT[t.type]}/${f.item}`,
        form: 'form.danger-zone',
        jar: () => editor,
        typeName: t.type,
        base: { confirm: 'yes' },
        cases: cases([
          drop('confirm'),
          badEnum(['yes']).map(set('confirm')),
          repeat('confirm', fc.constant('yes')),
          badVersion(f.version).map(set('version')),
          drop('version'),
          drop('id'),
          deadIds().map(set('id')),
          repeat('id', fc.constant(f.item)),
          unknownFieldFor(['id', 'version', 'confirm']),
          forgedSession,
          unknownType,
          otherType(t.type),
        ]),
        numRuns: RUNS.delete[t.type],
        flashKeyFields: ['id'],
        success: /^Deleted/,
      });
    }, 120_000);

    it(`restore ${t.aLabel} revision: hostile input writes nothing`, async () => {
      const f = fx[t.type];
      await fuzz({
        name: `${t.type} restore`,
        path: `/cms/${SEGMENT[t.type]}/${f.item}/revisions/${f.rev1}/restore`,
        jar: () => editor,
        typeName: t.type,
        base: {},
        cases: cases([
          badVersion(f.version).map(set('version')),
          drop('version'),
          drop('id'),
          drop('revisionId'),
          // The other live item with this item's revision: the revision does not belong to it.
          fc.oneof(deadIds(), fc.constant<Val>(f.other)).map(set('id')),
          // Never a revision of the item or the other one (so no combination restores something valid).
          foreignRevisions(t.type).map(set('revisionId')),
          repeat('revisionId', fc.constant(f.rev1)),
          repeat('id', fc.constant(f.item)),
          // Only the confirmation page's button sends confirm=yes.
          drop('confirm'),
          badEnum(['yes']).map(set('confirm')),
          unknownFieldFor(['id', 'version', 'revisionId', 'confirm']),
          forgedSession,
          unknownType,
          otherType(t.type),
        ]),
        numRuns: RUNS.restore[t.type],
        flashKeyFields: ['revisionId'],
        success: /^Restored/,
      });
    }, 120_000);

    for (const button of ['publish', 'discard'] as const) {
      it(`the staged-edit banner of ${t.aLabel} (${button}): hostile input writes nothing`, async () => {
        const f = fx[t.type];
        await fuzz({
          name: `${t.type} staged ${button}`,
          path: `/cms/${SEGMENT[t.type]}/${f.item}`,
          form: STAGED_FORM(button),
          submitter: `button[value="${button}"]`,
          jar: () => editor,
          typeName: t.type,
          base: button === 'discard' ? { confirm: 'yes' } : {},
          cases: cases([
            ...stagedFaults(t.type, f.item, f.version, ['id', 'version', 'intent', 'confirm', 'publishAt']),
            // Valid intents that need what this form does not send: a time, or the ticked box.
            fc.constant(set('intent')('schedule')),
            ...(button === 'discard' ? [drop('confirm'), badEnum(['yes']).map(set('confirm'))] : [fc.constant(set('intent')('discard'))]),
          ]),
          numRuns: RUNS.staged[t.type],
          flashKeyFields: ['id'],
          success: STAGED_SUCCESS,
        });
      }, 120_000);
    }

    it(`the staged-edit banner of ${t.aLabel} (schedule the update): hostile input writes nothing`, async () => {
      const f = fx[t.type];
      await fuzz({
        name: `${t.type} staged schedule`,
        path: `/cms/${SEGMENT[t.type]}/${f.item}`,
        form: STAGED_FORM('schedule'),
        submitter: 'button[value="schedule"]',
        jar: () => editor,
        typeName: t.type,
        base: { publishAt: FUTURE },
        cases: cases([
          badPublishAt.map(set('publishAt')),
          // In the past (now is read in the editor's zone), or no time at all.
          fc.constantFrom<Val>('2020-01-01T00:00', '1970-01-01T00:00', '2000-02-29T12:00', '0001-01-01T00:00', '1999-12-31T23:59:59', '2025-06-01T12:00').map(set('publishAt')),
          blank.map(set('publishAt')),
          drop('publishAt'),
          repeat('publishAt', fc.constantFrom<Val>(FUTURE, '2032-02-01T10:00')),
          ...stagedFaults(t.type, f.item, f.version, ['id', 'version', 'intent', 'publishAt']),
          // Valid intents whose form this is not: publish takes no time, discard needs the ticked box.
          fc.constantFrom('publish', 'discard').map((i) => set('intent')(i)),
        ]).filter((muts) => {
          // Publish with the time dropped is the publish form's own valid request, not a fault.
          const publishes = muts.some((m) => m.op === 'set' && m.name === 'intent' && m.value === 'publish');
          return !(publishes && muts.some((m) => m.op === 'drop' && m.name === 'publishAt'));
        }),
        numRuns: RUNS.staged[t.type],
        flashKeyFields: ['id'],
        success: STAGED_SUCCESS,
      });
    }, 120_000);

    it(`the staged-edit banner of ${t.aLabel} with a scheduled update (cancel the schedule): hostile input writes nothing`, async () => {
      const f = fx[t.type];
      await fuzz({
        name: `${t.type} staged unschedule`,
        path: `/cms/${SEGMENT[t.type]}/${f.scheduled}`,
        form: STAGED_FORM('unschedule'),
        submitter: 'button[value="unschedule"]',
        jar: () => editor,
        typeName: t.type,
        base: {},
        cases: cases([
          ...stagedFaults(t.type, f.scheduled, f.scheduledVersion, ['id', 'version', 'intent', 'publishAt']),
          // The form's time field comes along: publishing takes none, discarding needs the box.
          fc.constantFrom('publish', 'discard').map((i) => set('intent')(i)),
          // The time is ignored, but bounded.
          fc.integer({ min: 41, max: 200_000 }).map((n): Val => ({ huge: '9', n })).map(set('publishAt')),
        ]),
        numRuns: RUNS.staged[t.type],
        flashKeyFields: ['id'],
        success: STAGED_SUCCESS,
      });
    }, 120_000);

    for (const intent of BULK_INTENTS) {
      it(`bulk ${intent} of ${t.plural} from the list's confirmation page: hostile input writes nothing`, async () => {
        const f = fx[t.type];
        const segment = SEGMENT[t.type];
        // The item, selected at the version its form carries: pressing the button would change it.
        const valid = `${f.item}.${f.version}`;
        await fuzz({
          name: `${t.type} bulk ${intent}`,
          path: `/cms/${segment}/bulk?${new URLSearchParams({ intent, item: valid, back: `/cms/${segment}?sort=title&dir=asc` })}`,
          // The intent is the confirmation button's own name=value ([type]/bulk/confirm-form.tsx).
          submitter: 'button[name="intent"]',
          jar: () => editor,
          typeName: t.type,
          base: {},
          cases: cases(
            [
              // Only rows that cannot be changed: unknown, deleted, of another type, another version, malformed.
              fc.array(deadSelection(t.type), { minLength: 1, maxLength: 5 }).map((values): Mut => ({ op: 'repeat', name: 'item', values })),
              deadSelection(t.type).map(set('item')),
              drop('item'),
              // More than a page's hundred rows, the item among them: over the limit on its own,
              // since another mutation may drop the form's own selection.
              fc.tuple(fc.integer({ min: MAX_BULK_ITEMS + 1, max: 5000 }), fc.oneof(fc.constant<Val>(valid), deadSelection(t.type))).map(([n, value]): Mut => ({ op: 'many', name: 'item', value, n })),
              badEnum(BULK_INTENTS).map(set('intent')),
              drop('intent'),
              forgedSession,
              unknownType,
              otherType(t.type),
            ],
            [
              unknownField,
              // Back to anywhere but this list: the action goes back to the list itself.
              fc.constantFrom<Val>('https://evil.example/cms/posts', '//evil.example', `/cms/${segment}/../../x`, 'javascript:alert(1)', `/cms/${segment}#x`, '/cms', '', `/cms/${segment}?q=a b`).map(set('back')),
              fc.integer({ min: 4001, max: 20_000 }).map((n): Val => ({ huge: 'a', n, suffix: '' })).map(set('back')),
              // Rows that are skipped on their own (with the item still selected: harmless).
              deadSelection(t.type).map((value): Mut => ({ op: 'add', name: 'item', value })),
            ],
          ).filter((muts) => {
            // A case that sends another type's live rows to that type's own action would be valid.
            const bound = boundForgery(muts)?.value;
            const other = TYPE_NAMES.find((o) => o === bound);
            return !other || !JSON.stringify(muts).includes(fx[other].item) && !JSON.stringify(muts).includes(fx[other].other) && !JSON.stringify(muts).includes(fx[other].scheduled);
          }),
          numRuns: RUNS.bulk[t.type],
          locations: new RegExp(`^${server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/cms(/(login|posts|changelog|events))?(\\?|$)`),
          // The session check and the bound type come first: signed out, to the login page;
          // no content type, to the CMS's front page. Neither writes.
          redirectsTo: (muts) => (muts.some((m) => m.op === 'session') || unknownTypeForged(muts) ? /^\/cms(\/login)?(\?|$)/ : undefined),
          refusal: /^(Nothing was changed|0 )/,
          success: /^[1-9]\d* .*\b(published|unpublished \(now drafts\)|deleted)\./,
        });
      }, 180_000);
    }

    it(`the bulk confirmation page of ${t.plural}: any query string answers, writing nothing`, async () => {
      const segment = SEGMENT[t.type];
      const f = fx[t.type];
      const value = fc.oneof(fc.constantFrom(...BULK_INTENTS), badEnum(BULK_INTENTS), deadSelection(t.type).map((v) => (typeof v === 'string' ? v : '')), fc.constant(`${f.item}.${f.version}`), fc.string({ maxLength: 40 }));
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('intent', 'item', 'back', 'x'), value), { maxLength: 6 }), fc.integer({ min: 0, max: 300 }), async (params, many) => {
          const query = new URLSearchParams(params);
          for (let i = 0; i < many; i++) query.append('item', `${f.item}.${f.version}`);
          const before = await digest();
          const res = await fetch(`${server.url}/cms/${segment}/bulk?${query}`, { headers: { cookie: editor.header() }, redirect: 'manual' });
          const html = await res.text();
          expect(res.status, `${query}`.slice(0, 300)).toBeLessThan(500);
          expect(await digest(), `${query}`.slice(0, 300)).toEqual(before);
          // More than a hundred rows, or no intent: nothing to confirm.
          if (many > MAX_BULK_ITEMS || !params.some(([k, v]) => k === 'intent' && (BULK_INTENTS as readonly string[]).includes(v))) expect(html).not.toMatch(/Yes, (publish|unpublish|delete)/);
        }),
        { numRuns: Math.max(1, Math.round(RUNS.bulkPage * SCALE)) },
      );
    }, 120_000);

    if (t.preview) {
      for (const mode of ['new', 'edit'] as const) {
        it(`preview ${mode === 'new' ? 'a NEW' : 'an EXISTING'} ${t.label}: refused input writes nothing and shows why, never a rendering`, async () => {
          const fields = t.type === 'post' ? POST_FIELDS : CHANGELOG_FIELDS;
          await fuzz({
            name: `${t.type} preview ${mode}`,
            path: pathOf(t, mode),
            form: ITEM_FORM,
            submitter: 'button[formaction]',
            jar: () => editor,
            typeName: t.type,
            base: mode === 'new' ? { title: 'A valid title', body: '## Body\n\nText.' } : {},
            // Preview reads only the body (and who asks): what the save form refuses is noise here.
            cases: cases(
              [drop('body'), overLongBody, forgedSession, unknownType, otherType(t.type)],
              [
                ...t.noise,
                badLine(300, true).map(set('title')),
                drop('title'),
                badEnum(INTENTS).map(set('intent')),
                badPublishAt.map(set('publishAt')),
                badVersion(fx[t.type].version).map(set('version')),
                unknownFieldFor(fields),
                withControl(TEXT_CONTROLS).map(set('body')),
              ],
            ),
            numRuns: RUNS.preview[t.type as 'post' | 'changelog'],
            success: /^(Created|Saved\.|Published|Scheduled|Unpublished|Restored|Deleted)/,
          });
        }, 120_000);
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Editors (as admin)

describe('editors (admin)', () => {
  it('create an account: hostile input writes nothing', async () => {
    const emails = Object.values(TEST_ACCOUNTS).map((a) => a.email);
    await fuzz({
      name: 'editor create',
      path: '/cms/editors',
      form: 'form[aria-label="New account"]',
      jar: () => admin,
      base: { name: 'Fuzz Person', email: `fuzz-${randomBytes(4).toString('hex')}@test.gazette`, password: 'fuzz-password-123', role: 'editor' },
      cases: cases(
        [
          badLine(200, true).map(set('name')),
          drop('name'),
          fc.constantFrom<Val>('not-an-email', 'a@', '@b.c', 'a b@c.d', 'a@b', '', 'a@@b.c', '<script>@x.y', 'a@b.c\u0000', 'a@b.c,d@e.f').map(set('email')),
          fc.integer({ min: 321, max: 200_000 }).map((n): Val => ({ huge: 'a', n, suffix: '@test.gazette' })).map(set('email')),
          // An existing account, in any case and with spaces (trimmed and lower-cased before the check).
          fc.tuple(fc.constantFrom(...emails), fc.constantFrom('lower', 'upper', 'spaced')).map(([e, how]): Mut => set('email')(how === 'upper' ? e.toUpperCase() : how === 'spaced' ? `  ${e} ` : e)),
          drop('email'),
          fc.string({ maxLength: 9 }).map(set('password')),
          fc.integer({ min: 257, max: 5000 }).map((n): Val => ({ huge: 'p', n })).map(set('password')),
          drop('password'),
          badEnum(['admin', 'editor']).map(set('role')),
          repeatedEnum('role', ['admin', 'editor']),
          drop('role'),
          unknownFieldFor(['name', 'email', 'password', 'role']),
          forgedSession,
        ],
        [noiseLine.map(set('name')), repeat('name', noiseLine)],
      ),
      numRuns: RUNS.editorCreate,
      success: /^Created /,
    });
  }, 120_000);

  it('change an account: hostile input writes nothing', async () => {
    await fuzz({
      name: 'editor change',
      path: '/cms/editors',
      form: `form[aria-label="Change ${TEST_ACCOUNTS.other.email}"]`,
      jar: () => admin,
      base: { change: 'role', role: 'editor' },
      cases: cases([
        badEnum(['role', 'deactivate', 'reactivate']).map(set('change')),
        repeatedEnum('change', ['role', 'deactivate', 'reactivate']),
        drop('change'),
        drop('role'), // change=role without a role
        badEnum(['admin', 'editor']).map(set('role')),
        repeatedEnum('role', ['admin', 'editor']),
        fc.oneof(fc.constantFrom<Val>(fx.adminId, '', 'nobody', fx.otherUserId.toUpperCase()), randomIds, fc.integer({ min: 101, max: 200_000 }).map((n): Val => ({ huge: 'u', n }))).filter((v) => v !== fx.otherUserId).map(set('userId')),
        repeat('userId', fc.constant(fx.otherUserId)),
        drop('userId'),
        unknownFieldFor(['userId', 'change', 'role']),
        forgedSession,
      ]),
      numRuns: RUNS.editorChange,
      flashKeyFields: ['userId'],
      success: /is now|deactivated|can sign in again/,
    });
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Single cases with their own expectations.

describe('the digest', () => {
  it('covers every table of every schema, but the refusals\' own transport', async () => {
    const tables = Object.keys(await digest());
    // What an audit found left out when the tables were listed by hand, and drizzle's journal.
    expect(tables).toEqual(expect.arrayContaining(['public.changes', 'public.tag_slug_redirects', 'public.autosaves', 'public.authors', 'public.media', 'public.media_files', 'public.webhook_endpoints', 'public.webhook_deliveries', 'public.webhook_attempts', 'public.session', 'public.verification', 'public.sign_in_attempts', 'public.app_meta', 'drizzle.__drizzle_migrations']));
    expect(tables).not.toContain('public.form_flash');
    expect(tables.length).toBe((await allTables()).length - 1);
  });

  it('leaves out form_flash because a refusal writes its result there (for a form not on the page, it stays)', async () => {
    // Counted from a moment on: every flash write also prunes those older than five minutes
    // (lib/cms/flash.ts), and this file runs longer than that on a busy machine.
    const since = String(resultRows(await db().execute(sql`select now()::text as t`))[0]!.t);
    const flashes = async () => Number(resultRows(await db().execute(sql`select count(*)::int as n from form_flash where created_at >= ${since}::timestamptz`))[0]!.n);
    const before = await digest();
    const r = await send(await loadForm(`/cms/posts/${fx.post.item}`, editor, 'form.danger-zone'), editor, { confirm: 'yes', id: randomUUID() }, []);
    expect(r.outcome).toBe('flashed');
    expect(await flashes()).toBe(1);
    expect(await digest()).toEqual(before);
  });
});

describe('no-JS results survive a NUL character (Postgres jsonb cannot hold U+0000)', () => {
  const forms = (): Array<{ name: string; path: string; form?: string; submitter?: string; jar: CookieJar; base: Record<string, string>; muts?: Mut[] }> => [
    { name: 'post new, NUL in the title', path: '/cms/posts/new', jar: editor, base: { title: 'Bad\u0000title', slug: 'fuzz-nul', body: 'x', tags: '', intent: 'save' } },
    { name: 'post new, NUL in the body', path: '/cms/posts/new', jar: editor, base: { title: 'Fine', slug: 'fuzz-nul', body: 'a\u0000b', tags: '', intent: 'publish' } },
    { name: 'post new, NUL in the name of an unknown field', path: '/cms/posts/new', jar: editor, base: { title: 'Fine', slug: 'fuzz-nul', body: 'x', tags: '', intent: 'save' }, muts: [{ op: 'add', name: 'slug\u0000', value: 'x' }] },
    { name: 'post preview with a forged session, NUL in the title, the body and a field name', path: '/cms/posts/new', submitter: 'button[formaction]', jar: editor, base: { title: 'Nul\u0000title', body: 'a\u0000b' }, muts: [{ op: 'add', name: 'x\u0000', value: 'y' }, { op: 'session', forge: 'garbage' }] },
    { name: 'post delete, NUL in confirm', path: `/cms/posts/${fx.post.item}`, form: 'form.danger-zone', jar: editor, base: { confirm: 'yes\u0000' } },
    { name: 'editor create, NUL in the name', path: '/cms/editors', form: 'form[aria-label="New account"]', jar: admin, base: { name: 'Nul\u0000Person', email: 'nul@test.gazette', password: 'nul-password-123', role: 'editor' } },
    { name: 'changelog new, NUL in the category', path: '/cms/changelog/new', jar: editor, base: { title: 'Fine', category: 'fixed\u0000', intent: 'save' } },
    { name: 'event new, NUL in the location', path: '/cms/events/new', jar: editor, base: { title: 'Fine', location: 'Ber\u0000lin', timeZone: 'UTC', start: '2031-06-01T10:00', end: '2031-06-01T11:00', intent: 'publish' } },
  ];
  it('refuses with the field error shown, writing nothing, on every form', async () => {
    const failures: string[] = [];
    for (const f of forms()) {
      const before = await digest();
      const r = await send(await loadForm(f.path, f.jar, f.form, f.submitter), f.jar, f.base, f.muts ?? []);
      expect(r.status, f.name).toBeLessThan(500);
      expect(await digest(), f.name).toEqual(before);
      if (r.outcome !== 'flashed' || r.messages.length + r.fieldErrors.length === 0) failures.push(`${f.name}: POST answered ${r.status} (${r.outcome}), no message, typed text lost`);
    }
    expect(failures).toEqual([]);
  });
});

describe('a stale form for an item another editor deleted meanwhile', () => {
  it('refuses, writes nothing, and shows why, for posts, changelog entries and events', async () => {
    const kinds: Array<{ type: TypeName; create: Record<string, string> }> = [
      { type: 'post', create: { title: 'Deleted meanwhile', slug: 'fuzz-deleted-meanwhile', body: 'x', tags: '' } },
      { type: 'changelog', create: { title: 'Deleted meanwhile', category: 'fixed' } },
      { type: 'event', create: { title: 'Deleted meanwhile', timeZone: 'UTC', start: '2031-08-01T10:00', end: '2031-08-01T11:00' } },
    ];
    const failures: string[] = [];
    for (const k of kinds) {
      for (const intent of INTENTS) {
        const segment = SEGMENT[k.type];
        const created = await mustRedirect(submitForm(server.url, `/cms/${segment}/new`, editor, { fields: { ...k.create, ...(k.type === 'post' ? { slug: `${k.create.slug}-${intent}` } : {}) }, submit: { intent: 'publish' } }));
        const id = idFromLocation(created.location, segment);
        // Editor A opens the edit page; editor B deletes the item; A then saves what they typed.
        const stale = await loadForm(`/cms/${segment}/${id}`, editor);
        await mustRedirect(submitForm(server.url, `/cms/${segment}/${id}`, admin, { form: 'form.danger-zone', fields: { confirm: 'yes' } }));
        const before = await digest();
        const r = await send(stale, editor, { title: 'A careful edit', ...schedule(intent) }, []);
        expect(r.outcome, `${k.type} ${intent}`).not.toBe('redirected');
        expect(await digest(), `${k.type} ${intent}`).toEqual(before);
        if (r.messages.length + r.fieldErrors.length === 0) failures.push(`${k.type} (${intent}): POST ${r.status} → ${r.location} (${r.pageStatus}): no message; "no longer exists" is never shown and the typed text is lost`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('impossible schedule times (utcDateTime must not let Date.UTC roll them over)', () => {
  it('refuses 2031-02-30T10:00 instead of scheduling for 2031-03-02, for every type', async () => {
    const failures: string[] = [];
    for (const t of TYPES) {
      for (const [i, publishAt] of ['2031-02-30T10:00', '2031-13-01T10:00', '2031-06-31T24:60'].entries()) {
        const before = await digest();
        const base = { ...t.newBase('schedule'), ...(t.type === 'post' ? { slug: `fuzz-impossible-date-${i}` } : {}), publishAt };
        const r = await send(await loadForm(`/cms/${SEGMENT[t.type]}/new`, editor), editor, base, []);
        const after = await digest();
        if (r.outcome === 'redirected' || JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${t.type} publishAt=${publishAt}: accepted (${r.status} → ${r.location})`);
        else if (r.messages.length + r.fieldErrors.length === 0) failures.push(`${t.type} publishAt=${publishAt}: refused without a message`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('a field named __proto__ (formValues() must not assign it into a plain object, where it vanishes before .strict())', () => {
  it('is refused like any other unknown field, on every type', async () => {
    for (const t of TYPES) {
      const before = await digest();
      const base = { ...t.newBase('save'), ...(t.type === 'post' ? { slug: 'fuzz-proto' } : {}) };
      const r = await send(await loadForm(`/cms/${SEGMENT[t.type]}/new`, editor), editor, base, [{ op: 'add', name: '__proto__', value: 'x' }]);
      expect(r.outcome, t.type).toBe('flashed');
      expect([...r.messages, ...r.fieldErrors].join(' '), t.type).toMatch(/fields it does not know/);
      expect(await digest(), t.type).toEqual(before);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Controls, last (they write): the same forms without a fault are accepted, so every refusal
// above came from the generated fault, not from a broken base form.

describe('controls', () => {
  it('accepts every base form unchanged (and the digest sees the writes; previews write nothing)', async () => {
    const before = await digest();
    const ok = async (path: string, jar: CookieJar, base: Record<string, string>, form?: string, expectOutcome: 'redirected' | 'flashed' = 'redirected', submitter?: string, typeName?: TypeName) => {
      const r = await send(await loadForm(path, jar, form, submitter), jar, base, [], typeName);
      expect(r.outcome, `${path} ${JSON.stringify(base)}: ${[...r.messages, ...r.fieldErrors].join(' | ')}`).toBe(expectOutcome);
      return r;
    };
    const saved: string[] = [];
    for (const t of TYPES) {
      const segment = SEGMENT[t.type];
      const f = fx[t.type];
      if (t.preview) {
        // Previews render and write nothing, new and existing.
        for (const mode of ['new', 'edit'] as const) {
          const unchanged = await digest();
          const r = await ok(pathOf(t, mode), editor, mode === 'new' ? { title: 'Control', body: '## Preview *control*' } : {}, ITEM_FORM, 'flashed', 'button[formaction]');
          expect(r.preview, `${t.type} preview ${mode}: ${[...r.messages, ...r.fieldErrors].join(' | ')}`).toBe(true);
          expect(await digest(), `${t.type} preview ${mode}`).toEqual(unchanged);
        }
        const page = await fetch(`${server.url}/cms/${segment}/${f.item}/preview`, { headers: { cookie: editor.header() }, redirect: 'manual' });
        await page.arrayBuffer();
        expect(page.status, `/cms/${segment}/${f.item}/preview`).toBe(200);
      }
      for (const intent of INTENTS) {
        const r = await ok(pathOf(t, 'new'), editor, { ...t.newBase(intent), ...(t.type === 'post' ? { slug: `fuzz-control-${intent}` } : {}) });
        saved.push(`${t.type} new ${intent} → ${r.location}`);
      }
      // The staged-edit banner: publish the staged edit, then (after a new staged save) discard it.
      await ok(`/cms/${segment}/${f.item}`, editor, {}, STAGED_FORM('publish'), 'redirected', 'button[value="publish"]');
      // The scheduled update: cancel its schedule, then schedule it again.
      await ok(`/cms/${segment}/${f.scheduled}`, editor, {}, STAGED_FORM('unschedule'), 'redirected', 'button[value="unschedule"]');
      await ok(`/cms/${segment}/${f.scheduled}`, editor, { publishAt: FUTURE }, STAGED_FORM('schedule'), 'redirected', 'button[value="schedule"]');
      // The item is published meanwhile, so save and schedule stage the edit; publish and unpublish fold it in.
      const outcome: Record<Intent, string> = { save: 'staged', publish: 'publish', schedule: 'staged-schedule', unpublish: 'unpublish' };
      for (const intent of INTENTS) {
        const r = await ok(pathOf(t, 'edit'), editor, t.editBase(intent), ITEM_FORM);
        expect(r.location, `${t.type} edit ${intent}`).toMatch(new RegExp(`/cms/${segment}/${f.item}\\?saved=${outcome[intent]}`));
        if (intent === 'save') await ok(`/cms/${segment}/${f.item}`, editor, { confirm: 'yes' }, '.staged-banner form:has(button[value="discard"])', 'redirected', 'button[value="discard"]');
      }
      // Bulk, from the list's confirmation page: the item (a draft now) published, then unpublished.
      for (const intent of ['publish', 'unpublish'] as const) {
        const bulk = await ok(`/cms/${segment}/bulk?${new URLSearchParams({ intent, item: `${f.item}.${await version(t.type, f.item)}` })}`, editor, {}, undefined, 'flashed', 'button[name="intent"]');
        expect(bulk.messages.filter((m) => /^1 .*\b(published|unpublished \(now drafts\))\./.test(m)), `bulk ${intent}: ${bulk.messages.join(' | ')}`).toHaveLength(1);
      }
      await ok(`/cms/${segment}/${f.item}/revisions/${f.rev1}/restore`, editor, {});
      await ok(`/cms/${segment}/${f.item}`, editor, { confirm: 'yes' }, 'form.danger-zone');
      const deleted = await ok(`/cms/${segment}/bulk?${new URLSearchParams({ intent: 'delete', item: `${f.other}.${await version(t.type, f.other)}` })}`, editor, {}, undefined, 'flashed', 'button[name="intent"]');
      expect(deleted.messages.filter((m) => /^1 .*\bdeleted\./.test(m)), `bulk delete: ${deleted.messages.join(' | ')}`).toHaveLength(1);
    }
    // Each new item went where its intent says (events included: drafted, published, scheduled).
    const status = async (t: TypeName, intent: Intent) => {
      const id = idFromLocation(saved.find((s) => s.startsWith(`${t} new ${intent} `))!.split(' → ')[1]!, SEGMENT[t]);
      const table = { post: posts, changelog: changelogEntries, event: events }[t];
      const col = { post: posts.status, changelog: changelogEntries.status, event: events.publicationStatus }[t];
      return (await db().select({ s: col }).from(table).where(eq(table.id, id)))[0]!.s;
    };
    for (const t of TYPE_NAMES) {
      expect([await status(t, 'save'), await status(t, 'publish'), await status(t, 'schedule'), await status(t, 'unpublish')], t).toEqual(['draft', 'published', 'scheduled', 'draft']);
    }
    const created = await ok('/cms/editors', admin, { name: 'Control', email: 'control@test.gazette', password: 'control-password-1', role: 'editor' }, 'form[aria-label="New account"]', 'flashed');
    expect(created.messages.join(' ')).toMatch(/^Created /);
    const changed = await ok('/cms/editors', admin, { change: 'role', role: 'editor' }, `form[aria-label="Change ${TEST_ACCOUNTS.other.email}"]`, 'flashed');
    expect(changed.messages.join(' ')).toMatch(/is now an editor/);
    const after = await digest();
    const touched = Object.keys(after).filter((t) => after[t] !== before[t]);
    expect(touched).toEqual(expect.arrayContaining(['public.posts', 'public.post_tags', 'public.revisions', 'public.user', 'public.account', 'public.changelog_entries', 'public.events', 'public.staged_edits', 'public.changes']));
  }, 120_000);
});
