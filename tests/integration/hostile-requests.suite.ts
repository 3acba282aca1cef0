// Hostile requests against every public route of a production server of this build, generated
// with fast-check. The same suite runs against both servers a deployment may use:
// hostile-requests.test.ts (our in-process server, scripts/server.ts, as `npm start` runs it)
// and hostile-requests-next-start.test.ts (plain `next start`, as most hosts run it). Requests: odd paths and percent-encodings, query strings, Accept, conditional and Range
// headers, huge and malformed headers, and methods. What every answer must keep (SPEC §3):
// - never a 5xx;
// - nothing internal in an error body (stack trace, file path, SQL, driver message), and no
//   stack trace or file path in any body;
// - every 4xx/5xx from an /api/ route, a feed or a metadata route (sitemap.xml, robots.txt) is
//   application/problem+json with a {type, title, status} body whose status is the HTTP status
//   (HTML pages may answer HTML 404s);
// - a 405 carries Allow (RFC 9110 §15.5.6);
// - HEAD answers and 304s carry no body (checked on the wire, with a raw socket, too).
//
// Requests go out with node:http request() (a fresh connection each, with a timeout), and with a
// raw net socket for what Node's client will not send (absolute-form and asterisk-form targets,
// HTTP/1.0, missing or doubled Host, lowercase methods, raw UTF-8 bytes, …). A request Node's own
// HTTP server refuses never reaches the app: Node answers it with a bare `400 Bad Request`
// (Connection: close, no body, no other headers but Date and framing). That is accepted only
// where the request really is malformed HTTP or uses a method token Node does not know, and is
// counted in the summary printed at the end.
//
// The "KNOWN BUG" properties at the end isolate app bugs this file found: they assert the
// correct behaviour and fail until the app is fixed. The general properties keep exactly those
// triggers out of their generators, so that they keep covering everything else.
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowFor } from '@/lib/http/allow';
import { PUBLIC_SURFACE, surfaceEntry, type SurfaceEntry } from '@/lib/http/public-surface';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const REQUEST_TIMEOUT = 15_000;
/** Per-property wall-clock bound: the whole file stays well under 3 minutes. */
const PROPERTY_TIME_LIMIT = 14_000;

/** A running production server of this build: the in-process one or a `next start` child. */
export interface HostileTarget {
  url: string;
  close(): Promise<void>;
}

let server: HostileTarget | undefined;
let port: number;
const SLUG = 'etags-explained';
let eventId = '';

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

// The routes come from the one list of the public surface (lib/http/public-surface.ts), each
// template filled with a real slug or event file. The OpenGraph image (a metadata route with a
// parameter) is left to the path templates below: its errors are HTML, like the page's.
const filled = (path: string) => path.replace('{slug}', SLUG).replace('{file}', `${eventId}.ics`);
const surface = (keep: (e: SurfaceEntry) => boolean): string[] => PUBLIC_SURFACE.filter(keep).map((e) => e.path);
const API_PATHS = surface((e) => e.path.startsWith('/api/'));
const apiRoutes = () => API_PATHS.map(filled);
const FEED_ROUTES = surface((e) => e.kind === 'feed' && !e.path.startsWith('/api/'));
const METADATA_ROUTES = surface((e) => e.kind === 'metadata' && !e.path.includes('{'));
const PAGE_ROUTES = surface((e) => e.kind === 'page').map(filled);

type Kind = 'api' | 'api-unrouted' | 'feed' | 'metadata' | 'page' | 'other';

/** What the server routes this request target to (WHATWG URL normalisation of dot segments). */
function classify(target: string): Kind {
  let pathname: string;
  try {
    pathname = target.startsWith('/') ? new URL(`http://h${target}`).pathname : new URL(target).pathname;
  } catch {
    return 'other';
  }
  const entry = surfaceEntry(pathname);
  if (entry?.path.startsWith('/api/')) return 'api';
  if (pathname.startsWith('/api/')) return 'api-unrouted';
  if (FEED_ROUTES.includes(pathname)) return 'feed';
  if (METADATA_ROUTES.includes(pathname)) return 'metadata';
  if (entry?.kind === 'page') return 'page';
  return 'other';
}

/** Routes whose every error must be a problem document. */
const PROBLEM_KINDS: Kind[] = ['api', 'feed', 'metadata'];

// ---------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------

interface Req {
  method: string;
  /** Request target as sent (a latin1 string: one char per byte on the wire). */
  path: string;
  headers: [string, string][];
  body?: string;
}

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The decoded body (after Content-Encoding). */
  body: Buffer;
  text: string;
  /** Raw bytes after the header block (raw socket only). */
  wireBody?: Buffer;
  /** Node's own parser refused the request (bare 400 with Connection: close). */
  nodeRejected?: boolean;
}

/**
 * Node's own answer to a request its HTTP parser or server refuses before any handler runs (bad
 * method token, byte outside a target, missing Host, …): a bare 400 with Connection: close and
 * at most Date and framing headers, no body.
 */
function isNodeParserAnswer(status: number, headers: http.IncomingHttpHeaders, body: Buffer): boolean {
  const names = Object.keys(headers);
  return (
    status === 400 &&
    body.length === 0 &&
    String(headers.connection ?? '').toLowerCase() === 'close' &&
    names.every((n) => ['connection', 'date', 'transfer-encoding', 'content-length'].includes(n))
  );
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body);
    case 'deflate':
      return zlib.inflateSync(body);
    case 'br':
      return zlib.brotliDecompressSync(body);
    default:
      return body;
  }
}

function send(r: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of r.headers) {
      const prev = headers[name];
      headers[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    }
    const payload = r.body === undefined ? undefined : Buffer.from(r.body, 'latin1');
    if (payload) headers['content-length'] = String(payload.length);
    const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers, agent: false, timeout: REQUEST_TIMEOUT }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        try {
          const body = decode(Buffer.concat(chunks), res.headers['content-encoding']);
          const nodeRejected = isNodeParserAnswer(res.statusCode!, res.headers, body);
          resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString('utf8'), nodeRejected });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Send bytes as they are on a fresh socket; read until the server closes it. */
function sendBytes(bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(REQUEST_TIMEOUT, () => socket.destroy(new Error(`no answer within ${REQUEST_TIMEOUT} ms`)));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A reset after a complete answer (the server closing while we were still writing) is fine.
      if (err.code === 'ECONNRESET' && chunks.length > 0) resolve(Buffer.concat(chunks));
      else reject(err);
    });
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.end(bytes);
  });
}

function dechunk(b: Buffer): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  for (;;) {
    const nl = b.indexOf('\r\n', i);
    if (nl < 0) throw new Error('truncated chunked body');
    const size = parseInt(b.subarray(i, nl).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size)) throw new Error('bad chunk size');
    if (size === 0) return Buffer.concat(out);
    out.push(b.subarray(nl + 2, nl + 2 + size));
    i = nl + 2 + size + 2;
  }
}

function parseResponse(buf: Buffer, method: string): Res {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete response (${buf.length} bytes: ${JSON.stringify(buf.subarray(0, 200).toString('latin1'))})`);
  const [statusLine, ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine!)?.[1]);
  if (!status) throw new Error(`bad status line ${JSON.stringify(statusLine)}`);
  const headers: http.IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prev = headers[name];
    headers[name] = prev === undefined ? value : `${String(prev)}, ${value}`;
  }
  const wireBody = buf.subarray(end + 4);
  let body = wireBody;
  if (method !== 'HEAD' && status !== 304 && status !== 204 && wireBody.length > 0) {
    if (/chunked/i.test(String(headers['transfer-encoding'] ?? ''))) body = dechunk(wireBody);
    body = decode(body, headers['content-encoding'] as string | undefined);
  }
  const nodeRejected = isNodeParserAnswer(status, headers, body);
  return { status, headers, body, text: body.toString('utf8'), wireBody, nodeRejected };
}

function rawRequest(method: string, target: string, headers: [string, string][], version = 'HTTP/1.1', body?: string): Buffer {
  const lines = [`${method} ${target} ${version}`, ...headers.map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body, 'latin1')}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`, 'latin1');
}

async function sendRaw(r: Req, version = 'HTTP/1.1'): Promise<Res> {
  const hasHost = r.headers.some(([k]) => k.toLowerCase() === 'host');
  const headers: [string, string][] = hasHost || version === 'HTTP/1.0' ? r.headers : [['Host', `127.0.0.1:${port}`], ...r.headers];
  return parseResponse(await sendBytes(rawRequest(r.method, r.path, headers, version, r.body)), r.method);
}

// ---------------------------------------------------------------------------------------------
// The invariants
// ---------------------------------------------------------------------------------------------

/** Anything internal: stack frames, file paths, SQL, the ORM or driver, error messages. */
const LEAK = /at \w+ \(|node_modules|\/work\/|select |from "|drizzle|PGlite|Error:/i;
/** In a 200 the content itself may talk about SQL or Drizzle (the demo posts do); never a stack or path. */
const STACK = /at \w+ \(|node_modules|\/work\//;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Everything the request carries that a page might echo back (so the leak check has no false positives). */
function echoable(r: Req): string {
  const raw = [r.path, ...r.headers.map(([k, v]) => `${k}: ${v}`), r.body ?? ''].join('\n');
  return `${raw}\n${safeDecode(raw)}\n${safeDecode(raw.replace(/\+/g, ' '))}\n${Buffer.from(raw, 'latin1').toString('utf8')}`;
}

function clip(s: string, n = 300): string {
  return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s;
}

function describeExchange(r: Req, res: Res): string {
  return JSON.stringify(
    {
      request: { method: r.method, path: clip(r.path, 200), headers: r.headers.map(([k, v]) => [k, clip(v, 120)]), body: r.body === undefined ? undefined : clip(r.body, 120) },
      response: { status: res.status, 'content-type': res.headers['content-type'], allow: res.headers.allow, body: clip(res.text, 400) },
    },
    null,
    1,
  );
}

interface CheckOptions {
  /** Node's bare parser-level 400 is acceptable here (the request is malformed HTTP). */
  nodeMayReject?: boolean;
}

function violations(r: Req, res: Res, options: CheckOptions = {}): string[] {
  const out: string[] = [];
  if (res.nodeRejected) {
    if (!options.nodeMayReject) out.push("Node's HTTP parser refused a well-formed request (bare 400)");
    return out;
  }
  const kind = classify(r.path);
  const method = r.method.toUpperCase();
  if (res.status >= 500) out.push(`a ${res.status}`);
  const leak = (res.status >= 300 ? LEAK : STACK).exec(res.text);
  if (leak) out.push(`internal detail in the body: …${res.text.slice(Math.max(0, leak.index - 60), leak.index + 80)}…`);
  if (method === 'HEAD' && (res.body.length > 0 || (res.wireBody?.length ?? 0) > 0)) out.push('a body on a HEAD answer');
  if (res.status === 304 && (res.body.length > 0 || (res.wireBody?.length ?? 0) > 0)) out.push('a body on a 304');
  if (res.status === 405 && !res.headers.allow) out.push('a 405 without Allow');
  if (res.status >= 400 && PROBLEM_KINDS.includes(kind)) {
    const type = String(res.headers['content-type'] ?? '');
    if (!/^application\/problem\+json\b/.test(type)) out.push(`a ${res.status} from a ${kind} route as ${type || 'no content type'}, not application/problem+json`);
    else if (method !== 'HEAD') {
      try {
        const body = JSON.parse(res.text) as Record<string, unknown>;
        if (typeof body.type !== 'string' || typeof body.title !== 'string') out.push('a problem without type/title');
        if (body.status !== res.status) out.push(`a problem whose status ${String(body.status)} is not the HTTP status ${res.status}`);
      } catch {
        out.push('a problem body that is not JSON');
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running properties, counting cases
// ---------------------------------------------------------------------------------------------

const generated: Record<string, number> = {};
const nodeRejectedCount: Record<string, number> = {};
/** Every answer received, and those ≥ 500 (the summary reports both; any 5xx also fails its property). */
const answers = { total: 0, serverErrors: 0, knownLimit: 0 };
function tally(res: Res, property = ''): void {
  answers.total++;
  // The KNOWN LIMIT property sends its one request on purpose; counted apart.
  if (res.status >= 500) answers[property.startsWith('known limit') ? 'knownLimit' : 'serverErrors']++;
}

async function holds(
  name: string,
  arb: fc.Arbitrary<Req>,
  numRuns: number,
  options: CheckOptions & { raw?: boolean; extra?: (r: Req, res: Res) => string[] } = {},
): Promise<void> {
  generated[name] = 0;
  nodeRejectedCount[name] = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (r) => {
      // A page may echo what it was sent (a slug, a path): never generate input that looks like a leak.
      fc.pre(!LEAK.test(echoable(r)));
      generated[name]!++;
      const res = options.raw ? await sendRaw(r) : await send(r);
      tally(res, name);
      if (res.nodeRejected) nodeRejectedCount[name]!++;
      const found = [...violations(r, res, options), ...(res.nodeRejected ? [] : (options.extra?.(r, res) ?? []))];
      if (found.length > 0) throw new Error(`${found.join('; ')}\n${describeExchange(r, res)}`);
    }),
    { numRuns, seed: SEED, endOnFailure: true, plugins: [fc.interruptAfterTimeLimit(PROPERTY_TIME_LIMIT)] },
  );
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const toLatin1Bytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);

/** Well-formed percent-encoding edge cases (each decodes). */
const SPECIAL_SEGMENTS = [
  '%2F', '%2f', '%00', '%25', '%2e', '%2E%2E', '%5C', '%20', '%09', '%0A', '%0D%0A', '%3F', '%23', '%3B', '%252F', '%25zz',
  '%C3%A9', '%F0%9F%92%A9', '%EF%BB%BF', '%E2%80%AE', '%CC%81', '%EF%BF%BF', '%F4%8F%BF%BF',
  '+', ';', ';jsessionid=1', ':', '@', '~', '!', '$', '&', "'", '(', ')', '*', ',', '=', '[', ']', '{', '}', '|', '^', '`', '"', '<', '>', '\\',
  'index.html', 'null', 'undefined', 'NaN', '__proto__', 'constructor', 'CON', 'a'.repeat(201), '-', '--', 'a--b', 'A', encodeURIComponent('ÉTAGS'),
];
const DOT_SEGMENTS = ['.', '..', '%2e', '%2e%2e', '.%2e', '%2E.', '...'];
/** Malformed percent-encodings: decodeURIComponent throws on each. */
const MALFORMED_PCT = ['%', '%z', '%zz', '%G0', '%2', 'a%', '%%', '%C0%AF', '%C0%80', '%E0%80%AF', '%FF', '%FE', '%ED%A0%80', '%E2%9C', '%F4%90%80%80', '%C3', '%80', '%u0041'];

const asciiWord = fc.stringMatching(/^[A-Za-z0-9._~-]{1,24}$/);
const encodedUnicode = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((s) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return 'x';
  }
});
/**
 * Raw (unencoded) UTF-8 bytes in the path (Node's client sends latin1 strings byte for byte).
 * Node's parser refuses any byte outside 0x21–0x7e in a request target with a bare 400, so these
 * are sent only in the raw-socket property, where that refusal is allowed.
 */
const rawUtf8 = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
  .map(toLatin1Bytes)
  .filter((s) => !/[\x00-\x20\x7f/?#%]/.test(s));
const longSegment = fc
  .tuple(fc.integer({ min: 256, max: 6000 }), pick(['a', '-', '%41', '%C3%A9', 'ab-', '..', '%2F']))
  .map(([n, unit]) => unit.repeat(Math.max(1, Math.floor(n / unit.length)))); // whole units: never a cut escape

const segment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: asciiWord, weight: 3 },
  { arbitrary: encodedUnicode, weight: 3 },
  { arbitrary: pick(SPECIAL_SEGMENTS), weight: 4 },
  { arbitrary: pick(DOT_SEGMENTS), weight: 1 },
  { arbitrary: longSegment, weight: 1 },
  { arbitrary: fc.array(fc.oneof(asciiWord, pick(SPECIAL_SEGMENTS), encodedUnicode), { minLength: 2, maxLength: 4 }).map((xs) => xs.join('')), weight: 3 },
);
const malformedSegment = fc
  .tuple(fc.oneof(fc.constant(''), asciiWord), pick(MALFORMED_PCT), fc.oneof(fc.constant(''), asciiWord, pick(SPECIAL_SEGMENTS)))
  .map(([a, m, b]) => `${a}${m}${b}`);

/** Whole-path variants of a route: slashes, dot segments, case, suffixes. */
function pathVariants(routes: string[], templates: ((s: string, route: string) => string)[], seg = segment): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.tuple(pick(templates), seg, pick(routes)).map(([t, s, route]) => t(s, route)), weight: 8 },
    {
      arbitrary: fc.tuple(pick(routes), pick(DOT_SEGMENTS), asciiWord).map(([route, dot, w]) => {
        const parts = route.split('/');
        parts.splice(1 + (w.length % parts.length), 0, dot === '..' ? `${w}/..` : dot);
        return parts.join('/').replace(/^([^/])/, '/$1');
      }),
      weight: 2,
    },
    {
      arbitrary: fc.tuple(pick(routes), pick(['//', '/./', '///'])).map(([route, sep]) => route.replace(/\//g, sep).replace(/^\/\/\//, '//')),
      weight: 1,
    },
    { arbitrary: pick(routes).map((route) => `${route}/`), weight: 1 },
    { arbitrary: pick(routes).map((route) => route.toUpperCase()), weight: 1 },
  ).filter((p) => /^[\x21-\x7e]*$/.test(p)); // Node's parser refuses anything else in a target
}

const API_TEMPLATES = [
  (s: string) => `/api/posts/${s}`,
  (s: string) => `/api/events/${s}.ics`,
  (s: string) => `/api/events/${s}`,
  (s: string, route: string) => `${route}/${s}`,
  (s: string, route: string) => `${route}${s}`,
  (s: string, route: string) => `/${s}${route}`,
  (s: string) => `/api/${s}`,
];
const FEED_TEMPLATES = [
  (s: string, route: string) => `${route}/${s}`,
  (s: string, route: string) => `${route}${s}`,
  (s: string, route: string) => `/${s}${route}`,
  (s: string) => `/${s}.xml`,
  (s: string) => `/${s}.json`,
  (s: string) => `/${s}.txt`,
];
const PAGE_TEMPLATES = [
  (s: string) => `/posts/${s}`,
  (s: string) => `/posts/${s}/opengraph-image`,
  (s: string) => `/${s}`,
  (s: string, route: string) => `${route}/${s}`,
  (s: string, route: string) => `${route}${s}`,
  (s: string) => `/_next/static/${s}`,
  (s: string) => `/_next/image?url=${s}&w=64&q=75`,
];

// Query strings
const QUERY_KEYS = [
  'limit', 'cursor', 'tag', 'page', 'format', 'q', 'callback', '_rsc', '_', 'utm_source', 'fbclid',
  'limit[]', 'limit[0]', 'tag[]', 'tag[a]', 'cursor[]', 'LIMIT', 'Limit', ' limit', 'limit ',
  '__proto__', '__proto__[x]', 'constructor', 'toString', 'valueOf', 'hasOwnProperty',
  '__nextDataReq', '__nextLocale', '__nextDefaultLocale', 'nxtPslug', 'nxtPfile', 'nxtIslug', '__next_router', 'x-nextjs-data',
  '', '%zz', '%00', '%C0%AF', '=', '&', '?', '%26', '%3D', '+', encodeURIComponent('ä'), encodeURIComponent('ключ'), '%E4', '%D0%BA%D0',
];
const QUERY_VALUES = [
  '0', '1', '-1', '20', '100', '101', '1.5', '1e2', '0x10', '010', ' 1', '1 ', '+1', 'NaN', 'Infinity', '9'.repeat(400), encodeURIComponent('١'), encodeURIComponent('１'), '%EF%BC%91',
  '', 'true', 'null', '[]', '{}', '{"t":"x","i":"y"}', 'calendars', 'http', 'Not%20a%20tag', 'no-such-tag', '..%2F..%2F', '%zz', '%', '%C0%AF', '%00',
  Buffer.from('{"t":"2025-01-01T00:00:00.000Z","i":"00000000-0000-0000-0000-000000000000"}').toString('base64url'),
  Buffer.from('{"t":"9999-99-99","i":1}').toString('base64url'),
  '<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', '{{7*7}}',
];
const queryValue = fc.oneof(
  { arbitrary: pick(QUERY_VALUES), weight: 5 },
  { arbitrary: encodedUnicode, weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map((s) => s.replace(/[^\x21-\x7e]|[#&]/g, '')), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 1000, max: 7000 }), pick(['a', '9', '%41', '%E2%9C%93', '-'])).map(([n, u]) => u.repeat(Math.ceil(n / u.length))), weight: 1 },
);
const queryKey = fc.oneof({ arbitrary: pick(QUERY_KEYS), weight: 4 }, { arbitrary: asciiWord, weight: 1 }, { arbitrary: encodedUnicode, weight: 1 });
const queryString = fc
  .tuple(
    fc.array(fc.tuple(queryKey, queryValue, fc.boolean()), { minLength: 1, maxLength: 8 }),
    fc.nat({ max: 3 }), // how many pairs to repeat
    pick(['&', '&', '&', ';', '&&']),
    fc.boolean(),
  )
  .map(([pairs, repeat, sep, trailing]) => {
    const all = [...pairs, ...pairs.slice(0, repeat)];
    return '?' + all.map(([k, v, bare]) => (bare && v === '' ? k : `${k}=${v}`)).join(sep) + (trailing ? sep : '');
  })
  // Node's parser refuses any byte outside 0x21–0x7e in a request target (never reaches the app).
  .filter((q) => q.length < 12_000 && /^[\x21-\x7e]*$/.test(q));

// Accept
const MEDIA_RANGES = [
  'application/json', 'text/markdown', 'text/html', '*/*', 'text/*', 'application/*', 'image/png', 'application/problem+json',
  'application/feed+json', 'application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml', 'text/calendar', 'text/plain',
  'application/xhtml+xml', 'text/x-component', 'application/octet-stream', '*', '/', 'text/', '/json', '*/json', '**', 'text/**',
  'TEXT/HTML', 'Application/JSON', 'application/json+ld', 'application/vnd.gazette.v1+json', '', ' ', 'null', 'application/json/x', 'a/b/c',
];
const ACCEPT_PARAMS = [
  'q=0', 'q=1', 'q=0.5', 'q=0.001', 'q=1.000', 'q=0.0001', 'q=abc', 'q=2', 'q=-1', 'q=', 'q', 'q=1e3', 'q=NaN', 'q=Infinity', 'Q=0.5',
  'q=0,5', 'q="0.5"', 'q=.5', 'q=0.5;q=1', 'charset=utf-8', 'level=1', 'a="b;c"', 'a="b,c"', 'version=1.1', 'profile="x', '=x', '', 'x=',
];
const acceptItem = fc
  .tuple(
    fc.oneof({ arbitrary: pick(MEDIA_RANGES), weight: 5 }, { arbitrary: fc.tuple(asciiWord, asciiWord).map(([a, b]) => `${a}/${b}`), weight: 1 }),
    fc.array(pick(ACCEPT_PARAMS), { maxLength: 3 }),
    pick([';', ' ; ', ';\t']),
  )
  .map(([range, params, sep]) => [range, ...params].join(sep));
const acceptHeader = fc.oneof(
  { arbitrary: fc.tuple(fc.array(acceptItem, { maxLength: 12 }), pick([', ', ',', ' , ', ',,'])).map(([items, sep]) => items.join(sep)), weight: 6 },
  { arbitrary: fc.tuple(fc.integer({ min: 100, max: 500 }), acceptItem).map(([n, item]) => Array.from({ length: n }, (_, i) => `${item.split(';')[0]}${i}`).join(',').slice(0, 7000)), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), weight: 1 },
  { arbitrary: pick(['', ' ', ',', ';', ';q=1', 'q=0.5', '*/*;q=0', 'application/json;q=0', '*/*;q=0, application/json;q=0']), weight: 1 },
);

// Conditional and Range headers
const etagLike = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{0,27}$/).map((s) => `"${s}"`),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,27}$/).map((s) => `W/"${s}"`),
);
const garbageTag = pick(['*', ' * ', '*, "a"', 'W/', 'W/"', '"unterminated', 'unquoted', 'w/"lower"', '""', 'W/""', '"a"b"', '"a", , "b"', ',', '"\\"escaped\\""', '"ä"', 'W /"x"', '"', '*,*']);
const dateHeader = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toUTCString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), // far past and far future
  fc.date({ min: new Date('1970-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  pick([
    'yesterday', '0', '-1', '', 'Mon, 32 Jan 2024 00:00:00 GMT', 'Mon, 01 Jan 2024 25:61:61 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT',
    'Fri, 31 Dec 9999 23:59:59 GMT', 'Sat, 01 Jan 10000 00:00:00 GMT', 'Mon, 01 Jan 2024 00:00:00 GMT, Tue, 02 Jan 2024 00:00:00 GMT',
    'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994', '1700000000', 'NaN', 'Mon, 01 Jan -2024 00:00:00 GMT', 'Mon,',
    'Mon, 01 Jan 2024 00:00:00 PST', 'Mon, 01 Jan 2024 00:00:00 +0000', 'Xyz, 01 Jan 2024 00:00:00 GMT', 'Mon, 01 Jan 275760 00:00:00 GMT',
  ]),
);
const rangeHeader = fc.oneof(
  pick(['bytes=0-10', 'bytes=-5', 'bytes=5-', 'bytes=10-5', 'bytes=0-0,-1', 'bytes=', 'bytes=abc', 'items=0-9', 'bytes 0-10', 'bytes=99999999999999999999-', 'bytes=-0', 'bytes=0-', '=0-1', 'bytes=-', 'bytes==1-2']),
  fc.tuple(fc.integer({ min: 2, max: 400 })).map(([n]) => 'bytes=' + Array.from({ length: n }, (_, i) => `${i}-${i}`).join(',')),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `bytes=${a}-${b}`),
);

function conditionalHeaders(route: string): fc.Arbitrary<[string, string][]> {
  const ours = baselines.get(route)?.etag;
  const tag = ours ? fc.oneof(etagLike, garbageTag, fc.constant(ours), fc.constant(ours.replace(/^W\//, ''))) : fc.oneof(etagLike, garbageTag);
  const inm = fc.oneof(
    { arbitrary: tag, weight: 4 },
    { arbitrary: fc.array(tag, { minLength: 2, maxLength: 8 }).map((xs) => xs.join(', ')), weight: 3 },
    { arbitrary: fc.tuple(fc.integer({ min: 100, max: 250 }), etagLike).map(([n, t]) => Array.from({ length: n }, () => t).join(', ')), weight: 1 },
  );
  const optional = (name: string, arb: fc.Arbitrary<string>) => fc.option(arb.map((v): [string, string] => [name, v]), { nil: undefined });
  return fc
    .tuple(
      optional('If-None-Match', inm),
      optional('If-Modified-Since', dateHeader),
      optional('Range', rangeHeader),
      optional('If-Range', fc.oneof(tag, dateHeader)),
      optional('If-Match', fc.oneof(tag, fc.constant('*'))),
      optional('If-Unmodified-Since', dateHeader),
      optional('Cache-Control', pick(['no-cache', 'no-store', 'max-age=0', 'only-if-cached', 'max-stale', 'garbage=', 'no-cache="x'])),
      optional('Pragma', pick(['no-cache', 'x'])),
    )
    .map((hs) => hs.filter((h): h is [string, string] => h !== undefined));
}

// Headers: huge and malformed
const HEADER_NAMES = [
  'Accept', 'Accept-Language', 'Accept-Charset', 'Accept-Encoding', 'User-Agent', 'Referer', 'Origin', 'Cookie', 'Authorization', 'Content-Type',
  'If-None-Match', 'If-Modified-Since', 'Range', 'Cache-Control', 'Forwarded', 'X-Forwarded-For', 'X-Forwarded-Host', 'X-Forwarded-Proto',
  'X-Forwarded-Port', 'X-Real-IP', 'X-Gazette-Client-IP', 'Host', 'Via', 'DNT', 'Sec-Fetch-Mode', 'Sec-Fetch-Dest', 'Purpose', 'Sec-Purpose',
  'RSC', 'Next-Router-State-Tree', 'Next-Router-Prefetch', 'Next-Router-Segment-Prefetch', 'Next-Url', 'Next-Action', 'Next-Test-Proxy',
  'X-Middleware-Subrequest', 'X-Middleware-Prefetch', 'X-Nextjs-Data', 'X-Invoke-Path', 'X-Invoke-Query', 'X-Matched-Path', 'X-Now-Route-Matches',
  'X-Next-Revalidate-Tag-Token', 'X-Prerender-Revalidate', 'X-Vercel-Id', 'Access-Control-Request-Method', 'Access-Control-Request-Headers',
  'X-Http-Method-Override', 'X-Original-URL', 'X-Rewrite-URL', 'Prefer', 'TE', 'Accept-Datetime',
];
const headerName = fc.oneof({ arbitrary: pick(HEADER_NAMES), weight: 5 }, { arbitrary: fc.stringMatching(/^X-[A-Za-z0-9!#$%&'*+.^_`|~-]{1,30}$/), weight: 1 });
/** Bytes a header value may carry on the wire: tab, visible ASCII, space and obs-text (RFC 9110 §5.5). */
const valueChar = fc.oneof(
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), weight: 8 },
  { arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), weight: 1 },
  { arbitrary: fc.constant('\t'), weight: 1 },
);
const MALFORMED_VALUES = [
  '', ' ', '"', '""', '"unterminated', '\\', ',', ',,,', ';', '=', '==', 'a=b=c', '1', '-1', 'null', '[]', '{"', '%zz', '%00', '%C0%AF',
  '../../etc/passwd', 'http://', 'http://[::1', 'https://evil.example', '127.0.0.1:99999', '::::', '@', 'a b c', '0.0.0.0', '*',
  'middleware:middleware:middleware:middleware:middleware', 'proxy:proxy:proxy:proxy:proxy', 'src/middleware:src/middleware', '/api/health',
  '["",{"children":["__PAGE__",{}]},null,null,true]', '%5B%22%22%5D', toLatin1Bytes('ünïcödé ✓'), 'GET', 'POST', 'TRACE', '1, 2, 3',
  'gzip;q=abc, br;q=2', 'identity;q=0, *;q=0', 'for=unknown;proto=http;host=%zz', 'for="[::1]:80"', 'bytes=0-1', 'W/"x"',
];
const malformedValue = fc.oneof(
  { arbitrary: pick(MALFORMED_VALUES), weight: 3 },
  { arbitrary: fc.string({ unit: valueChar, maxLength: 80 }), weight: 3 },
);
const hugeValue = fc
  .tuple(fc.integer({ min: 6000, max: 7000 }), fc.oneof(pick(['a', 'x=1; ', '"a", ', 'text/html;q=0.1, ', '*/*,', ' ', 'é', '\t-', '%zz', 'W/"a",']), fc.string({ unit: valueChar, minLength: 1, maxLength: 8 })))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

function headerSet(): fc.Arbitrary<[string, string][]> {
  return fc
    .tuple(
      fc.array(fc.tuple(headerName, malformedValue), { maxLength: 5 }),
      fc.option(fc.tuple(headerName, hugeValue), { nil: undefined }),
    )
    .map(([small, huge]) => (huge ? [...small, huge] : small))
    // One Host at most (Node's client sends exactly one; two Hosts are in the raw-socket property).
    .map((hs) => hs.filter(([k], i) => k !== 'Host' || hs.findIndex(([k2]) => k2 === 'Host') === i))
    .filter((hs) => hs.reduce((n, [k, v]) => n + k.length + v.length + 4, 0) < 14_000);
}

// Methods
const SUPPORTED_BY_NODE = http.METHODS.filter((m) => m !== 'CONNECT' && m !== 'TRACE');
const randomToken = fc.stringMatching(/^[A-Za-z!#$%&'*+.^_`|~-][A-Za-z0-9!#$%&'*+.^_`|~-]{0,15}$/);
const method = fc.oneof(
  { arbitrary: pick(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND']), weight: 6 },
  { arbitrary: pick(SUPPORTED_BY_NODE), weight: 2 },
  { arbitrary: randomToken.filter((m) => m !== 'CONNECT' && m !== 'TRACE'), weight: 2 },
);
const BODIES: [string | undefined, [string, string][]][] = [
  [undefined, []],
  ['', []],
  ['a=b&c=%zz', [['Content-Type', 'application/x-www-form-urlencoded']]],
  ['{"title":"x"', [['Content-Type', 'application/json']]],
  ['--X\r\nContent-Disposition: form-data; name="$ACTION_ID_abc"\r\n\r\n\r\n--X--\r\n', [['Content-Type', 'multipart/form-data; boundary=X']]],
  ['--X\r\nContent-Disposition: form-data; name="1_$ACTION_REF_1"\r\n\r\n\r\n--X\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--X--\r\n', [['Content-Type', 'multipart/form-data; boundary=X']]],
  ['garbage', [['Content-Type', 'multipart/form-data']]],
  ['["$@1"]', [['Content-Type', 'text/plain;charset=UTF-8'], ['Next-Action', 'deadbeef'.repeat(5)]]],
  ['x'.repeat(5000), [['Content-Type', 'text/plain']]],
];

// ---------------------------------------------------------------------------------------------
// Requests per concern
// ---------------------------------------------------------------------------------------------

const getOrHead = fc.constantFrom('GET', 'GET', 'GET', 'HEAD');
/** A request, printed compactly in fast-check's counterexamples. */
function req(method: string, path: string, headers: [string, string][] = [], body?: string): Req {
  const r: Req = { method, path, headers, ...(body === undefined ? {} : { body }) };
  Object.defineProperty(r, fc.toStringMethod, {
    enumerable: false,
    value: () => JSON.stringify({ method, path: clip(path, 200), headers: headers.map(([k, v]) => [k, clip(v, 80)]), ...(body === undefined ? {} : { body: clip(body, 80) }) }),
  });
  return r;
}

const pathRequests = (routes: string[], templates: typeof API_TEMPLATES) => fc.tuple(getOrHead, pathVariants(routes, templates)).map(([m, p]) => req(m, p));
const queryRequests = (routes: string[]) => fc.tuple(getOrHead, pick(routes), queryString).map(([m, r, q]) => req(m, r + q));
const acceptRequests = (routes: string[]) =>
  fc
    .tuple(getOrHead, pick(routes), fc.array(acceptHeader, { minLength: 1, maxLength: 2 }), fc.option(pick(['gzip', 'br', 'deflate', 'gzip;q=abc, br;q=2', '*', 'identity;q=0']), { nil: undefined }))
    .map(([m, r, accepts, enc]) => req(m, r, [...accepts.map((a): [string, string] => ['Accept', a]), ...(enc ? [['Accept-Encoding', enc] as [string, string]] : [])]));
const conditionalRequests = (routes: string[]) =>
  pick(routes).chain((r) => fc.tuple(getOrHead, conditionalHeaders(r)).map(([m, hs]) => req(m, r, hs)));
const headerRequests = (routes: string[]) => fc.tuple(getOrHead, pick(routes), headerSet()).map(([m, r, hs]) => req(m, r, hs));
const methodRequests = (routes: string[]) =>
  fc
    .tuple(method, pick(routes), pick(BODIES), fc.option(fc.tuple(pick(['https://partner.example', 'null', 'http://127.0.0.1']), pick(['GET', 'POST', 'DELETE', 'get', '', 'TRACE']), pick(['if-none-match', 'x-foo', '*', '', 'content-type, authorization'])), { nil: undefined }))
    .map(([m, r, [body, bodyHeaders], preflight]) => {
      const withBody = !['GET', 'HEAD'].includes(m) && body !== undefined;
      const hs: [string, string][] = [...(withBody ? bodyHeaders : [])];
      if (preflight) hs.push(['Origin', preflight[0]], ['Access-Control-Request-Method', preflight[1]], ['Access-Control-Request-Headers', preflight[2]]);
      return req(m, r, hs, withBody ? body : undefined);
    });

/** A POST that Next treats as a Server Action call (Next-Action header or a no-JS action form) from a foreign Origin. */
function isCrossOriginActionPost(r: Req): boolean {
  const origin = r.headers.find(([k]) => k.toLowerCase() === 'origin')?.[1];
  const marked = r.headers.some(([k, v]) => k.toLowerCase() === 'next-action' || (k.toLowerCase() === 'content-type' && /multipart\/form-data/i.test(v)));
  return marked && origin !== undefined && origin !== `http://127.0.0.1:${port}`;
}

/** A POST to a page whose multipart/form-data body does not parse. */
function isMalformedMultipartPost(r: Req): boolean {
  const type = r.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  return /multipart\/form-data/i.test(type) && !(/boundary=X/.test(type) && (r.body ?? '').startsWith('--X\r\n'));
}

/** Extra semantic check: a well-formed If-None-Match naming the current ETag gives 304. */
function inmMatchGives304(r: Req, res: Res): string[] {
  const ours = baselines.get(r.path)?.etag;
  const inm = r.headers.find(([k]) => k === 'If-None-Match')?.[1];
  // SPEC §3 rule 3 holds for the app's own routes; HTML pages and metadata files are Next's.
  if (!['api', 'feed'].includes(classify(r.path))) return [];
  if (!ours || inm === undefined || baselines.get(r.path)?.status !== 200) return [];
  const members = inm.split(',').map((s) => s.trim());
  const wellFormed = members.every((m) => /^(W\/)?"[A-Za-z0-9_-]*"$/.test(m));
  const opaque = ours.replace(/^W\//, '');
  if (wellFormed && members.some((m) => m.replace(/^W\//, '') === opaque) && res.status !== 304) {
    return [`If-None-Match names the current ETag ${ours} but the answer is ${res.status}, not 304`];
  }
  return [];
}

const baselines = new Map<string, { status: number; etag?: string }>();

/**
 * The whole suite against one server. Called by one small test file per server (each file
 * runs in its own process, so the module state above belongs to one server).
 */
export function hostileRequestSuite(serverName: string, start: () => Promise<HostileTarget>): void {
  describe(serverName, () => {
    beforeAll(async () => {
      server = await start();
      port = Number(new URL(server.url).port);
      const events = JSON.parse((await send(req('GET', '/api/events'))).text) as { data: { links: { ics: string } }[] };
      eventId = /\/api\/events\/([0-9a-f-]+)\.ics$/.exec(events.data[0]!.links.ics)![1]!;
      for (const route of [...apiRoutes(), ...FEED_ROUTES, ...METADATA_ROUTES, ...PAGE_ROUTES]) {
        const res = await send(req('GET', route));
        baselines.set(route, { status: res.status, ...(typeof res.headers.etag === 'string' ? { etag: res.headers.etag } : {}) });
      }
    });

    afterAll(async () => {
      const rows = Object.entries(generated).map(([property, cases]) => ({ property, cases, 'refused by Node before the app': nodeRejectedCount[property] ?? 0 }));
      console.log(`[hostile-requests: ${serverName}] generated cases per property (total ${rows.reduce((n, r) => n + r.cases, 0)}):\n` + rows.map((r) => `  ${String(r.cases).padStart(5)}  ${r.property}${r['refused by Node before the app'] ? ` (${r['refused by Node before the app']} refused by Node's parser)` : ''}`).join('\n') + `\n  answers ≥ 500: ${answers.serverErrors} of ${answers.total} (plus ${answers.knownLimit} from the KNOWN LIMIT property)`);
      await server?.close();
    });

    // ---------------------------------------------------------------------------------------------
    // The properties
    // ---------------------------------------------------------------------------------------------

    const RUNS = { api: 300, feeds: 250, pages: 200 } as const;

    const GROUPS = [
      { group: 'api', routes: apiRoutes, templates: API_TEMPLATES, runs: RUNS.api },
      { group: 'feeds+metadata', routes: () => [...FEED_ROUTES, ...METADATA_ROUTES], templates: FEED_TEMPLATES, runs: RUNS.feeds },
      { group: 'pages', routes: () => PAGE_ROUTES, templates: PAGE_TEMPLATES, runs: RUNS.pages },
    ] as const;

    for (const { group, routes, templates, runs } of GROUPS) {
      describe(`hostile requests: ${group}`, () => {
        it('paths: random segments, percent-encoding edge cases, unicode, dot segments, long segments', async () => {
          await holds(`${group}: paths`, pathRequests(routes(), [...templates]), runs);
        });

        it('query strings: random keys and values, repeated keys, arrays, huge values', async () => {
          await holds(`${group}: query strings`, queryRequests(routes()), runs);
        });

        it('Accept: random media ranges, q-values valid and not, empty, huge lists', async () => {
          await holds(`${group}: Accept`, acceptRequests(routes()), runs);
        });

        it('conditional and Range headers: If-None-Match, If-Modified-Since, Range, If-Range, …', async () => {
          await holds(`${group}: conditional + Range`, conditionalRequests(routes()), runs, { extra: inmMatchGives304 });
        });

        it('huge (6–7 KB) and malformed header values, framework-internal headers', async () => {
          await holds(`${group}: huge + malformed headers`, headerRequests(routes()), runs);
        });

        it('methods: the usual, WebDAV and others Node knows, random tokens, with and without bodies', async () => {
          // KNOWN BUGS (own properties below): unsupported methods on sitemap.xml / robots.txt;
          // cross-origin Server Action POSTs and malformed multipart POSTs to pages.
          const arb = methodRequests(routes()).filter(
            (r) =>
              !(METADATA_ROUTES.includes(r.path) && !['GET', 'HEAD', 'OPTIONS'].includes(r.method)) &&
              !(classify(r.path) === 'page' && (isCrossOriginActionPost(r) || isMalformedMultipartPost(r))),
          );
          // A method token Node's parser does not know never reaches the app: Node answers a bare 400.
          await holds(`${group}: methods`, arb, runs, { nodeMayReject: true });
        });
      });
    }

    describe('the Allow rule at its edges (lib/http/allow.ts)', () => {
      const problemOf = (res: Res) => JSON.parse(res.text) as { status: number };

      it('answers another method on the cron route with a 405 problem and Allow, not Next\'s bare 405', async () => {
        for (const method of ['POST', 'PUT', 'DELETE']) {
          const res = await send(req(method, '/api/cron/publish', [['Content-Type', 'application/json']], '{}'));
          expect(res.status, method).toBe(405);
          expect(res.headers.allow, method).toBe('GET, HEAD, OPTIONS');
          expect(res.headers['content-type'], method).toMatch(/^application\/problem\+json/);
          expect(problemOf(res).status, method).toBe(405);
        }
      });

      it('treats /cmsx as a page, not as the CMS: no sign-in redirect, and a POST gets 405 with Allow: GET, HEAD', async () => {
        const get = await send(req('GET', '/cmsx'));
        expect(get.status).toBe(404);
        expect(get.headers.location).toBeUndefined();
        const post = await send(req('POST', '/cmsx', [['Content-Type', 'application/x-www-form-urlencoded']], 'a=1'));
        expect(post.status).toBe(405);
        expect(post.headers.allow).toBe('GET, HEAD');
      });

      it('answers OPTIONS on the OpenGraph image (a metadata route) with 204 and its Allow', async () => {
        const res = await send(req('OPTIONS', `/posts/${SLUG}/opengraph-image`));
        expect(res.status).toBe(204);
        expect(res.headers.allow).toBe(allowFor(`/posts/${SLUG}/opengraph-image`));
        expect(res.body.length).toBe(0);
      });
    });

    describe('hostile requests: on the wire (raw socket)', () => {
      const allRoutes = () => [...apiRoutes(), ...FEED_ROUTES, ...METADATA_ROUTES, ...PAGE_ROUTES];

      it('HEAD answers and 304s carry no body bytes at all', async () => {
        const arb = pick(allRoutes()).chain((route) =>
          fc.oneof(
            fc.tuple(pathVariants([route], [...API_TEMPLATES, ...PAGE_TEMPLATES]), headerSet()).map(([p, hs]) => req('HEAD', p, hs.filter(([k]) => k !== 'Host'))),
            fc.tuple(getOrHead, fc.constantFrom('*', baselines.get(route)?.etag ?? '*', `"x", ${baselines.get(route)?.etag ?? '*'}`)).map(([m, inm]) => req(m, route, [['If-None-Match', inm]])),
            getOrHead.map((m) => req(m, route, [['If-Modified-Since', 'Fri, 31 Dec 9999 23:59:59 GMT']])),
          ),
        );
        await holds('wire: HEAD and 304 bodies', arb, 250, { raw: true });
      });

      it("request forms Node's client will not send: absolute-form, asterisk-form, HTTP/1.0, odd framing", async () => {
        // Each is sent as bytes. Node's parser may refuse the malformed ones itself (bare 400): that
        // never reaches the app and is accepted; whatever reaches the app must keep every invariant.
        const target = fc.oneof(
          pick(allRoutes()).map((r) => `http://127.0.0.1:${port}${r}`),
          pick(allRoutes()).map((r) => `http://evil.example${r}`),
          pick(allRoutes()).map((r) => `HTTP://127.0.0.1:${port}${r}?x=1`),
          pick(allRoutes()),
          fc.tuple(pick(allRoutes()), rawUtf8).map(([r, s]) => `${r}/${s}`),
        );
        const variant = pick(['plain', 'http10', 'http10-host', 'no-host', 'empty-host', 'two-hosts', 'lower-method', 'obs-fold', 'space-before-colon', 'utf8-header', 'cl-and-te', 'bad-cl', 'get-with-body', 'bare-lf'] as const);
        const arb = fc.tuple(target, variant, fc.constantFrom('GET', 'HEAD', 'OPTIONS')).map(([t, v, m]) => ({ t, v, m }));
        generated['wire: odd request forms'] = 0;
        nodeRejectedCount['wire: odd request forms'] = 0;
        await fc.assert(
          fc.asyncProperty(arb, async ({ t, v, m }) => {
            generated['wire: odd request forms']!++;
            const host = `127.0.0.1:${port}`;
            let bytes: Buffer;
            let method: string = m;
            const line = (meth: string, version = 'HTTP/1.1') => `${meth} ${t} ${version}`;
            const head = (lines: string[], body = '') => Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1');
            switch (v) {
              case 'plain': bytes = head([line(m), `Host: ${host}`, 'Connection: close']); break;
              case 'http10': bytes = head([line(m, 'HTTP/1.0')]); break;
              case 'http10-host': bytes = head([line(m, 'HTTP/1.0'), `Host: ${host}`]); break;
              case 'no-host': bytes = head([line(m), 'Connection: close']); break;
              case 'empty-host': bytes = head([line(m), 'Host:', 'Connection: close']); break;
              case 'two-hosts': bytes = head([line(m), `Host: ${host}`, 'Host: evil.example', 'Connection: close']); break;
              case 'lower-method': method = m.toLowerCase(); bytes = head([line(method), `Host: ${host}`, 'Connection: close']); break;
              case 'obs-fold': bytes = head([line(m), `Host: ${host}`, 'Accept: application/json,', ' text/html', 'Connection: close']); break;
              case 'space-before-colon': bytes = head([line(m), `Host: ${host}`, 'Accept : text/html', 'Connection: close']); break;
              case 'utf8-header': bytes = head([line(m), `Host: ${host}`, `Accept: ${toLatin1Bytes('tëxt/✓')}`, `X-Name: ${toLatin1Bytes('Zoë ✓')}`, 'Connection: close']); break;
              case 'cl-and-te': bytes = head([line(m), `Host: ${host}`, 'Content-Length: 3', 'Transfer-Encoding: chunked', 'Connection: close'], '0\r\n\r\n'); break;
              case 'bad-cl': bytes = head([line(m), `Host: ${host}`, 'Content-Length: -1', 'Connection: close']); break;
              case 'get-with-body': bytes = head([line(m), `Host: ${host}`, 'Content-Length: 5', 'Connection: close'], 'hello'); break;
              case 'bare-lf': bytes = Buffer.from(`${line(m)}\nHost: ${host}\nConnection: close\n\n`, 'latin1'); break;
            }
            const res = parseResponse(await sendBytes(bytes), method.toUpperCase());
        tally(res);
            if (res.nodeRejected) nodeRejectedCount['wire: odd request forms']!++;
            // Well-formed requests must reach the app; the rest may be refused by Node's parser.
            const wellFormed = ['plain', 'http10-host', 'utf8-header', 'get-with-body'].includes(v) && !t.startsWith('http://evil') && !/[^\x21-\x7e]/.test(t);
            const r = req(method.toUpperCase(), t.startsWith('http') ? new URL(t).pathname + new URL(t).search : t);
            const found = violations(r, res, { nodeMayReject: !wellFormed });
            if (found.length > 0) throw new Error(`${found.join('; ')}\n${JSON.stringify({ sent: clip(bytes.toString('latin1'), 400) })}\n${describeExchange(r, res)}`);
          }),
          { numRuns: 200, seed: SEED, endOnFailure: true, plugins: [fc.interruptAfterTimeLimit(PROPERTY_TIME_LIMIT)] },
        );
      });
    });

    describe('hostile requests: isolated app bugs (assert the correct behaviour)', () => {
      const dynamicTemplates = [
        (s: string) => `/api/posts/${s}`,
        (s: string) => `/api/events/${s}.ics`,
        (s: string) => `/api/events/${s}`,
        (s: string) => `/posts/${s}`,
        (s: string) => `/posts/${s}/opengraph-image`,
      ];

      it('a malformed percent-encoding in a dynamic segment is a 4xx (problem on API routes), never a 500', async () => {
        const arb = fc.tuple(getOrHead, pick(dynamicTemplates), malformedSegment).map(([m, t, s]) => req(m, t(s)));
        await holds('malformed percent-encoding in dynamic segments', arb, 100);
      });

      it('TRACE (which the Fetch API cannot represent) is a 405 with Allow, never a 500', async () => {
        const arb = fc
          .tuple(pick([...apiRoutes(), ...FEED_ROUTES, ...METADATA_ROUTES, ...PAGE_ROUTES, '/cms/login', '/nope']), fc.option(queryString, { nil: undefined }))
          .map(([r, q]) => req('TRACE', r + (q ?? '')));
        await holds('TRACE', arb, 40, {
          extra: (_r, res) => (res.status === 405 ? [] : [`TRACE answered ${res.status}, not 405`]),
        });
      });

      it('a cross-origin POST that looks like a Server Action call is a 4xx, never a 500', async () => {
        const pages = [...PAGE_ROUTES, '/cms/login'];
        const marker = pick<[string | undefined, [string, string][]]>([
          ['["$@1"]', [['Content-Type', 'text/plain;charset=UTF-8'], ['Next-Action', 'deadbeef'.repeat(5)]]],
          ['--X\r\nContent-Disposition: form-data; name="$ACTION_ID_abc"\r\n\r\n\r\n--X--\r\n', [['Content-Type', 'multipart/form-data; boundary=X']]],
          ['--X\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--X--\r\n', [['Content-Type', 'multipart/form-data; boundary=X']]],
        ]);
        const arb = fc
          .tuple(pick(pages), marker, pick(['https://partner.example', 'null', 'http://127.0.0.1', 'https://evil.example:8443']))
          .map(([p, [body, hs], origin]) => req('POST', p, [...hs, ['Origin', origin]], body));
        await holds('cross-origin Server Action POST', arb, 30);
      });

      it('a POST of a malformed multipart/form-data body to a public page is a 4xx, never a 500', async () => {
        const arb = fc
          .tuple(
            pick([...PAGE_ROUTES]),
            pick(['multipart/form-data', 'multipart/form-data; boundary=X', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="unterminated']),
            pick(['garbage', '', '--X', '--X\r\n', '--X\r\nContent-Disposition: form-data\r\n\r\nx', '--Y\r\n\r\n--Y--']),
          )
          .map(([p, type, body]) => req('POST', p, [['Content-Type', type]], body));
        await holds('malformed multipart POST to a page', arb, 30);
      });

      // Known limit, kept visible: a multipart body with a valid boundary but broken parts, posted
      // to a CMS page, fails inside Next's own form parser (a bare 500, nothing leaked). Validating
      // it first would mean buffering every CMS post in our server. Flip to `it` when fixed.
      it.fails('KNOWN LIMIT: a malformed multipart body posted to a CMS page is a 4xx', async () => {
        const arb = fc.constant(req('POST', '/cms/login', [['Content-Type', 'multipart/form-data; boundary=X']], '--X\r\nContent-Disposition: form-data\r\n\r\nx'));
        await holds('known limit: malformed multipart POST to a CMS page', arb, 1);
      });

      it('an asterisk-form request (OPTIONS * HTTP/1.1) is answered without a 5xx', async () => {
        const arb = fc.constantFrom('OPTIONS', 'GET', 'HEAD').map((m) => req(m, '*'));
        await holds('asterisk-form target', arb, 10, { raw: true });
      });

      it('sitemap.xml and robots.txt answer unsupported methods with a 405 problem carrying Allow', async () => {
        const arb = fc.tuple(pick(['POST', 'PUT', 'DELETE', 'PATCH']), pick(METADATA_ROUTES)).map(([m, r]) => req(m, r));
        await holds('metadata routes 405', arb, 20);
      });

      it('an unknown path under /api/ is a 404 problem document, not the HTML not-found page', async () => {
        const arb = fc
          .tuple(getOrHead, fc.oneof(asciiWord, encodedUnicode, fc.tuple(asciiWord, asciiWord).map(([a, b]) => `${a}/${b}`)))
          .map(([m, s]) => req(m, `/api/${s}`))
          // Dot segments are normalised away first (RFC 3986 §5.2.4): /api/. redirects to /api.
          .filter((r) => classify(r.path) === 'api-unrouted' && !/\/\.{1,2}(\/|$)/.test(r.path));
        await holds('unknown /api/ paths', arb, 50, {
          extra: (_r, res) => {
            const type = String(res.headers['content-type'] ?? '');
            return res.status === 404 && /^application\/problem\+json\b/.test(type) ? [] : [`answered ${res.status} ${type}, not a 404 problem`];
          },
        });
      });

      it('an unknown query parameter is ignored (including names like constructor or toString)', async () => {
        const lists = ['/api/posts', '/api/events', '/api/changelog.json', ...FEED_ROUTES];
        const unknownKey = fc.oneof(
          pick(['utm_source', 'fbclid', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__']),
          fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/).filter((k) => !['limit', 'cursor', 'tag'].includes(k)),
        );
        const arb = fc.tuple(pick(lists), unknownKey, fc.stringMatching(/^[a-z0-9]{0,8}$/)).map(([r, k, v]) => req('GET', `${r}?${k}=${v}`));
        await holds('unknown query parameters ignored', arb, 60, {
          extra: (_r, res) => (res.status === 200 ? [] : [`answered ${res.status}, not 200 as without the parameter`]),
        });
      });
    });
  });
}
