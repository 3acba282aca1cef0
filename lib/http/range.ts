// Range requests (RFC 9110 §14): what part of a stored file a GET asks for, and the answer that
// serves it. The byte-range syntax is parsed by `range-parser`; the decisions around it are
// here, each with its section. Only a single range is ever served: a request for several
// disjoint ranges gets the whole representation (200), which §14.2 allows ("a server MAY
// ignore the Range header field"), and which spares us multipart/byteranges and the
// many-small-ranges attacks §17.15 warns about. Knows nothing of storage: the bytes come from
// the `open` function of the representation it is given.
import parseRange from 'range-parser';
import { cachePolicyHeaders, type CachePolicyName } from './cache-policy';
import { isNotModified } from './conditional';
import { problem, toResponse } from './problem';

/** Inclusive byte positions, as in a Content-Range (§14.4). */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeDecision =
  | { kind: 'whole' }
  | { kind: 'partial'; range: ByteRange }
  | { kind: 'unsatisfiable' };

const WHOLE: RangeDecision = { kind: 'whole' };

/**
 * If-Range (§13.1.5): the Range applies only when the validator is our current entity tag,
 * compared strongly (§8.8.3.2: both strong, same opaque tag). A weak tag, a different tag or an
 * HTTP-date (we send no Last-Modified to compare it with) means "send me everything".
 */
export function ifRangeMatches(ifRange: string, etag: string): boolean {
  const value = ifRange.trim();
  return !etag.startsWith('W/') && !value.startsWith('W/') && value === etag;
}

/**
 * What to send for a request, given the representation's size and strong ETag.
 * Called only when the answer would otherwise be 200 (If-None-Match is evaluated first,
 * §13.2.2: If-Range is the last precondition).
 */
export function decideRange(method: string, headers: Headers, size: number, etag: string): RangeDecision {
  // §14.2: GET is the only method for which range handling is defined; a server MUST ignore
  // Range on any other (so HEAD describes the whole representation).
  if (method !== 'GET') return WHOLE;
  const header = headers.get('range');
  if (header === null) return WHOLE;
  // §13.1.5: If-Range without a match means the whole representation, 200.
  const ifRange = headers.get('if-range');
  if (ifRange !== null && !ifRangeMatches(ifRange, etag)) return WHOLE;
  // §14.1: range units are case-insensitive; an origin MUST ignore a unit it does not know
  // (before satisfiability: `items=5000-` is not a 416).
  if (header.slice(0, Math.max(0, header.indexOf('='))).trim().toLowerCase() !== 'bytes') return WHOLE;
  const ranges = parseRange(size, clipSuffixes(header, size), { combine: true });
  // -2: not a ranges-specifier at all (§14.2: a server MAY ignore an invalid Range).
  if (ranges === -2) return WHOLE;
  // -1: no range overlaps the representation (§14.1.1 satisfiability) → 416 (§15.5.17).
  if (ranges === -1) return { kind: 'unsatisfiable' };
  // Overlapping ranges were coalesced (§14.2 allows it); disjoint ones get the whole file.
  if (ranges.length !== 1) return WHOLE;
  const [range] = ranges;
  return range ? { kind: 'partial', range: { start: range.start, end: range.end } } : WHOLE;
}

/**
 * §14.1.3: "If the selected representation is shorter than the specified suffix-length, the
 * entire representation is used." range-parser 1.3 calls such a suffix unsatisfiable (a
 * negative start), so a suffix longer than the file is shortened to the file first.
 */
function clipSuffixes(header: string, size: number): string {
  return header.replace(/(^[^=]*=|,)(\s*)-(\d+)(?=\s*(?:,|$))/g, (spec, before: string, space: string, digits: string) =>
    size > 0 && Number(digits) > size ? `${before}${space}-${size}` : spec,
  );
}

/** Content-Range of a 206 (§14.4): `bytes first-last/complete-length`. */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}

// Content-Range of a 416 (§14.4, §15.5.17): the complete length only, e.g. `bytes */1234`.
export function unsatisfiedRange(size: number): string {
  return `bytes */${size}`;
}

/** A stored file as the responder serves it: strong validator, size, and how to read it. */
export interface ByteRepresentation {
  /** A strong entity tag (§8.8.3): the bytes are identical whenever it is. */
  etag: string;
  contentType: string;
  size: number;
  policy: CachePolicyName;
  /** Headers every answer about this file carries (200, 206, 304). */
  headers: Record<string, string>;
  /** The bytes, all or [start, end]; throws (an HttpError) when they cannot be read. */
  open(range?: ByteRange): Promise<ReadableStream<Uint8Array>>;
  /** Throws as `open` would, without reading (HEAD answers without opening the file). */
  check(): Promise<void>;
}

/**
 * Answer a GET or HEAD for a file: 304 (§13.1.2, §15.4.5), 206 with Content-Range (§15.3.7),
 * 416 (§15.5.17) or 200, each with Accept-Ranges (§14.3) and the file's validators and cache
 * headers. The body is streamed, never buffered.
 */
export async function respondWithBytes(request: Request, rep: ByteRepresentation): Promise<Response> {
  const common = { etag: rep.etag, 'accept-ranges': 'bytes', ...cachePolicyHeaders(rep.policy), ...rep.headers };
  // §15.4.5: a 304 carries the validators and cache headers a 200 would, no content headers.
  if (isNotModified(request.headers, { etag: rep.etag })) return new Response(null, { status: 304, headers: common });
  const decision = decideRange(request.method, request.headers, rep.size, rep.etag);
  if (decision.kind === 'unsatisfiable') {
    // Never stored: a cache that ignores Range would hand this 416 to plain GETs.
    const answer = problem(416, `The requested range is outside this ${rep.size}-byte file.`, {
      cache: 'none',
      headers: { 'content-range': unsatisfiedRange(rep.size), 'accept-ranges': 'bytes' },
    });
    return toResponse(answer, request.method);
  }
  const partial = decision.kind === 'partial' ? decision.range : undefined;
  const headers: Record<string, string> = {
    ...common,
    'content-type': rep.contentType,
    // Next 16.4 drops Content-Length from route handler responses (its send-response.js) and
    // sends the stream chunked; said anyway, for any server that keeps it.
    'content-length': String(partial ? partial.end - partial.start + 1 : rep.size),
    ...(partial ? { 'content-range': contentRange(partial, rep.size) } : {}),
  };
  const status = partial ? 206 : 200;
  // §9.3.2: HEAD is GET without the body; it still fails as GET would when the file is missing.
  if (request.method === 'HEAD') {
    await rep.check();
    return new Response(null, { status, headers });
  }
  return new Response(await rep.open(partial), { status, headers });
}
