// What a public route answers with, in one place: the representation a cached reader builds, the
// small reference it caches instead of a large body, the weak ETag that identifies it, and the
// process body store the reference points into. Imports nothing of ours (node only), so the
// content readers and the HTTP layer can both depend on it without depending on each other.
import { createHash } from 'node:crypto';

export type Body = string | Uint8Array;

/** A cached representation: plain data, as 'use cache' readers return it. */
export interface Representation {
  body: Body;
  contentType: string;
  etag: string;
  /** ISO 8601; the newest change of what the body shows. */
  lastModified?: string | undefined;
  /** Extra headers that belong to this representation (e.g. Link, Content-Disposition). */
  headers?: Record<string, string> | undefined;
}

/** What a cached reader returns when the body is large: everything but the body. */
export type RepresentationRef = Omit<Representation, 'body'> & { slot: string; bytes: number };

/**
 * A representation whose body is fetched only when a 200 needs it: validators and headers come
 * from the cached reference, so a 304 never touches the body (RFC 9110 §15.4.5 needs only the
 * headers), and a 200 takes the body from the store without copying it out of the cache.
 */
export interface LazyRepresentation extends RepresentationRef {
  load(): Promise<Representation>;
}

/**
 * A weak entity tag (RFC 9110 §8.8.3) over the representation's parts.
 *
 * Weak on purpose: Next's server gzips responses and sends the same ETag for the gzip and the
 * identity body, so a strong tag would promise byte equality that is not kept (§8.8.3.3).
 * A weak tag promises semantic equivalence, which is true, and weak comparison is all
 * If-None-Match uses (§13.1.2), so 304s keep working.
 */
export function weakEtag(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return `W/"${hash.digest('base64url').slice(0, 27)}"`;
}

// The body store: representation bodies kept in this process, one per resource slot (e.g. one
// post in one format). A new version replaces the old one, so memory follows the number of
// resources, not the number of publishes; a body is used only if its ETag matches the
// reference's. Cached readers return the small reference, so the warm path costs no copy of a
// large body out of the 'use cache' store and no re-encoding. Bounded by total bytes, least
// recently used first out.
const MAX_BYTES = 32 * 1024 * 1024;
const STORE = Symbol.for('gazette.bodyStore');
type Entry = { etag: string; bytes: Uint8Array };
type Store = { map: Map<string, Entry>; bytes: number };
type Holder = { [STORE]?: Store };
const store = (): Store => ((globalThis as Holder)[STORE] ??= { map: new Map(), bytes: 0 });
const encoder = new TextEncoder();
const toBytes = (body: Body): Uint8Array => (typeof body === 'string' ? encoder.encode(body) : body);

/** Keep the body in the store and return the reference to cache (call inside 'use cache' readers). */
export function toRef(rep: Representation, slot: string): RepresentationRef {
  const bytes = toBytes(rep.body);
  remember(slot, rep.etag, bytes);
  const { body: _body, ...ref } = rep;
  return { ...ref, slot, bytes: bytes.byteLength };
}

/** The reference with its body: from the store, or, if it was evicted, from `full` (and kept again). */
export function lazy(ref: RepresentationRef, full: () => Promise<Representation>): LazyRepresentation {
  return { ...ref, load: () => withBody(ref, full) };
}

function remember(slot: string, etag: string, bytes: Uint8Array): void {
  const s = store();
  const old = s.map.get(slot);
  if (old) {
    s.map.delete(slot);
    s.bytes -= old.bytes.byteLength;
  }
  s.map.set(slot, { etag, bytes });
  s.bytes += bytes.byteLength;
  for (const [key, value] of s.map) {
    if (s.bytes <= MAX_BYTES) break;
    s.map.delete(key);
    s.bytes -= value.bytes.byteLength;
  }
}

async function withBody(ref: RepresentationRef, full: () => Promise<Representation>): Promise<Representation> {
  const s = store();
  const hit = s.map.get(ref.slot);
  if (hit && hit.etag === ref.etag) {
    // Refresh its place in the LRU order.
    s.map.delete(ref.slot);
    s.map.set(ref.slot, hit);
    return { ...ref, body: hit.bytes };
  }
  const rep = await full();
  const bytes = toBytes(rep.body);
  remember(ref.slot, rep.etag, bytes);
  return { ...rep, body: bytes };
}
