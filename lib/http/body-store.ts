// Representation bodies kept in this process, one per resource slot (e.g. one post in one
// format): a new version replaces the old one, so memory follows the number of resources, not the
// number of publishes. The reference carries the ETag, and a body is used only if its ETag
// matches. Cached readers return that small reference; the warm path then costs no copy of a
// large body out of the 'use cache' store, and no re-encoding. Bounded by total bytes, least
// recently used first out.
import type { Representation } from './public-route';

const MAX_BYTES = 32 * 1024 * 1024;
const STORE = Symbol.for('gazette.bodyStore');
type Entry = { etag: string; bytes: Uint8Array };
type Store = { map: Map<string, Entry>; bytes: number };
type Holder = { [STORE]?: Store };
const store = (): Store => ((globalThis as Holder)[STORE] ??= { map: new Map(), bytes: 0 });
const encoder = new TextEncoder();

/** What a cached reader returns: everything but the body. */
export type RepresentationRef = Omit<Representation, 'body'> & { slot: string; bytes: number };

/** Keep the body here and return the reference to cache (call inside 'use cache' readers). */
export function toRef(rep: Representation, slot: string): RepresentationRef {
  const bytes = typeof rep.body === 'string' ? encoder.encode(rep.body) : rep.body;
  remember(slot, rep.etag, bytes);
  const { body: _body, ...ref } = rep;
  return { ...ref, slot, bytes: bytes.byteLength };
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

/** The body of a reference, or, if it was evicted, from the full reader (and kept again). */
export async function withBody(ref: RepresentationRef, full: () => Promise<Representation>): Promise<Representation> {
  const s = store();
  const hit = s.map.get(ref.slot);
  if (hit && hit.etag === ref.etag) {
    // Refresh its place in the LRU order.
    s.map.delete(ref.slot);
    s.map.set(ref.slot, hit);
    return { ...ref, body: hit.bytes };
  }
  const rep = await full();
  const bytes = typeof rep.body === 'string' ? encoder.encode(rep.body) : rep.body;
  remember(ref.slot, rep.etag, bytes);
  return { ...rep, body: bytes };
}
