// Representation bodies kept in this process, keyed by their ETag (which hashes the format and
// the bytes, so a key never names two bodies). Cached readers return a small reference; the
// warm path then costs no copy of a large body out of the 'use cache' store, and no re-encoding.
// Bounded by total bytes, least recently used first out.
import type { Representation } from './public-route';

const MAX_BYTES = 64 * 1024 * 1024;
const STORE = Symbol.for('gazette.bodyStore');
type Store = { map: Map<string, Uint8Array>; bytes: number };
type Holder = { [STORE]?: Store };
const store = (): Store => ((globalThis as Holder)[STORE] ??= { map: new Map(), bytes: 0 });
const encoder = new TextEncoder();

/** What a cached reader returns: everything but the body. */
export type RepresentationRef = Omit<Representation, 'body'> & { bytes: number };

/** Keep the body here and return the reference to cache (call inside 'use cache' readers). */
export function toRef(rep: Representation): RepresentationRef {
  const bytes = typeof rep.body === 'string' ? encoder.encode(rep.body) : rep.body;
  remember(rep.etag, bytes);
  const { body: _body, ...ref } = rep;
  return { ...ref, bytes: bytes.byteLength };
}

function remember(etag: string, bytes: Uint8Array): void {
  const s = store();
  const old = s.map.get(etag);
  if (old) {
    s.map.delete(etag);
    s.bytes -= old.byteLength;
  }
  s.map.set(etag, bytes);
  s.bytes += bytes.byteLength;
  for (const [key, value] of s.map) {
    if (s.bytes <= MAX_BYTES) break;
    s.map.delete(key);
    s.bytes -= value.byteLength;
  }
}

/** The body of a reference, or, if it was evicted, from the full reader (and kept again). */
export async function withBody(ref: RepresentationRef, full: () => Promise<Representation>): Promise<Representation> {
  const s = store();
  const hit = s.map.get(ref.etag);
  if (hit) {
    // Refresh its place in the LRU order.
    s.map.delete(ref.etag);
    s.map.set(ref.etag, hit);
    return { ...ref, body: hit };
  }
  const rep = await full();
  const bytes = typeof rep.body === 'string' ? encoder.encode(rep.body) : rep.body;
  remember(rep.etag, bytes);
  return { ...rep, body: bytes };
}
