// @ts-check
// The local tier of the shared 'use cache' store (lib/cache/shared-cache.mjs): entries this
// process has read, bounded by total bytes, least recently used out first; and the conversions
// between Next's entry streams and the bytes kept here.

/** @typedef {import('./redis-tier.mjs').StoredEntry} StoredEntry */

/** @param {number} maxBytes */
export function createLocalStore(maxBytes) {
  /** @type {Map<string, StoredEntry>} */
  const map = new Map();
  let bytes = 0;
  return {
    /** @param {string} key */
    get: (key) => map.get(key),
    /** @param {string} key @param {StoredEntry} entry */
    set(key, entry) {
      const old = map.get(key);
      if (old) {
        map.delete(key);
        bytes -= old.bytes.byteLength;
      }
      map.set(key, entry);
      bytes += entry.bytes.byteLength;
      for (const [k, v] of map) {
        if (bytes <= maxBytes) break;
        map.delete(k);
        bytes -= v.bytes.byteLength;
      }
    },
    /** Mark an entry as just used (the LRU order is the map's insertion order). @param {string} key @param {StoredEntry} entry */
    touch(key, entry) {
      map.delete(key);
      map.set(key, entry);
    },
    clear() {
      map.clear();
      bytes = 0;
    },
    get size() {
      return map.size;
    },
    get bytes() {
      return bytes;
    },
  };
}

/** @param {Uint8Array} bytes */
export function streamOf(bytes) {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** @param {ReadableStream<Uint8Array>} stream */
export async function bytesOf(stream) {
  const chunks = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

